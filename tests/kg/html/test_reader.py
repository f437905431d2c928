"""kg.html.reader: a build's store as the view model."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.html.reader import read_view_graph
from tests.kg.html.fixtures import EVIL_ACTOR, TEXT_A, TEXT_B


@pytest.fixture(scope="module")
def graph(hand_build):
    return read_view_graph(hand_build)


@pytest.mark.parametrize(
    ("kind", "count"),
    [("document", 2), ("actor", 6), ("stage", 3), ("step", 1), ("time", 2), ("requirement", 7)],
)
def test_node_counts_per_kind(graph, kind, count):
    assert Counter(n.kind for n in graph.nodes.values())[kind] == count


@pytest.mark.parametrize(
    ("relation", "count"),
    [("responsibleActor", 5), ("stage", 5), ("deadline", 2), ("reportsTo", 1), ("precedes", 1)],
)
def test_edges_per_relation(graph, relation, count):
    assert Counter(e.relation for e in graph.edges)[relation] == count


def test_quotes_are_exact_slices_of_the_source(graph):
    texts = {"a.txt": TEXT_A, "b.txt": TEXT_B}
    quotes = [q for n in graph.nodes.values() for q in n.quotes]
    assert quotes
    assert all(texts[q.document][q.start : q.end] == q.text for q in quotes)


def test_requirement_label_is_its_quote(graph):
    labels = {n.label for n in graph.nodes.values() if n.kind == "requirement"}
    assert "党员要参加" in labels


def test_actor_inherits_stages_of_its_requirements(graph):
    actor = next(n for n in graph.nodes.values() if n.label == EVIL_ACTOR)
    assert actor.stages == ["分析评议"]


def test_quantity_shown_as_property(graph):
    req = next(n for n in graph.nodes.values() if "45个学时" in n.label)
    assert ("数量", ">= 45 学时") in req.props


@pytest.mark.parametrize("kind", ["actor", "stage", "step", "time", "requirement"])
def test_every_node_shows_its_rule_and_confidence(graph, kind):
    shown = [{k for k, _ in n.props} for n in graph.nodes.values() if n.kind == kind]
    assert shown and all({"规则", "置信度"} <= keys for keys in shown)


@pytest.mark.parametrize("kind", ["actor", "stage", "step", "time", "requirement"])
def test_every_node_has_its_quotes(graph, kind):
    quoted = [bool(n.quotes) for n in graph.nodes.values() if n.kind == kind]
    assert quoted and all(quoted)
