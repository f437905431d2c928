"""kg.nx.responsibility: who, matrix."""

from __future__ import annotations

import pytest

from kg.nx.common import UnknownItem
from kg.nx.responsibility import cell_rows, matrix_rows, who


@pytest.mark.parametrize(
    ("actor", "kwargs", "expected"),
    [
        ("党委", {}, [("党委", "direct", 48), ("党委", "direct", 57), ("党组织", "generic", 119)]),
        ("党委", {"include_generic": False}, [("党委", "direct", 48), ("党委", "direct", 57)]),
        ("支部", {"include_generic": False}, [("党支部", "direct", 0)]),
        ("区委", {"include_generic": False}, []),
        (
            "区委",
            {"include_generic": False, "include_subunits": True},
            [("区委督导组", "subunit", 130)],
        ),
        (
            "督导组",
            {"include_generic": False},
            [("督导组", "direct", 39), ("区委督导组", "direct", 130)],
        ),
        ("党员", {}, [("党员", "direct", 18), ("党员", "direct", 65)]),
    ],
)
def test_who_rows(nx_graph, actor, kwargs, expected):
    rows = who(nx_graph, actor, **kwargs)
    assert [(r["actor"], r["via"], r["start"]) for r in rows] == expected


def test_who_row_carries_quote_stage_deadline_quantities(nx_graph):
    (row,) = [r for r in who(nx_graph, "党员") if r["document"] == "a.txt"]
    assert row["quote"] == "分析评议阶段党员要写党性分析材料，不少于3000字，3月10日前完成"
    assert (row["stage"], row["deadline"], row["quantities"]) == (
        "分析评议",
        "3月10日 (--03-10)",
        [">=3000字"],
    )


def test_who_unknown_actor(nx_graph):
    with pytest.raises(UnknownItem):
        who(nx_graph, "不存在的机构")


def test_matrix_counts(nx_graph):
    rows = {r["actor"]: r for r in matrix_rows(nx_graph)}
    assert (rows["党员"]["学习动员"], rows["党员"]["分析评议"], rows["党员"]["total"]) == (1, 1, 2)
    assert rows["党委"]["(none)"] == 2


def test_matrix_long_lists_requirements(nx_graph):
    cells = {(r["actor"], r["stage"]): r for r in matrix_rows(nx_graph, long=True)}
    assert cells[("党支部", "学习动员")]["requirements"] == [
        {"document": "a.txt", "start": 0, "end": 17, "quote": "各支部要在3月15日前完成学习动员"}
    ]


def test_cell_rows(nx_graph):
    assert [r["start"] for r in cell_rows(nx_graph, "党委", "(none)")] == [48, 57]
