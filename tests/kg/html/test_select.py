"""kg.html.select: filters, focus neighbourhoods and the aggregated overview."""

from __future__ import annotations

import pytest

from kg.html.model import ViewEdge, ViewGraph, ViewNode
from kg.html.select import SelectionError, aggregate, by_document, by_types, find_focus, focus


def chain() -> ViewGraph:
    """d.txt mentions a - r1 - s - r2 - b (actor, requirement, stage, requirement, actor)."""
    g = ViewGraph()
    for i, kind in [
        ("a", "actor"),
        ("r1", "requirement"),
        ("s", "stage"),
        ("r2", "requirement"),
        ("b", "actor"),
    ]:
        g.add_node(ViewNode(i, kind, f"L{i}", docs=["d.txt"]))
    g.add_node(ViewNode("d", "document", "d.txt", docs=["d.txt"]))
    for src, dst, rel in [
        ("r1", "a", "responsibleActor"),
        ("r1", "s", "stage"),
        ("r2", "s", "stage"),
        ("r2", "b", "responsibleActor"),
    ]:
        g.add_edge(ViewEdge(src, dst, rel))
    for i in ("a", "r1", "s", "r2", "b"):
        g.add_edge(ViewEdge(i, "d", "mentionedIn"))
    return g


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0, {"a", "d"}),
        (1, {"a", "r1", "d"}),
        (2, {"a", "r1", "s", "d"}),
        (4, {"a", "r1", "s", "r2", "b", "d"}),
    ],
)
def test_focus_depth(depth, expected):
    assert set(focus(chain(), "La", depth).nodes) == expected


def test_focus_does_not_travel_through_documents():
    assert "b" not in focus(chain(), "La", 2).nodes


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Ls", ["s"]), ("r2", ["r2"]), ("Lr", ["r1", "r2"]), ("nothing", [])],
)
def test_find_focus(label, expected):
    assert find_focus(chain(), label) == expected


def test_focus_unknown_label_is_one_line_error():
    with pytest.raises(SelectionError, match=r"^--focus 无: "):
        focus(chain(), "无")


def test_by_types_keeps_edges_between_kept_nodes():
    g = by_types(chain(), ["actor", "requirement"])
    assert set(g.nodes) == {"a", "r1", "r2", "b"}
    assert {e.relation for e in g.edges} == {"responsibleActor"}


def test_by_types_rejects_unknown_type():
    with pytest.raises(SelectionError, match="unknown type bogus"):
        by_types(chain(), ["bogus"])


def test_by_document_unknown_is_error():
    with pytest.raises(SelectionError, match=r"--doc x\.txt"):
        by_document(chain(), "x.txt")


def test_aggregate_groups_requirements_per_actor():
    g = aggregate(chain())
    groups = [n for n in g.nodes.values() if n.kind == "group"]
    assert len(groups) == 2 and all(n.count == 1 for n in groups)
    assert not any(n.kind == "requirement" for n in g.nodes.values())
    assert {e.relation for e in g.edges} >= {"responsibleActor", "stage", "mentionedIn"}
