"""graph.ttl from an external sort: same bytes whatever the run size, the union of the graphs."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build.external_sort import ExternalSorter, triple_line, write_union_turtle
from kg.builddir import TURTLE_PREFIXES
from ontology.namespaces import PREFIXES

PREFIX_MAP = {k: str(PREFIXES[k]) for k in TURTLE_PREFIXES}


@pytest.mark.parametrize("run_bytes", [50_000, 64 * 1024 * 1024])
def test_turtle_bytes_do_not_depend_on_the_run_size(seeds_build, tmp_path, run_bytes):
    write_union_turtle(
        seeds_build / "graph.nq", tmp_path / "g.ttl", PREFIX_MAP, run_bytes=run_bytes
    )
    assert (tmp_path / "g.ttl").read_bytes() == (seeds_build / "graph.ttl").read_bytes()


def test_turtle_is_the_union_of_the_document_graphs(seeds_build):
    ds = Dataset()
    ds.parse(seeds_build / "graph.nq", format="nquads")
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    ttl = Graph().parse(seeds_build / "graph.ttl", format="turtle")
    assert isomorphic(union, ttl)


@pytest.mark.parametrize(
    ("quad", "triple"),
    [
        (
            "<http://e/s> <http://e/p> <http://e/o> <http://e/g> .",
            "<http://e/s> <http://e/p> <http://e/o> .",
        ),
        (
            '<http://e/s> <http://e/p> "a <b> c" <http://e/g> .',
            '<http://e/s> <http://e/p> "a <b> c" .',
        ),
        ('_:b1 <http://e/p> "x"@zh <http://e/g> .\n', '_:b1 <http://e/p> "x"@zh .'),
    ],
)
def test_triple_line_drops_the_graph_name(quad, triple):
    assert triple_line(quad) == triple


def test_store_default_graph_is_the_union_of_its_named_graphs(tmp_path):
    import pyoxigraph as ox

    from kg.build.run import build
    from kg.graph.store import open_store
    from tests.kg.conftest import SEEDS

    build([SEEDS], tmp_path / "out", progress=False, views=False)
    store = open_store(tmp_path / "out")
    named, default = set(), set()
    for q in store.quads_for_pattern(None, None, None):
        t = (str(q.subject), str(q.predicate), str(q.object))
        (default if isinstance(q.graph_name, ox.DefaultGraph) else named).add(t)
    assert default == named


@pytest.mark.parametrize(
    ("chunks", "run_bytes"),
    [
        ([["b", "a"], ["b", "c"]], 10**6),  # in memory
        ([["b", "a"], ["b", "c"]], 70),  # one run per line
        ([["d", "c", "b"], [], ["a", "d"]], 200),  # runs and a rest in memory
        ([[]], 70),  # nothing
    ],
)
def test_external_sorter_gives_the_distinct_lines_in_order(tmp_path, chunks, run_bytes):
    sorter = ExternalSorter(tmp_path, run_bytes)
    for chunk in chunks:
        sorter.add(chunk)
    assert list(sorter.drain()) == sorted({line for chunk in chunks for line in chunk})
    assert list(tmp_path.iterdir()) == []


def test_external_sorter_discard_removes_its_runs(tmp_path):
    sorter = ExternalSorter(tmp_path, run_bytes=70)
    sorter.add(["b", "a", "c"])
    assert list(tmp_path.iterdir())
    sorter.discard()
    assert list(tmp_path.iterdir()) == [] and list(sorter.drain()) == []
