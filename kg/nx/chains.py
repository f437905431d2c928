"""Approval and reporting chains, and who approves each stage transition (转段).

The authority graph has an edge ``a -> b`` when ``a reportsTo b``, ``b approves
a`` or ``b supervises a``: a chain follows it upwards, e.g. 党支部 -> 党委 -> 督导组.
A hop's relation names them (``reportsTo``, ``approvedBy``, ``supervisedBy``;
joined with ``+`` when the two actors are linked several ways).

Examples
--------
>>> from kg.nx.examples import example_graph
>>> [r["chain"] for r in chains(example_graph())]
['党委 -> 督导组']
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from kg.nx.common import find_nodes, stage_ranks, unknown_item
from kg.nx.projection import edges_of, nodes_of

UP_RELATIONS: dict[str, str] = {
    "reportsTo": "reportsTo",
    "approves": "approvedBy",
    "supervises": "supervisedBy",
}
"""Relation -> name of the upward hop (``b approves a`` is ``a approvedBy b``)."""

TRANSITION_CUE = re.compile(r"转段|转入|进入.{0,8}阶段|批复|审批|验收")
"""Words that tie an ``approves`` statement to a stage transition."""

EVIDENCE_KEYS = ("document", "start", "end", "quote")
CHAIN_COLUMNS = ["chain", "relations", "length", "documents", "quotes"]
TRANSITION_COLUMNS = [
    "document",
    "from_stage",
    "to_stage",
    "approver",
    "approved",
    "start",
    "end",
    "quote",
]


def _authority(
    G: nx.MultiDiGraph, document: str | None = None
) -> dict[str, list[tuple[str, str, tuple]]]:
    """Actor -> its ``(superior, hop relations, evidence)``; parallel relations merged.

    With ``document``, only the relations that document states (and their evidence there).
    """
    found: dict[str, dict[str, tuple[set[str], set[tuple]]]] = {}
    for k, hop in UP_RELATIONS.items():
        for u, v in edges_of(G, k):
            data = G.edges[u, v, k]
            evidence = data.get("evidence", ())
            if document is not None:
                if document not in data.get("documents", ()):
                    continue
                evidence = [e for e in evidence if e[0] == document]
            a, b = (u, v) if k == "reportsTo" else (v, u)
            rels, evs = found.setdefault(a, {}).setdefault(b, (set(), set()))
            rels.add(hop)
            evs.update(evidence)
    return {
        a: sorted(
            (
                (b, "+".join(sorted(rels)), tuple(sorted(evs, key=str)))
                for b, (rels, evs) in ups.items()
            ),
            key=lambda t: (G.nodes[t[0]]["label"], t[0]),
        )
        for a, ups in found.items()
    }


def chains(
    G: nx.MultiDiGraph,
    actor: str | None = None,
    *,
    max_length: int = 8,
    limit: int = 1000,
    across_documents: bool = False,
) -> list[dict[str, Any]]:
    """Reporting and approval chains, bottom up.

    By default a chain stays inside one document: each of its hops is stated by that
    document, so an actor shared by several documents (党委) never joins a hop of one
    speech to a hop of another; the same chain stated by two documents is two rows.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    actor : str, optional
        Start at this actor (label, alias or kind); default: every actor that
        has a superior but no subordinate.
    max_length : int
        Most hops per chain (cycles are never followed).
    limit : int
        Most chains returned.
    across_documents : bool
        Join hops stated by different documents (one row per chain, its documents listed).

    Returns
    -------
    list of dict
        :data:`CHAIN_COLUMNS` plus ``hops``: one dict per hop with ``from``,
        ``to``, ``relation`` and its ``evidence`` (document, start, end, quote).

    Raises
    ------
    UnknownItem
        When ``actor`` matches no actor.
    """
    wanted = None
    if actor is not None:
        wanted = find_nodes(G, actor, ("Actor",))
        if not wanted:
            raise unknown_item(G, "actor", actor, ("Actor",))
    if across_documents:
        scopes = [_authority(G)]
    else:
        scopes = [_authority(G, d) for d in sorted(set(G.graph.get("documents", {}).values()))]
    rows: list[dict[str, Any]] = []
    for up in scopes:
        if wanted is not None:
            starts = [n for n in wanted if n in up]
        else:
            upper = {b for ups in up.values() for b, _, _ in ups}
            starts = sorted(set(up) - upper, key=lambda n: (G.nodes[n]["label"], n))
        for s in starts:
            for path in _paths(up, s, max_length):
                rows.append(_chain_row(G, s, path))
    if not across_documents:
        rows.sort(key=lambda r: (r["chain"], r["documents"]))
    return rows[:limit]


def _paths(up: dict[str, list[tuple]], start: str, max_length: int) -> list[list[tuple]]:
    out: list[list[tuple]] = []
    stack: list[tuple[str, list[tuple], frozenset]] = [(start, [], frozenset([start]))]
    while stack:
        n, path, seen = stack.pop()
        ups = [h for h in up.get(n, ()) if h[0] not in seen] if len(path) < max_length else []
        if not ups:
            if path:
                out.append(path)
            continue
        for h in reversed(ups):
            stack.append((h[0], [*path, (n, *h)], seen | {h[0]}))
    return out


def _chain_row(G: nx.MultiDiGraph, start: str, path: list[tuple]) -> dict[str, Any]:
    label = G.nodes
    hops = [
        {
            "from": label[a]["label"],
            "to": label[b]["label"],
            "relation": rel,
            "evidence": [dict(zip(EVIDENCE_KEYS, e, strict=True)) for e in ev],
        }
        for a, b, rel, ev in path
    ]
    docs = sorted({e["document"] for h in hops for e in h["evidence"]})
    quotes = [h["evidence"][0]["quote"] for h in hops if h["evidence"]]
    return {
        "chain": " -> ".join([label[start]["label"]] + [label[b]["label"] for _, b, _, _ in path]),
        "relations": [h["relation"] for h in hops],
        "length": len(hops),
        "documents": docs,
        "quotes": quotes,
        "hops": hops,
    }


def transitions(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Who approves each stage transition, per document.

    A transition is a ``precedes`` edge between two stages that the document
    asserts; its approvers are the ``approves`` statements of the same
    document whose quote speaks of a transition (:data:`TRANSITION_CUE`), or
    all of the document's ``approves`` statements when none does. A
    transition without any has ``approver`` None and the evidence of the
    ``precedes`` statement.

    Returns
    -------
    list of dict
        :data:`TRANSITION_COLUMNS`, by document then stage order.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> G = example_graph()
    >>> [(r["from_stage"], r["to_stage"], r["approver"]) for r in transitions(G)]
    [('学习动员', '分析评议', None)]
    >>> _ = G.add_edge("actor:dd", "actor:dw", key="approves", documents=("a.txt",),
    ...            evidence=(("a.txt", 41, 50, "转段请示由督导组批复"),))
    >>> [(r["approver"], r["approved"], r["quote"]) for r in transitions(G)]
    [('督导组', '党委', '转段请示由督导组批复')]
    """
    ranks = stage_ranks(G)
    approvals: dict[str, list[tuple]] = {}
    for u, v in edges_of(G, "approves"):
        for e in G.edges[u, v, "approves"].get("evidence", ()):
            approvals.setdefault(e[0], []).append((u, v, e))
        for doc in G.edges[u, v, "approves"].get("documents", ()):
            if not any(a[:2] == (u, v) for a in approvals.get(doc, [])):
                approvals.setdefault(doc, []).append((u, v, (doc, None, None, None)))
    rows: list[dict[str, Any]] = []
    stages = set(nodes_of(G, "Stage"))
    stage_pairs: dict[str, list[tuple]] = {}
    for u, v in edges_of(G, "precedes"):
        if u in stages and v in stages:
            for doc in G.edges[u, v, "precedes"].get("documents", ()):
                stage_pairs.setdefault(doc, []).append((ranks.get(u, 0), ranks.get(v, 0), u, v))
    for doc in sorted(G.graph.get("documents", {}).values()):
        pairs = sorted(stage_pairs.get(doc, ()))
        found = approvals.get(doc, [])
        cued = [a for a in found if a[2][3] and TRANSITION_CUE.search(a[2][3])]
        chosen = sorted(cued or found, key=lambda a: (a[2][1] or 0, a[0], a[1]))
        for _, _, u, v in pairs:
            base = {
                "document": doc,
                "from_stage": G.nodes[u]["label"],
                "to_stage": G.nodes[v]["label"],
            }
            if not chosen:
                ev = [e for e in G.edges[u, v, "precedes"].get("evidence", ()) if e[0] == doc]
                e = min(ev, key=str) if ev else (doc, None, None, None)
                rows.append(
                    {**base, "approver": None, "approved": None}
                    | {"start": e[1], "end": e[2], "quote": e[3]}
                )
            for a, b, e in chosen:
                rows.append(
                    {
                        **base,
                        "approver": G.nodes[a]["label"],
                        "approved": G.nodes[b]["label"],
                        "start": e[1],
                        "end": e[2],
                        "quote": e[3],
                    }
                )
    return rows
