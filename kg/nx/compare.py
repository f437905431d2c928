"""Requirements shared or differing between two documents (e.g. a province's and a county's).

Two requirements match when their similarity (:mod:`kg.nx.similarity`: the
character-bigram overlap of their actions averaged with the key terms they
share, stages, actor roles and verbs such as 把关, 补课, 转段) is at least the
threshold, so requirements that say the same thing in other words match;
matching is one to one, best pairs first. For a matched pair, A's quantities
are compared with B's (``stricter``, ``looser``, ``differs``, ``same``) and
A's deadline with B's (``earlier``, ``later``, ``same``).

Examples
--------
>>> from kg.nx.examples import example_pair
>>> rows = compare(example_pair(), "a.txt", "b.txt")
>>> [(r["status"], r["quantity_a_vs_b"], r["deadline_a_vs_b"]) for r in rows]
[('shared', 'stricter', 'earlier'), ('only-b', None, None)]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.nx.common import (
    NO_STAGE,
    UnknownItem,
    date_key,
    deadline_value,
    document_node,
    fmt_quantity,
    stage_ranks,
)
from kg.nx.projection import nodes_of, out_by
from kg.nx.similarity import Facts, similarity

DEFAULT_THRESHOLD = 0.5

COMPARE_COLUMNS = [
    "status",
    "stage",
    "similarity",
    "quantities_a",
    "quantities_b",
    "quantity_a_vs_b",
    "deadline_a",
    "deadline_b",
    "deadline_a_vs_b",
    "document_a",
    "start_a",
    "end_a",
    "quote_a",
    "document_b",
    "start_b",
    "end_b",
    "quote_b",
]


def _doc_reqs(G: nx.MultiDiGraph, name: str) -> tuple[str, list[str]]:
    node = document_node(G, name)
    if node is None:
        raise UnknownItem(f"no document named {name!r} (or more than one containing it)")
    label = G.nodes[node]["label"]
    return label, [r for r in nodes_of(G, "Requirement") if G.nodes[r].get("document") == label]


def _facts(G: nx.MultiDiGraph, r: str, ranks: dict[str, int]) -> dict[str, Any]:
    stages = out_by(G, r, "stage")
    actors = [
        x
        for a in out_by(G, r, "responsibleActor")
        for x in (G.nodes[a]["label"], *G.nodes[a].get("aliases", ()))
    ]
    d = G.nodes[r]
    stage_labels = sorted(G.nodes[s]["label"] for s in stages)
    return {
        "stage": "; ".join(stage_labels) or None,
        "rank": min((ranks.get(s, NO_STAGE) for s in stages), default=NO_STAGE),
        "facts": Facts.of(d.get("quote") or "", actors, stage_labels),
        "quantities": d.get("quantities", ()),
        "deadline": deadline_value(G, r),
        "document": d.get("document"),
        "start": d.get("start"),
        "end": d.get("end"),
        "quote": d.get("quote"),
    }


def compare_quantities(a: tuple, b: tuple) -> str | None:
    """A's quantities relative to B's, unit by unit.

    Examples
    --------
    >>> compare_quantities(((">=", 45, "学时"),), ((">=", 40, "学时"),))
    'stricter'
    >>> compare_quantities((("<=", 3, "天"),), (("<=", 2, "天"),))
    'looser'
    >>> compare_quantities((), ((">=", 1, "次"),)) is None
    True
    """
    verdicts = set()
    for ca, va, ua in a:
        for cb, vb, ub in b:
            if ua != ub or not isinstance(va, (int, float)) or not isinstance(vb, (int, float)):
                continue
            if ca == cb == ">=":
                verdicts.add("stricter" if va > vb else "looser" if va < vb else "same")
            elif ca == cb == "<=":
                verdicts.add("stricter" if va < vb else "looser" if va > vb else "same")
            else:
                verdicts.add("same" if (ca, va) == (cb, vb) else "differs")
    if not verdicts:
        return None
    if len(verdicts) > 1:
        verdicts.discard("same")
    return "; ".join(sorted(verdicts))


def compare_deadlines(a: str | None, b: str | None) -> str | None:
    """A's deadline relative to B's (by end date, years ignored).

    Examples
    --------
    >>> compare_deadlines("--03-15", "--03-31"), compare_deadlines("--08-01/--08-10", "--08-10")
    ('earlier', 'same')
    """
    if not a or not b:
        return None
    ka, kb = date_key(a), date_key(b)
    if 9999 in (ka[0], kb[0]):
        return None
    ea, eb = ka[3:], kb[3:]
    return "earlier" if ea < eb else "later" if ea > eb else "same"


def compare(
    G: nx.MultiDiGraph, doc_a: str, doc_b: str, *, threshold: float = DEFAULT_THRESHOLD
) -> list[dict[str, Any]]:
    """Match the requirements of two documents and report what differs.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    doc_a, doc_b : str
        Document file names (or a part naming exactly one).
    threshold : float
        Least :func:`kg.nx.similarity.similarity` for a match.

    Returns
    -------
    list of dict
        :data:`COMPARE_COLUMNS`; ``status`` is ``shared``, ``only-a`` or
        ``only-b``; by stage order, then A's offset, then B's.

    Raises
    ------
    UnknownItem
        When a document is not in the build.
    """
    ranks = stage_ranks(G)
    _, ra = _doc_reqs(G, doc_a)
    _, rb = _doc_reqs(G, doc_b)
    fa = {r: _facts(G, r, ranks) for r in ra}
    fb = {r: _facts(G, r, ranks) for r in rb}
    cands = []
    for a in ra:
        for b in rb:
            sim = similarity(fa[a]["facts"], fb[b]["facts"])
            if sim >= threshold:
                cands.append((-sim, fa[a]["start"] or 0, fb[b]["start"] or 0, a, b, sim))
    cands.sort()
    used_a: dict[str, tuple[str, float]] = {}
    used_b: set[str] = set()
    for *_, a, b, sim in cands:
        if a not in used_a and b not in used_b:
            used_a[a] = (b, sim)
            used_b.add(b)
    rows: list[tuple[tuple, dict[str, Any]]] = []
    for a in ra:
        x = fa[a]
        b, sim = used_a.get(a, (None, None))
        y = fb[b] if b else None
        rows.append(((x["rank"], x["start"] or 0, y["start"] if y else 0), _row(x, y, sim)))
    for b in rb:
        if b not in used_b:
            y = fb[b]
            rows.append(((y["rank"], 10**9, y["start"] or 0), _row(None, y, None)))
    rows.sort(key=lambda kv: kv[0])
    return [r for _, r in rows]


def _row(x: dict | None, y: dict | None, sim: float | None) -> dict[str, Any]:
    status = "shared" if x and y else "only-a" if x else "only-b"
    row: dict[str, Any] = {
        "status": status,
        "stage": (x or y or {}).get("stage"),
        "similarity": None if sim is None else round(sim, 3),
        "quantities_a": [fmt_quantity(q) for q in x["quantities"]] if x else [],
        "quantities_b": [fmt_quantity(q) for q in y["quantities"]] if y else [],
        "quantity_a_vs_b": compare_quantities(x["quantities"], y["quantities"])
        if x and y
        else None,
        "deadline_a": x["deadline"] if x else None,
        "deadline_b": y["deadline"] if y else None,
        "deadline_a_vs_b": compare_deadlines(x["deadline"], y["deadline"]) if x and y else None,
    }
    for side, f in (("a", x), ("b", y)):
        for k in ("document", "start", "end", "quote"):
            row[f"{k}_{side}"] = f[k] if f else None
    return row
