"""Consistency findings: gaps and contradictions an analyst should look at.

Findings are data, not errors: :func:`check` returns them as rows (``kg check``
exits 0 unless asked with ``--fail-on-findings``). The kinds, in output order:

``no-responsible-actor``
    a requirement with no responsible actor;
``deadline-before-dependency``
    a requirement whose deadline ends before the deadline of something it
    depends on (``dependsOn``), or of a requirement of an earlier stage of the
    same document;
``transition-without-approver``
    a stage transition (a document's ``precedes`` between stages) in a
    document that states no ``approves``;
``required-and-forbidden``
    the same normalized action under obligation and under prohibition;
``stage-order-conflict``
    two documents ordering the same two stages oppositely.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> sorted({f["finding"] for f in check(example_graph())})
['transition-without-approver']
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from kg.nx.chains import transitions
from kg.nx.common import date_key, deadline_value, normalize_action, stage_ranks
from kg.nx.projection import nodes_of, out_by

FINDINGS = (
    "no-responsible-actor",
    "deadline-before-dependency",
    "transition-without-approver",
    "required-and-forbidden",
    "stage-order-conflict",
)
CHECK_COLUMNS = ["finding", "subject", "detail", "document", "start", "end", "quote"]


def _req(G: nx.MultiDiGraph, r: str) -> dict[str, Any]:
    d = G.nodes[r]
    return {k: d.get(k) for k in ("document", "start", "end", "quote")}


def _end(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    k = date_key(value)
    return None if k[0] == 9999 else (k[3], k[4])


def no_responsible_actor(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Requirements with no ``responsibleActor``."""
    return [
        {
            "finding": "no-responsible-actor",
            "subject": G.nodes[r].get("modality"),
            "detail": "no responsible actor",
            **_req(G, r),
        }
        for r in nodes_of(G, "Requirement")
        if not out_by(G, r, "responsibleActor")
    ]


def deadline_conflicts(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Deadlines that end before the deadline of what must come first."""
    out = []
    seen: set[tuple[str, str]] = set()
    ranks = stage_ranks(G)
    reqs = [r for r in nodes_of(G, "Requirement") if _end(deadline_value(G, r))]
    for r in reqs:
        mine = deadline_value(G, r)
        for x in out_by(G, r, "dependsOn"):
            theirs = deadline_value(G, x) if G.nodes[x]["type"] == "Requirement" else None
            if theirs and _end(mine) < _end(theirs):  # type: ignore[operator]
                seen.add((r, x))
                out.append(_deadline_row(G, r, x, mine, theirs, "depends on"))
    by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in reqs:
        for s in out_by(G, r, "stage"):
            by_doc[G.nodes[r].get("document") or ""].append((ranks.get(s, 10**6), r))
    for items in by_doc.values():
        for (ra, a), (rb, b) in combinations(sorted(items), 2):
            if (
                (b, a) not in seen
                and ra < rb
                and _end(deadline_value(G, b)) < _end(deadline_value(G, a))
            ):  # type: ignore[operator]
                out.append(
                    _deadline_row(
                        G,
                        b,
                        a,
                        deadline_value(G, b),
                        deadline_value(G, a),
                        "is in a later stage than",
                    )
                )
    return out


def _deadline_row(G, r: str, x: str, mine, theirs, how: str) -> dict[str, Any]:
    return {
        "finding": "deadline-before-dependency",
        "subject": mine,
        "detail": f"deadline {mine} ends before {theirs}, the deadline of what it {how}: "
        f"{G.nodes[x]['label']}",
        **_req(G, r),
    }


def transitions_without_approver(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Stage transitions of a document that states no approval."""
    out = []
    for t in transitions(G):
        if t["approver"] is None:
            out.append(
                {
                    "finding": "transition-without-approver",
                    "subject": f"{t['from_stage']} -> {t['to_stage']}",
                    "detail": "no approves statement in the document",
                    **{k: t[k] for k in ("document", "start", "end", "quote")},
                }
            )
    return out


def required_and_forbidden(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The same normalized action both required (obligation) and forbidden (prohibition)."""
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in nodes_of(G, "Requirement"):
        m = G.nodes[r].get("modality")
        if m not in ("obligation", "prohibition"):
            continue
        actors = [x for a in out_by(G, r, "responsibleActor") for x in _names(G.nodes[a])]
        action = normalize_action(G.nodes[r].get("quote") or "", actors)
        if len(action) >= 2:
            groups[action][m].append(r)
    out = []
    for action, by in sorted(groups.items()):
        if by.get("obligation") and by.get("prohibition"):
            for m in ("obligation", "prohibition"):
                for r in by[m]:
                    out.append(
                        {
                            "finding": "required-and-forbidden",
                            "subject": action,
                            "detail": f"{m}; also "
                            + ("prohibition" if m == "obligation" else "obligation")
                            + " elsewhere",
                            **_req(G, r),
                        }
                    )
    return out


def _names(d: dict[str, Any]) -> list[str]:
    return [d["label"], *d.get("aliases", ())]


def stage_order_conflicts(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Pairs of stages that two documents order oppositely (transitively, per document)."""
    stages = nodes_of(G, "Stage")
    per_doc: dict[str, nx.DiGraph] = defaultdict(nx.DiGraph)
    for u in stages:
        for v in out_by(G, u, "precedes"):
            if G.nodes[v]["type"] == "Stage":
                for doc in G.edges[u, v, "precedes"].get("documents", ()):
                    per_doc[doc].add_edge(u, v)
    said: dict[tuple[str, str], set[str]] = defaultdict(set)
    where: dict[tuple[str, str, str], tuple[str, str]] = {}
    for doc, H in per_doc.items():
        for u in H:
            for v in nx.descendants(H, u):
                pair = (G.nodes[u]["label"], G.nodes[v]["label"])
                said[pair].add(doc)
                where[(*pair, doc)] = (u, v)
    out = []
    for (a, b), docs in sorted(said.items()):
        other = said.get((b, a))
        if other:
            for doc in sorted(docs):
                out.append(
                    {
                        "finding": "stage-order-conflict",
                        "subject": f"{a} / {b}",
                        "detail": f"{doc} puts {a} first; {', '.join(sorted(other))} put {b} first",
                        "document": doc,
                        **_precedes_evidence(G, *where[(a, b, doc)], doc),
                    }
                )
    return out


def _precedes_evidence(G: nx.MultiDiGraph, u: str, v: str, doc: str) -> dict[str, Any]:
    if G.has_edge(u, v, "precedes"):
        for e in G.edges[u, v, "precedes"].get("evidence", ()):
            if e[0] == doc:
                return {"start": e[1], "end": e[2], "quote": e[3]}
    return {"start": None, "end": None, "quote": None}


def check(G: nx.MultiDiGraph, *, only: tuple[str, ...] = FINDINGS) -> list[dict[str, Any]]:
    """All findings of the kinds in ``only`` (see module docstring), as rows.

    Returns
    -------
    list of dict
        :data:`CHECK_COLUMNS`, by kind then document and offset.
    """
    funcs = {
        "no-responsible-actor": no_responsible_actor,
        "deadline-before-dependency": deadline_conflicts,
        "transition-without-approver": transitions_without_approver,
        "required-and-forbidden": required_and_forbidden,
        "stage-order-conflict": stage_order_conflicts,
    }
    rows = []
    for kind in FINDINGS:
        if kind in only:
            found = funcs[kind](G)
            found.sort(key=lambda f: (f["document"] or "", f["start"] or 0, f["subject"] or ""))
            rows.extend(found)
    return rows
