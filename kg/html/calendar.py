"""The report's timeline data: dates on a real calendar where the year is known.

A time expression's year is its value's own (``2005-08-01``), else the year
of its document (the ``year`` of the document's metadata, or the year of its
``date``), moved by a relative year in its text (去年10月 is October of the
year before the document's). Such dates are placed on the calendar, one
chart per year. Where no year is known, a document's dates get a lane of
their own, on an axis of months relative to the document's year (去年10月
is drawn before 今年1月), never mixed with other documents' years.

Labels never overlap: :func:`stack_labels` puts a label one level lower when
it would run into the previous one on its level (widths estimated at one em
per CJK character, the font size of :data:`LABEL_PT`).

Examples
--------
>>> spans("2005-08-01/2005-09-10", None, "8月上旬至9月上旬")
(datetime.date(2005, 8, 1), datetime.date(2005, 9, 10), True)
>>> spans("--10", 2005, "去年10月")
(datetime.date(2004, 10, 1), datetime.date(2004, 10, 31), True)
>>> spans("--10", None, "去年10月")
(datetime.date(1999, 10, 1), datetime.date(1999, 10, 31), False)
>>> spans("--12-20/--01-10", 2005, "12月20日至1月10日")[1]
datetime.date(2006, 1, 10)
"""

from __future__ import annotations

import calendar as _cal
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from extract.timex_value import year_offset
from kg.nx.projection import in_by, nodes_of, out_by

RELATIVE_BASE = 2000
"""The stand-in year of a document whose year is unknown (axis labels are relative)."""
LABEL_PT = 7.0
"""Font size of the timeline's labels, in points."""
_PART = re.compile(r"^(\d{4}|-)-(\d{2})(?:-(\d{2}))?$")


def _point(part: str, year: int, end: bool) -> tuple[int, int, int] | None:
    m = _PART.match(part.strip())
    if not m:
        return None
    y = int(m[1]) if m[1] != "-" else year
    month = int(m[2])
    if not 1 <= month <= 12:
        return None
    last = _cal.monthrange(y, month)[1]
    day = int(m[3]) if m[3] else (last if end else 1)
    return (y, month, day) if 1 <= day <= last else None


def spans(value: str, doc_year: int | None, text: str) -> tuple[date, date, bool] | None:
    """(first day, last day, on the real calendar) of a normalized date value, or None.

    Year-less values take ``doc_year`` moved by the relative year of ``text``;
    without ``doc_year`` they take :data:`RELATIVE_BASE` (and ``False``).
    """
    parts = value.split("/")
    if len(parts) > 2 or not parts[0]:
        return None
    own = _PART.match(parts[0].strip())
    if own is None:
        return None
    known = own[1] != "-" or doc_year is not None
    base = (doc_year if doc_year is not None else RELATIVE_BASE) + (year_offset(text) or 0)
    a = _point(parts[0], base, end=False)
    b = _point(parts[-1], a[0] if a else base, end=True)
    if a is None or b is None:
        return None
    first, last = date(*a), date(*b)
    if last < first:  # 12月20日至1月10日 runs into the next year
        b2 = _point(parts[-1], a[0] + 1, end=True)
        last = date(*b2) if b2 else first
    return first, last, known


def document_year(d: dict[str, Any]) -> int | None:
    """A document's year from its metadata (``year``, else a dated ``date``)."""
    if isinstance(d.get("year"), int):
        return d["year"]
    m = re.match(r"^(\d{4})-", str(d.get("date") or ""))
    return int(m[1]) if m else None


@dataclass(frozen=True)
class Item:
    """One drawn time expression, with where it is said."""

    lane: str
    first: date
    last: date
    label: str
    role: str
    document: str
    start: int
    end: int
    quote: str
    calendar: bool
    stage: str = ""


def items(G: nx.MultiDiGraph) -> list[Item]:
    """Every time expression with a placeable value, in (lane, date, offset) order."""
    years = {d["label"]: document_year(d) for n in nodes_of(G, "Document") for d in (G.nodes[n],)}
    out = []
    for t in nodes_of(G, "TimeExpression"):
        d = G.nodes[t]
        doc = d.get("document") or ""
        value = d.get("normalized")
        got = spans(value, years.get(doc), d["label"]) if value else None
        if got is None:
            continue
        first, last, known = got
        stages = sorted(
            G.nodes[s]["label"] for r in in_by(G, t, "deadline") for s in out_by(G, r, "stage")
        )
        out.append(
            Item(
                lane=doc,
                first=first,
                last=last,
                label=d["label"],
                role=d.get("role") or "",
                document=doc,
                start=d.get("start") or 0,
                end=d.get("end") or 0,
                quote=d.get("quote") or d["label"],
                calendar=known,
                stage=stages[0] if stages else "",
            )
        )
    return sorted(out, key=lambda i: (not i.calendar, i.lane, i.first, i.start, i.label))


