"""kg.nx.projection: the store of a hand-made build as a MultiDiGraph."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.nx.projection import edges_of, nodes_of, out_by


def _label(G, n):
    return G.nodes[n]["label"]


def test_node_types_counted(nx_graph):
    counts = Counter(t for _, t in nx_graph.nodes(data="type"))
    assert counts == {
        "Document": 2,
        "Actor": 7,
        "Stage": 5,
        "Step": 2,
        "TimeExpression": 3,
        "Requirement": 11,
    }


def test_literals_are_attributes_not_nodes(nx_graph):
    assert all(isinstance(n, str) and n.startswith("https://") for n in nx_graph)


@pytest.mark.parametrize(
    ("key", "pairs"),
    [
        ("reportsTo", {("党支部", "党委"), ("党委", "督导组")}),
        ("approves", {("党委", "党支部")}),
        ("subOrganizationOf", {("区委督导组", "区委")}),
        ("precedes", {("学习动员", "分析评议"), ("分析评议", "整改提高"), ("大讨论", "转段")}),
    ],
)
def test_relation_edges(nx_graph, key, pairs):
    got = {(_label(nx_graph, u), _label(nx_graph, v)) for u, v in edges_of(nx_graph, key)}
    assert got == pairs


def test_relation_edge_carries_documents_and_evidence(nx_graph):
    (u, v) = edges_of(nx_graph, "approves")[0]
    d = nx_graph.edges[u, v, "approves"]
    assert d["documents"] == ("a.txt",)
    assert d["evidence"] == (("a.txt", 18, 30, "党支部转段请示由党委批复"),)


def test_each_document_keeps_its_own_stage_order(nx_graph):
    docs = sorted(
        nx_graph.edges[u, v, "precedes"]["documents"]
        for u, v in edges_of(nx_graph, "precedes")
        if (_label(nx_graph, u), _label(nx_graph, v)) == ("学习动员", "分析评议")
    )
    assert docs == [("a.txt",), ("b.txt",)]


def test_requirement_attributes(nx_graph):
    (r,) = [r for r in nodes_of(nx_graph, "Requirement") if "3000字" in nx_graph.nodes[r]["quote"]]
    d = nx_graph.nodes[r]
    assert (d["modality"], d["document"], d["start"], d["end"]) == ("obligation", "a.txt", 65, 99)
    assert d["quantities"] == ((">=", 3000, "字"),)
    assert [_label(nx_graph, t) for t in out_by(nx_graph, r, "deadline")] == ["3月10日"]
    assert [_label(nx_graph, s) for s in out_by(nx_graph, r, "stage")] == ["分析评议"]


def test_actor_attributes(nx_graph):
    (a,) = [a for a in nodes_of(nx_graph, "Actor") if _label(nx_graph, a) == "党支部"]
    d = nx_graph.nodes[a]
    assert (d["aliases"], d["actor_type"], d["scope"], d["documents"]) == (
        ("支部",),
        "PartyBranch",
        "local",
        ("a.txt",),
    )


def test_global_actor_merges_documents(nx_graph):
    (a,) = [a for a in nodes_of(nx_graph, "Actor") if _label(nx_graph, a) == "党员"]
    assert nx_graph.nodes[a]["documents"] == ("a.txt", "b.txt")


def test_time_expression_attributes(nx_graph):
    d = {
        nx_graph.nodes[t]["label"]: nx_graph.nodes[t] for t in nodes_of(nx_graph, "TimeExpression")
    }
    assert (d["3月20日"]["normalized"], d["3月20日"]["role"], d["3月20日"]["document"]) == (
        "--03-20",
        "deadline",
        "b.txt",
    )
