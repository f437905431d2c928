"""Explore (``/explore``): start from one node, expand its neighbours, hide what is in the way.

The page opens on an overview (:func:`overview`: the stages with most
requirements and the actors responsible for most, chosen by the rule
``graph.html`` applies, :func:`kg.html.explore_data.pick_overview`, so at most
40 nodes at any build size), never on the whole graph. A search
(:func:`search`: actors, stages, steps, times and requirements whose label or
quote contains the words) lists candidates; choosing one draws it with its
neighbours (:func:`neighbours`, at most :data:`NEIGHBOURS` of them, the
number left out is shown); clicking a node draws its neighbours too. Nodes
can be hidden and relation types filtered out (``kg/html/static/explore.js``, the
script the offline ``graph.html`` runs too, over its embedded graph).
Documents are not nodes: they would join everything.

Examples
--------
>>> kind_rank("actor") < kind_rank("requirement")
True
"""

from __future__ import annotations

import sqlite3
from typing import Any

from kg.address import actor_href, actor_key, span_href
from kg.html.explore_data import (
    OVERVIEW_KINDS,
    OVERVIEW_RELATIONS,
    explore_body,
    pick_overview,
)
from kg.server.workbench.shell import page

NEIGHBOURS = 20
RESULTS = 20
KINDS = ("actor", "stage", "step", "time", "requirement")
KIND_NAMES = {
    "actor": "主体",
    "stage": "阶段",
    "step": "环节",
    "time": "时间",
    "requirement": "要求",
}


def kind_rank(kind: str) -> int:
    """Order of kinds in search results: actors first, requirements last."""
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def _node(r: sqlite3.Row) -> dict[str, Any]:
    iri, kind = r["iri"], r["kind"]
    href = ""
    if kind == "actor" and actor_key(iri):
        href = actor_href(iri)
    elif r["start"] is not None:
        href = span_href(r["document"], r["start"], r["end"])
    return {
        "id": iri,
        "label": r["label"],
        "kind": kind,
        "kind_name": KIND_NAMES.get(kind, kind),
        "detail": r["detail"] or "",
        "document": r["document"] or "",
        "href": href,
    }


def search(db: sqlite3.Connection, text: str) -> list[dict[str, Any]]:
    """Nodes whose label contains every word of ``text``, exact labels and actors first."""
    words = text.split()
    if not words:
        return []
    where = " AND ".join("instr(label, ?) > 0" for _ in words)
    rank = " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS))
    rows = db.execute(
        f"SELECT * FROM nodes WHERE {where} "
        f"ORDER BY label != ?, CASE kind {rank} ELSE 9 END, length(label), label, iri LIMIT ?",
        [*words, text.strip(), RESULTS],
    ).fetchall()
    return [_node(r) for r in rows]


def neighbours(
    db: sqlite3.Connection, iri: str, limit: int = NEIGHBOURS, document: str = ""
) -> dict[str, Any] | None:
    """A node, its neighbours (at most ``limit``) and the edges to them; ``None`` if unknown.

    With ``document``, only the edges that document asserts: a node shared by
    many documents (a global actor such as 党员) then does not lead out of it.
    """
    row = db.execute("SELECT * FROM nodes WHERE iri = ?", (iri,)).fetchone()
    if row is None:
        return None
    within = " AND document = ?" if document else ""
    params = (iri, document, iri, document) if document else (iri, iri)
    edges = db.execute(
        f"SELECT source, type, target FROM edges WHERE source = ?{within} "
        f"UNION SELECT source, type, target FROM edges WHERE target = ?{within} ORDER BY 2, 1, 3",
        params,
    ).fetchall()
    others: dict[str, None] = {}  # in order, without repeats
    for e in edges:
        other = e["target"] if e["source"] == iri else e["source"]
        if other != iri:
            others.setdefault(other)
    shown = list(others)[:limit]
    nodes = []
    if shown:
        marks = ", ".join("?" * len(shown))
        found = {
            r["iri"]: r for r in db.execute(f"SELECT * FROM nodes WHERE iri IN ({marks})", shown)
        }
        nodes = [_node(found[o]) for o in shown if o in found]
    kept = {n["id"] for n in nodes} | {iri}
    return {
        "node": _node(row),
        "nodes": nodes,
        "edges": [
            {"source": e["source"], "type": e["type"], "target": e["target"]}
            for e in edges
            if e["source"] in kept and e["target"] in kept
        ],
        "more": max(0, len(others) - len(nodes)),
    }


def overview(db: sqlite3.Connection) -> dict[str, Any]:
    """The nodes ``/explore`` opens on and the edges between them (as ``graph.html``'s overview).

    Each stage and actor is ranked by its distinct incoming
    :data:`~kg.html.explore_data.OVERVIEW_RELATIONS` edges, counted in the index.
    """
    marks = ", ".join("?" * len(OVERVIEW_RELATIONS))
    degree = dict(
        db.execute(
            "SELECT target, COUNT(*) FROM (SELECT DISTINCT source, type, target FROM edges "
            f"WHERE type IN ({marks}) AND source != target) GROUP BY target",
            OVERVIEW_RELATIONS,
        ).fetchall()
    )
    kinds = ", ".join("?" * len(OVERVIEW_KINDS))
    rows = db.execute(
        f"SELECT * FROM nodes WHERE kind IN ({kinds}) ORDER BY iri", OVERVIEW_KINDS
    ).fetchall()
    found = {r["iri"]: r for r in rows}
    chosen = pick_overview(((r["iri"], r["kind"], r["label"]) for r in rows), degree)
    marks = ", ".join("?" * len(chosen))
    edges = db.execute(
        f"SELECT DISTINCT source, type, target FROM edges WHERE source IN ({marks}) "
        f"AND target IN ({marks}) AND source != target ORDER BY 2, 1, 3",
        [*chosen, *chosen],
    ).fetchall()
    return {
        "nodes": [_node(found[i]) for i in chosen],
        "edges": [{"source": e[0], "type": e[1], "target": e[2]} for e in edges],
    }


def render_explore(start: str = "") -> str:
    """The explore page (``start``: a node IRI to open with, from ``?node=``)."""
    return page("Explore", explore_body(start), script="explore.js", styles=("explore.css",))
