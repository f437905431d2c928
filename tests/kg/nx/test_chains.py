"""kg.nx.chains: reporting/approval chains and transition approvers."""

from __future__ import annotations

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
