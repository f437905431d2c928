"""kg.nx.chains: reporting/approval chains and transition approvers."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.nx.chains import chains, transitions


def test_all_chains(nx_graph):
    rows = chains(nx_graph)
    assert [(r["chain"], r["relations"]) for r in rows] == [
        ("党支部 -> 党委 -> 督导组", ["approvedBy+reportsTo", "reportsTo"])
    ]


def test_chain_hops_carry_quotes(nx_graph):
    (row,) = chains(nx_graph, "党委")
    assert row["chain"] == "党委 -> 督导组"
    assert row["hops"][0]["evidence"] == [
        {"document": "a.txt", "start": 31, "end": 38, "quote": "并报督导组备案"}
    ]


def test_chain_max_length(nx_graph):
    assert [r["chain"] for r in chains(nx_graph, "党支部", max_length=1)] == ["党支部 -> 党委"]


def test_transitions(nx_graph):
    got = [
        (r["document"], r["from_stage"], r["to_stage"], r["approver"])
        for r in transitions(nx_graph)
    ]
    assert got == [
        ("a.txt", "学习动员", "分析评议", "党委"),
        ("a.txt", "分析评议", "整改提高", "党委"),
        ("b.txt", "学习动员", "分析评议", None),
    ]


def _two_documents() -> nx.MultiDiGraph:
    """党支部 reportsTo 党委 in a.txt; 党委 reportsTo 督导组 in b.txt (党委 shared)."""
    G = nx.MultiDiGraph(documents={"doc:a": "a.txt", "doc:b": "b.txt"})
    for n, label, docs in (
        ("actor:zb", "党支部", ("a.txt",)),
        ("actor:dw", "党委", ("a.txt", "b.txt")),
        ("actor:dd", "督导组", ("b.txt",)),
    ):
        G.add_node(n, type="Actor", label=label, aliases=(), documents=docs)
    for u, v, doc, quote in (
        ("actor:zb", "actor:dw", "a.txt", "报党委"),
        ("actor:dw", "actor:dd", "b.txt", "报督导组"),
    ):
        G.add_edge(u, v, key="reportsTo", documents=(doc,), evidence=((doc, 0, 3, quote),))
    return G


@pytest.mark.parametrize(
    ("across", "expected"),
    [
        (False, [("党委 -> 督导组", ["b.txt"]), ("党支部 -> 党委", ["a.txt"])]),
        (True, [("党支部 -> 党委 -> 督导组", ["a.txt", "b.txt"])]),
    ],
)
def test_chains_stay_in_one_document_unless_asked(across, expected):
    rows = chains(_two_documents(), across_documents=across)
    assert [(r["chain"], r["documents"]) for r in rows] == expected


def test_a_chain_from_a_shared_actor_follows_each_of_its_documents():
    rows = chains(_two_documents(), "党委")
    assert [(r["chain"], r["documents"]) for r in rows] == [("党委 -> 督导组", ["b.txt"])]
