"""kg.nx.dependencies: prerequisites and per-document order."""

from __future__ import annotations

import pytest

from kg.nx.common import UnknownItem
from kg.nx.dependencies import prerequisites, stage_order


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("整改提高", ["学习动员", "分析评议"]),
        ("分析评议", ["学习动员"]),
        ("学习动员", []),
        ("转段", ["大讨论"]),
        ("a.txt:65-99", ["学习动员", "各支部要在3月15日前完成学习动员"]),
    ],
)
def test_prerequisites_in_order(nx_graph, item, expected):
    assert [r["item"] for r in prerequisites(nx_graph, item)] == expected


def test_prerequisite_row_carries_evidence(nx_graph):
    first = prerequisites(nx_graph, "整改提高")[0]
    assert (first["relation"], first["document"], first["start"], first["quote"]) == (
        "precedes",
        "a.txt",
        141,
        "学习动员之后是分析评议",
    )


def test_prerequisites_unknown_item(nx_graph):
    with pytest.raises(UnknownItem):
        prerequisites(nx_graph, "不存在")


def test_stage_order_per_document(nx_graph):
    got = [(r["document"], r["position"], r["item"]) for r in stage_order(nx_graph)]
    assert got == [
        ("a.txt", 1, "学习动员"),
        ("a.txt", 2, "分析评议"),
        ("a.txt", 3, "整改提高"),
        ("a.txt", 4, "大讨论"),
        ("a.txt", 5, "转段"),
        ("b.txt", 1, "学习动员"),
        ("b.txt", 2, "分析评议"),
    ]


def test_stage_order_uses_each_documents_own_edges(nx_conflict_graph):
    got = [(r["position"], r["item"], r["cycle"]) for r in stage_order(nx_conflict_graph)]
    c_rows = got[-2:]
    assert c_rows == [(1, "分析评议", None), (2, "学习动员", None)]


def test_prerequisites_through_a_cycle_terminate(nx_conflict_graph):
    items = [r["item"] for r in prerequisites(nx_conflict_graph, "整改提高")]
    assert sorted(items) == ["分析评议", "学习动员"]


def test_stage_order_reports_a_cycle_within_a_document():
    from kg.nx.examples import example_graph_with_cycle

    rows = stage_order(example_graph_with_cycle())
    assert [(r["item"], r["cycle"]) for r in rows] == [
        ("学习动员", "分析评议 -> 学习动员"),
        ("分析评议", "分析评议 -> 学习动员"),
    ]
