"""Actors ranked by directives carried, degree and betweenness.

The responsibility/reporting graph is undirected: actors and requirements,
an edge between a requirement and each responsible actor, and one between
two actors for each ``reportsTo``, ``approves``, ``supervises`` or
``subOrganizationOf``. Betweenness is exact up to :data:`EXACT_LIMIT` nodes
and sampled above (``k`` source nodes, fixed seed, so results repeat). At 1 M
edges a sample of 100 sources costs minutes (TOOLING-NOTES: 156 s), hence the
default of :data:`SAMPLES`.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> [(r["actor"], r["directives"], r["degree"]) for r in hubs(example_graph())]
[('督导组', 1, 2), ('党委', 0, 1)]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.nx.common import actor_names
from kg.nx.projection import nodes_of

ACTOR_RELATIONS = ("reportsTo", "approves", "supervises", "subOrganizationOf")
EXACT_LIMIT = 5_000
"""Above this many nodes, betweenness is sampled."""
SAMPLES = 50
"""Source nodes sampled for betweenness above :data:`EXACT_LIMIT`."""
ORDERS = ("directives", "degree", "betweenness")
HUB_COLUMNS = [
    "rank",
    "actor",
    "directives",
    "degree",
    "betweenness",
    "documents",
    "sampled",
]


def responsibility_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected actor-requirement-actor graph the rankings use.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> responsibility_graph(example_graph()).number_of_edges()
    2
    """
    R = nx.Graph()
    R.add_nodes_from(nodes_of(G, "Actor"))
    for u, v, k in G.edges(keys=True):
        if k == "responsibleActor" or k in ACTOR_RELATIONS:
            R.add_edge(u, v)
    return R


def hubs(
    G: nx.MultiDiGraph,
    *,
    by: str = "directives",
    top: int | None = None,
    samples: int = SAMPLES,
    exact_limit: int = EXACT_LIMIT,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Rank actors.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    by : {"directives", "degree", "betweenness"}
        The ranking measure; ties by the others, then label.
    top : int, optional
        Keep the first ``top`` rows.
    samples, exact_limit, seed : int
        Betweenness sampling (see module docstring).

    Returns
    -------
    list of dict
        :data:`HUB_COLUMNS`; ``actor`` is the label, followed by the
        jurisdiction or the documents where another actor has the same label
        (:func:`kg.nx.common.actor_names`); ``directives`` counts requirements
        the actor is responsible for, ``documents`` the documents that mention it.
    """
    if by not in ORDERS:
        raise ValueError(f"unknown ranking {by!r} (choose from {', '.join(ORDERS)})")
    R = responsibility_graph(G)
    sampled = R.number_of_nodes() > exact_limit
    bc = nx.betweenness_centrality(
        R, k=min(samples, R.number_of_nodes()) if sampled else None, seed=seed
    )
    rows = []
    actors = list(nodes_of(G, "Actor"))
    names = actor_names(G, actors)
    for a in actors:
        d = G.nodes[a]
        directives = sum(1 for keys in G.pred[a].values() if "responsibleActor" in keys)
        rows.append(
            {
                "actor": names[a],
                "directives": directives,
                "degree": R.degree(a),
                "betweenness": round(bc.get(a, 0.0), 6),
                "documents": list(d.get("documents", ())),
                "sampled": sampled,
            }
        )
    others = [o for o in ORDERS if o != by]
    rows.sort(key=lambda r: (-r[by], -r[others[0]], -r[others[1]], r["actor"]))
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    rows = [{c: r[c] for c in HUB_COLUMNS} for r in rows]
    return rows[:top] if top else rows
