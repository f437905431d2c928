"""kg.nx.timeline: deadlines in date order."""

from __future__ import annotations

import pytest

from kg.nx.timeline import timeline


@pytest.mark.parametrize(
    ("merged", "expected"),
    [
        (False, [("a.txt", "--03-10"), ("a.txt", "--03-15"), ("b.txt", "--03-20")]),
        (True, [("a.txt", "--03-10"), ("a.txt", "--03-15"), ("b.txt", "--03-20")]),
    ],
)
def test_timeline_order(nx_graph, merged, expected):
    assert [(r["document"], r["date"]) for r in timeline(nx_graph, merged=merged)] == expected


def test_timeline_row_applies_to_requirement(nx_graph):
    row = timeline(nx_graph)[1]
    assert (row["applies_to"], row["stage"], row["actors"], row["start"], row["end"]) == (
        "各支部要在3月15日前完成学习动员",
        "学习动员",
        ["党支部"],
        0,
        17,
    )


def test_timeline_roles_filter(nx_graph):
    assert timeline(nx_graph, roles=("event",)) == []


def _relative_years_graph(year):
    import networkx as nx

    G = nx.MultiDiGraph(documents={"doc:c": "c.txt"})
    G.add_node("doc:c", type="Document", label="c.txt", **({"year": year} if year else {}))
    for n, (label, value, start) in enumerate((("9月", "--09", 10), ("去年10月", "--10", 40))):
        G.add_node(
            f"t:{n}",
            type="TimeExpression",
            label=label,
            normalized=value,
            role="schedule",
            document="c.txt",
            start=start,
            end=start + len(label),
            quote=label,
        )
    return G


@pytest.mark.parametrize("year", [2005, None])
@pytest.mark.parametrize("merged", [False, True])
def test_last_years_october_comes_before_september(year, merged):
    rows = timeline(_relative_years_graph(year), merged=merged)
    assert [r["time"] for r in rows] == ["去年10月", "9月"]
