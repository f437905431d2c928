"""The overview rule (:func:`kg.html.explore_data.pick_overview`) graph.html and /explore share."""

from __future__ import annotations

import json
import re

import pytest

from kg.html.explore_data import (
    OVERVIEW_ACTORS,
    OVERVIEW_STAGES,
    explore_page,
    overview,
    pick_overview,
)
from kg.html.model import ViewEdge, ViewGraph, ViewNode


def _candidates(stages: int, actors: int) -> list[tuple[str, str, str]]:
    return [(f"s{i}", "stage", f"阶段{i}") for i in range(stages)] + [
        (f"a{i}", "actor", f"主体{i}") for i in range(actors)
    ]


@pytest.mark.parametrize(
    ("stages", "actors", "shown"),
    [
        (0, 0, 0),
        (3, 5, 8),
        (OVERVIEW_STAGES, OVERVIEW_ACTORS, OVERVIEW_STAGES + OVERVIEW_ACTORS),
        (5_000, 50_000, OVERVIEW_STAGES + OVERVIEW_ACTORS),
    ],
)
def test_the_overview_is_bounded_at_any_size(stages, actors, shown):
    assert len(pick_overview(_candidates(stages, actors), {})) == shown


def test_the_actors_with_most_requirements_come_first():
    degree = {f"a{i}": i for i in range(40)}
    picked = pick_overview(_candidates(0, 40), degree)
    assert picked == [f"a{i}" for i in range(39, 39 - OVERVIEW_ACTORS, -1)]


@pytest.mark.parametrize("kind", ["requirement", "step", "time", "group", "document"])
def test_other_kinds_are_never_in_the_overview(kind):
    assert pick_overview([("x", kind, "x")], {"x": 99}) == []


def _crowded() -> ViewGraph:
    """One stage with one requirement, beside 30 requirements of one busy actor."""
    g = ViewGraph()
    g.add_node(ViewNode("s", "stage", "学习", docs=["d.txt"]))
    g.add_node(ViewNode("a", "actor", "党委", docs=["d.txt"]))
    g.add_node(ViewNode("r", "requirement", "要学习。", docs=["d.txt"]))
    g.add_edge(ViewEdge("r", "s", "stage"))
    for i in range(30):
        g.add_node(ViewNode(f"b{i}", "actor", f"主体{i}", docs=["d.txt"]))
        g.add_edge(ViewEdge(f"b{i}", "a", "supervises"))
    return g


def test_graph_html_keeps_its_overview_when_it_keeps_only_the_busiest_nodes():
    g = _crowded()
    page = explore_page(g, limit=20)  # 33 nodes: the stage has too few edges to be kept
    data = json.loads(re.search(r'id="explore-data">(.*?)</script>', page, re.S).group(1))
    shown = [data["nodes"][i][0] for i in data["overview"]]  # ids outside ID[""] stay whole
    assert shown == overview(g) and "s" in shown and len(data["nodes"]) == 20
