"""Deterministic node positions for graphs too large for in-browser physics.

The *skeleton* (documents, actors, stages, steps) is laid out with NetworkX's
``spring_layout`` under a fixed seed (a circle when the skeleton itself is
large); requirements, time expressions and groups, the bulk of any graph, are
placed on a sunflower spiral around their anchor (responsible actor, else
stage, else document). Linear in the number of satellites, same input -> same
positions.

Examples
--------
>>> from kg.html.model import ViewEdge, ViewGraph, ViewNode
>>> g = ViewGraph()
>>> g.add_node(ViewNode("a", "actor", "区委"))
>>> g.add_node(ViewNode("r", "requirement", "要求"))
>>> g.add_edge(ViewEdge("r", "a", "responsibleActor"))
>>> pos = layout(g)
>>> sorted(pos) == ["a", "r"] and pos == layout(g)
True
"""

from __future__ import annotations

import math

import networkx as nx

from kg.html.model import ViewGraph

SATELLITES = ("requirement", "time", "group")
ANCHOR_PRIORITY = {"actor": 0, "stage": 1, "step": 2, "document": 3}
SPRING_LIMIT = 1500
"""Skeletons larger than this are laid on a circle instead of spring_layout."""
SPACING = 28.0
"""Distance between neighbouring satellites on a spiral (pixels)."""
GOLDEN = math.pi * (3 - math.sqrt(5))
SEED = 7


def _anchors(g: ViewGraph) -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for e in g.edges:
        for sat, other in ((e.source, e.target), (e.target, e.source)):
            if g.nodes[sat].kind in SATELLITES and g.nodes[other].kind in ANCHOR_PRIORITY:
                rank = (ANCHOR_PRIORITY[g.nodes[other].kind], other)
                if sat not in best or rank < best[sat]:
                    best[sat] = rank
    return {sat: other for sat, (_, other) in best.items()}


def _skeleton_positions(g: ViewGraph, ids: list[str], radius: float) -> dict[str, tuple]:
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (0.0, 0.0)}
    if len(ids) > SPRING_LIMIT:
        step = 2 * math.pi / len(ids)
        return {
            i: (radius * math.cos(k * step), radius * math.sin(k * step)) for k, i in enumerate(ids)
        }
    sk = nx.Graph()
    sk.add_nodes_from(ids)
    keep = set(ids)
    sk.add_edges_from(
        sorted((e.source, e.target) for e in g.edges if e.source in keep and e.target in keep)
    )
    pos = nx.spring_layout(sk, seed=SEED, iterations=60, scale=radius)
    return {i: (float(pos[i][0]), float(pos[i][1])) for i in ids}


def layout(g: ViewGraph) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in pixels for every node of ``g``, rounded to 0.1.

    Parameters
    ----------
    g : ViewGraph
        The graph to lay out.

    Returns
    -------
    dict
        Node id -> (x, y).
    """
    ordered = [n.id for n in g.sorted_nodes()]
    skeleton = [i for i in ordered if g.nodes[i].kind not in SATELLITES]
    anchors = _anchors(g)
    load: dict[str, list[str]] = {}
    loose: list[str] = []
    for i in ordered:
        if g.nodes[i].kind in SATELLITES:
            if i in anchors:
                load.setdefault(anchors[i], []).append(i)
            else:
                loose.append(i)
    # room for the largest spiral around each anchor, and for all anchors together
    widest = max((len(v) for v in load.values()), default=1)
    radius = SPACING * math.sqrt(max(len(g.nodes), 1)) * 1.5 + SPACING * math.sqrt(widest)
    pos = _skeleton_positions(g, skeleton, radius)
    for anchor, sats in load.items():
        ax, ay = pos[anchor]
        for k, i in enumerate(sats, start=1):
            r = SPACING * math.sqrt(k + 1)
            pos[i] = (ax + r * math.cos(k * GOLDEN), ay + r * math.sin(k * GOLDEN))
    if loose:  # a grid block right of everything else
        cols = max(1, int(math.sqrt(len(loose))))
        x0 = max((p[0] for p in pos.values()), default=0.0) + 4 * SPACING
        y0 = min((p[1] for p in pos.values()), default=0.0)
        for k, i in enumerate(loose):
            pos[i] = (x0 + (k % cols) * SPACING, y0 + (k // cols) * SPACING)
    return {i: (round(x, 1), round(y, 1)) for i, (x, y) in pos.items()}
