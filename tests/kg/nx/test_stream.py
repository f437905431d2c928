"""kg.nx.stream: the projection streamed into its saved file, from graph.nq or the store."""

from __future__ import annotations

import pytest

from kg.graph.store import open_store
from kg.nx.cache import Projection
from kg.nx.stream import nquads_quads, save_streamed, store_quads
from kg.quality.summary import counts_from_nquads
from ontology.namespaces import CK, OA, RDF, RDFS


@pytest.mark.parametrize("build", ["nx_build", "seeds_build"])
def test_graph_nq_and_store_give_the_same_file(build, request, tmp_path):
    out = request.getfixturevalue(build)
    save_streamed(nquads_quads(out / "graph.nq"), tmp_path / "nq.sqlite")
    save_streamed(store_quads(open_store(out)), tmp_path / "store.sqlite")
    assert (tmp_path / "nq.sqlite").read_bytes() == (tmp_path / "store.sqlite").read_bytes()


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


def test_counts_are_distinct_typed_nodes_of_the_union(seeds_build, tmp_path):
    save_streamed(nquads_quads(seeds_build / "graph.nq"), tmp_path / "p.sqlite")
    nq = (seeds_build / "graph.nq").read_text(encoding="utf-8")
    assert Projection(tmp_path / "p.sqlite").counts() == counts_from_nquads(nq).types


T = str(RDF.type)


@pytest.mark.parametrize(
    ("quads", "counts"),
    [
        ([], {}),
        ([("http://e/a", T, str(CK.Actor), "http://e/g1")], {"Actor": 1}),
        (
            [
                ("http://e/a", T, str(CK.Actor), "http://e/g1"),
                ("http://e/a", T, str(CK.Actor), "http://e/g2"),
            ],
            {"Actor": 1},
        ),
        ([("http://e/q", T, str(CK.Quantity), "http://e/g1")], {"Quantity": 1}),
        ([("http://e/r", T, str(CK.RelationAssertion), "http://e/g1")], {"Relation": 1}),
        ([("http://e/k", T, str(CK.PhaseKind), "http://e/g1")], {}),
        (
            [
                ("http://e/a", T, str(CK.Actor), "http://e/g1"),
                ("http://e/a", T, str(CK.PartyCommittee), "http://e/g1"),
                ("http://e/s", T, str(CK.Stage), "http://e/g1"),
            ],
            {"Actor": 1, "Stage": 1},
        ),
    ],
)
def test_counts_of_hand_made_quads(tmp_path, quads, counts):
    save_streamed(quads, tmp_path / "p.sqlite")
    assert Projection(tmp_path / "p.sqlite").counts() == counts
