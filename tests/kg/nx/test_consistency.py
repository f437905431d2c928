"""kg.nx.consistency: findings."""

from __future__ import annotations

from collections import Counter

from kg.nx.consistency import check


def test_findings_by_kind(nx_graph):
    assert Counter(f["finding"] for f in check(nx_graph)) == {
        "no-responsible-actor": 3,
        "deadline-before-dependency": 1,
        "transition-without-approver": 1,
        "required-and-forbidden": 2,
    }


def test_deadline_before_dependency_names_the_requirement(nx_graph):
    (f,) = check(nx_graph, only=("deadline-before-dependency",))
    assert (f["document"], f["start"], f["end"], f["subject"]) == ("a.txt", 65, 99, "--03-10")


def test_required_and_forbidden_pairs(nx_graph):
    rows = check(nx_graph, only=("required-and-forbidden",))
    assert [(r["subject"], r["quote"]) for r in rows] == [
        ("组织学习", "党委不得组织学习"),
        ("组织学习", "党委要组织学习"),
    ]


def test_stage_order_conflict_between_documents(nx_conflict_graph):
    rows = check(nx_conflict_graph, only=("stage-order-conflict",))
    assert sorted((r["document"], r["subject"]) for r in rows) == [
        ("a.txt", "学习动员 / 分析评议"),
        ("c.txt", "分析评议 / 学习动员"),
    ]
