"""kg.nx.hubs: rankings."""

from __future__ import annotations

import pytest

from kg.nx.hubs import hubs


@pytest.mark.parametrize(
    ("by", "first"),
    [("directives", "党委"), ("degree", "党委"), ("betweenness", "党委")],
)
def test_hubs_first(nx_graph, by, first):
    assert hubs(nx_graph, by=by)[0]["actor"] == first


def test_hubs_counts(nx_graph):
    rows = {r["actor"]: r for r in hubs(nx_graph)}
    assert (rows["党员"]["directives"], rows["党员"]["documents"]) == (2, ["a.txt", "b.txt"])
    assert rows["区委"]["directives"] == 0


def test_hubs_sampled_is_deterministic(nx_graph):
    a = hubs(nx_graph, by="betweenness", exact_limit=1, samples=5, seed=1)
    b = hubs(nx_graph, by="betweenness", exact_limit=1, samples=5, seed=1)
    assert a == b
    assert a[0]["sampled"] is True


def test_same_label_actors_are_told_apart_by_document(nx_graph):
    G = nx_graph.copy()
    G.add_node("twin", type="Actor", label="党员", documents=("z.txt",))
    names = [r["actor"] for r in hubs(G) if r["actor"].startswith("党员")]
    assert sorted(names) == ["党员 (a.txt, b.txt)", "党员 (z.txt)"]
