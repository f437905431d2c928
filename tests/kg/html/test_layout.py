"""kg.html.layout: deterministic positions for large graphs."""

from __future__ import annotations

from kg.html.layout import layout
from kg.html.model import ViewEdge, ViewGraph, ViewNode


def big(n_actors: int = 20, per_actor: int = 50) -> ViewGraph:
    g = ViewGraph()
    for a in range(n_actors):
        g.add_node(ViewNode(f"a{a}", "actor", f"主体{a}"))
        for r in range(per_actor):
            g.add_node(ViewNode(f"r{a}-{r}", "requirement", f"要求{a}-{r}"))
            g.add_edge(ViewEdge(f"r{a}-{r}", f"a{a}", "responsibleActor"))
    g.add_node(ViewNode("loose", "requirement", "无主"))
    return g


def test_every_node_gets_a_position():
    g = big()
    assert set(layout(g)) == set(g.nodes)


def test_layout_is_deterministic():
    assert layout(big()) == layout(big())


def test_no_two_nodes_share_a_position():
    pos = layout(big())
    assert len(set(pos.values())) == len(pos)
