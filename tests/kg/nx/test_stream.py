"""kg.nx.stream: the projection streamed into its saved file equals the one made in memory."""

from __future__ import annotations

import pytest

from kg.graph.store import open_store
from kg.nx.cache import save
from kg.nx.projection import project
from kg.nx.stream import nquads_quads, save_streamed, store_quads
from ontology.namespaces import CK, OA, RDF, RDFS


@pytest.fixture(scope="module", params=["nx_build", "seeds_build"])
def in_memory(request, tmp_path_factory):
    """A build and its projection made in memory, saved."""
    out = request.getfixturevalue(request.param)
    path = tmp_path_factory.mktemp("mem") / "p.sqlite"
    save(project(open_store(out)), path)
    return out, path


@pytest.mark.parametrize("source", ["graph.nq", "store"])
def test_streamed_projection_is_the_same_file(in_memory, source, tmp_path):
    out, expected = in_memory
    quads = nquads_quads(out / "graph.nq") if source == "graph.nq" else store_quads(open_store(out))
    save_streamed(quads, tmp_path / "p.sqlite")
    assert (tmp_path / "p.sqlite").read_bytes() == expected.read_bytes()


def test_streaming_leaves_only_the_saved_file(nx_build, tmp_path):
    save_streamed(nquads_quads(nx_build / "graph.nq"), tmp_path / "p.sqlite")
    assert [p.name for p in tmp_path.iterdir()] == ["p.sqlite"]


def test_quads_the_projection_ignores_are_not_read(tmp_path):
    f = tmp_path / "g.nq"
    f.write_text('<http://e/s> <http://e/p> "x" <http://e/g> .\n', encoding="utf-8")
    assert list(nquads_quads(f)) == []


@pytest.mark.parametrize(
    "predicate", [RDF.type, RDFS.label, CK.modality, CK.evidence, OA.start, OA.exact, CK.precedes]
)
def test_graph_nq_gives_the_quads_the_store_holds(seeds_build, predicate):
    p = str(predicate)
    from_store = sorted((q for q in store_quads(open_store(seeds_build)) if q[1] == p), key=repr)
    from_file = sorted((q for q in nquads_quads(seeds_build / "graph.nq") if q[1] == p), key=repr)
    assert from_file == from_store and from_store


def test_graph_nq_default_graph_is_skipped(tmp_path):
    f = tmp_path / "g.nq"
    label = f"<{RDFS.label}>"
    f.write_text(f'<http://e/s> {label} "1" .\n<http://e/s> {label} "2" <http://e/g> .\n')
    assert list(nquads_quads(f)) == [("http://e/s", str(RDFS.label), "2", "http://e/g")]