MAX_LANES = 30
"""Documents drawn per calendar chart (those with the most dates)."""
MAX_RELATIVE = 12
"""Year-less documents drawn, one chart each (those with the most dates)."""
MAX_YEARS = 12
"""Calendar years drawn, one chart each (those with the most dates)."""


def charts(
    all_items: Sequence[Item],
    max_lanes: int = MAX_LANES,
    max_relative: int = MAX_RELATIVE,
    max_years: int = MAX_YEARS,
) -> tuple[list[tuple[str, bool, list[Item]]], int]:
    """(title, relative, items) per chart, and how many documents were left out.

    One chart per calendar year (the ``max_years`` years with the most dates,
    each with its ``max_lanes`` documents with the most dates), then one per
    year-less document (the ``max_relative`` with the most dates).

    Examples
    --------
    >>> a = Item("a.txt", date(2005, 3, 1), date(2005, 3, 1), "3月1日", "event", "a.txt",
    ...          0, 4, "3月1日", True)
    >>> b = Item("b.txt", date(2000, 3, 1), date(2000, 3, 1), "3月1日", "event", "b.txt",
    ...          0, 4, "3月1日", False)
    >>> [(t, r, len(i)) for t, r, i in charts([a, b])[0]]
    [('2005年', False, 1), ('b.txt', True, 1)]
    """
    by: dict[tuple[bool, str], dict[str, list[Item]]] = {}
    for i in all_items:
        key = (False, f"{i.first.year}年") if i.calendar else (True, i.document)
        by.setdefault(key, {}).setdefault(i.lane, []).append(i)

    def busiest(lanes: dict[str, list[Item]], n: int) -> list[str]:
        return sorted(sorted(lanes, key=lambda k: (-len(lanes[k]), k))[:n])

    out = []
    drawn: set[str] = set()

    def flat(rel: bool) -> dict[str, list[Item]]:
        return {t: [i for v in by[(r, t)].values() for i in v] for r, t in by if r == rel}

    keep = {(True, t) for t in busiest(flat(True), max_relative)}
    keep |= {(False, t) for t in busiest(flat(False), max_years)}
    for rel, title in sorted(by):
        lanes = by[(rel, title)]
        if (rel, title) not in keep:
            continue
        names = busiest(lanes, max_lanes)
        drawn.update(names)
        out.append((title, rel, [i for n in names for i in lanes[n]]))
    every = {i.document for i in all_items}
    return out, len(every - drawn)


def label_width(text: str) -> float:
    """Estimated width of ``text`` in points at :data:`LABEL_PT` (CJK one em, others 0.62)."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.62 for c in text) * LABEL_PT + 3


def stack_labels(xs: Sequence[float], widths: Sequence[float]) -> list[int]:
    """The level of each label so that labels of one level never overlap.

    ``xs`` are left edges, ``widths`` widths (same unit). A label takes the
    first level whose last label ends before it starts.

    Examples
    --------
    >>> stack_labels([0, 5, 12, 30], [10, 10, 10, 10])
    [0, 1, 0, 0]
    """
    ends: list[float] = []
    levels = [0] * len(xs)
    for i in sorted(range(len(xs)), key=lambda i: (xs[i], i)):
        for k, e in enumerate(ends):
            if e <= xs[i]:
                levels[i], ends[k] = k, xs[i] + widths[i]
                break
        else:
            levels[i] = len(ends)
            ends.append(xs[i] + widths[i])
    return levels


def month_ticks(first: date, last: date, relative: bool) -> list[tuple[date, str]]:
    """The first day of each month from ``first`` to ``last``, labelled.

    Real calendar: ``2005年8月`` at the first tick and each January, else
    ``9月``; relative: ``去年10月``, ``今年1月`` ...
    """
    ticks = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        if relative:
            rel = {-2: "前年", -1: "去年", 0: "今年", 1: "明年"}.get(
                y - RELATIVE_BASE, f"{y - RELATIVE_BASE:+d}年"
            )
            text = f"{rel}{m}月"
        else:
            text = f"{y}年{m}月" if not ticks or m == 1 else f"{m}月"
        ticks.append((date(y, m, 1), text))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return ticks
