"""Deadlines and schedules in date order, per document or merged.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> rows = timeline(example_graph())
>>> [(r["date"], r["role"], r["applies_to"]) for r in rows]
[('--03-15', 'deadline', '督导组要在3月15日前完成学习动员')]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from extract.timex_value import year_offset
from kg.nx.common import date_key, stage_ranks
from kg.nx.projection import in_by, nodes_of, out_by

TIMELINE_COLUMNS = [
    "document",
    "date",
    "role",
    "time",
    "stage",
    "actors",
    "applies_to",
    "start",
    "end",
    "quote",
]
DEFAULT_ROLES = ("deadline", "schedule")


def _doc_years(G: nx.MultiDiGraph) -> dict[str, int | None]:
    return {d["label"]: d.get("year") for _, d in G.nodes(data=True) if d["type"] == "Document"}


def timeline(
    G: nx.MultiDiGraph, *, merged: bool = False, roles: tuple[str, ...] = DEFAULT_ROLES
) -> list[dict[str, Any]]:
    """Time expressions of ``roles`` in date order, with what each applies to.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    merged : bool
        One timeline across documents (by date, the document's year when the
        value has none, moved by a relative year: 去年10月 comes before 9月)
        instead of one per document.
    roles : tuple of str
        Which time roles (``deadline``, ``schedule``, ``event``).

    Returns
    -------
    list of dict
        :data:`TIMELINE_COLUMNS`: one row per (time, requirement it is the
        deadline of), or one row for a time no requirement points to.
        ``quote`` is the requirement's quote (else the time's own text);
        ``start``/``end`` its span. Redacted dates (no value) come last.
    """
    years = _doc_years(G)
    ranks = stage_ranks(G)
    rows = []
    for t in nodes_of(G, "TimeExpression"):
        d = G.nodes[t]
        if d.get("role") not in roles:
            continue
        doc = d.get("document") or ""
        key = date_key(d.get("normalized"), _year(years.get(doc), d["label"]))
        reqs = in_by(G, t, "deadline")
        base = {"document": doc, "date": d.get("normalized"), "role": d.get("role")}
        base["time"] = d["label"]
        if not reqs:
            rows.append(
                (
                    _sort_key(merged, key, 10**6, doc, d.get("start") or 0),
                    {
                        **base,
                        "stage": None,
                        "actors": [],
                        "applies_to": None,
                        "start": d.get("start"),
                        "end": d.get("end"),
                        "quote": d.get("quote"),
                    },
                )
            )
        for r in reqs:
            rd = G.nodes[r]
            stages = out_by(G, r, "stage")
            row = {
                **base,
                "stage": "; ".join(G.nodes[s]["label"] for s in stages) or None,
                "actors": sorted(G.nodes[a]["label"] for a in out_by(G, r, "responsibleActor")),
                "applies_to": rd.get("quote"),
                "start": rd.get("start"),
                "end": rd.get("end"),
                "quote": rd.get("quote"),
            }
            rank = min((ranks.get(s, 10**6) for s in stages), default=10**6)
            rows.append((_sort_key(merged, key, rank, doc, rd.get("start") or 0), row))
    rows.sort(key=lambda kv: (kv[0], kv[1]["start"] or 0, kv[1]["time"]))
    return [r for _, r in rows]


def _year(doc_year: int | None, text: str) -> int | None:
    """The year of a year-less date: the document's, moved by 去年/明年 ... in ``text``.

    Without the document's year, the offset alone (去年 -1 sorts before 今年 0).

    Examples
    --------
    >>> _year(2005, "去年10月"), _year(2005, "9月"), _year(None, "去年10月")
    (2004, 2005, -1)
    """
    offset = year_offset(text) or 0
    return offset if doc_year is None else doc_year + offset


def _sort_key(merged: bool, key: tuple, rank: int, doc: str, start: int) -> tuple:
    return (key, rank, doc, start) if merged else (doc, key, rank, start)
