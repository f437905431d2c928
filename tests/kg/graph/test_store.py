"""kg.graph.store: reading quads predicate by predicate, from the store or from N-Quads."""

from __future__ import annotations

import pytest

from kg.graph.iri import ONTOLOGY_GRAPH
from kg.graph.store import PredicateIndex, iter_predicate, open_store
from ontology.namespaces import CK, OA, RDF, RDFS


@pytest.mark.parametrize(
    "predicate", [RDF.type, RDFS.label, CK.modality, CK.evidence, OA.start, OA.exact, CK.precedes]
)
def test_predicate_index_reads_what_the_store_holds(seeds_build, predicate):
    index = PredicateIndex(seeds_build / "graph.nq")
    store = open_store(seeds_build)
    onto = str(ONTOLOGY_GRAPH)  # the store's own graph, not in graph.nq
    from_store = sorted(
        (q for q in iter_predicate(store, str(predicate)) if q[2] != onto), key=repr
    )
    from_index = sorted(iter_predicate(index, str(predicate)), key=repr)
    assert from_index == from_store and from_store


def test_predicate_index_skips_the_default_graph(tmp_path):
    f = tmp_path / "g.nq"
    f.write_text(
        '<http://e/s> <http://e/p> "1" .\n<http://e/s> <http://e/p> "2" <http://e/g> .\n',
        encoding="utf-8",
    )
    assert list(iter_predicate(PredicateIndex(f), "http://e/p")) == [
        ("http://e/s", "2", "http://e/g")
    ]
