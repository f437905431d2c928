"""Deadlines that requirements take from the window of their stage or round.

A plan states a window once for a block of items, and the items take it as their
deadline when they state no time of their own (DOMAIN.md section 2: a deadline
is a time by or within which something must be done; the gold of the later set
gives the items of a stage the stage's window). A window governs a block when it

* follows a stage label (第一阶段：2月中旬到5月1日前，主题是…; （1）动员部署阶段（2011年1月-2月）):
  the items after it, up to the next stage label or heading;
* is the value of a time label (开展时间：8月下旬至9月中旬) that closes a section:
  the items of that section, back to its heading; or that opens a section, right
  after its heading: the items after it.

A deadline is the end of a window: where a requirement states a window's start
and its end as two times (自9月上旬开始，到10月底基本完成), its deadline is the end.
A bare year (2011年的创先争优活动要…) names the period of an activity and is no
deadline unless its role is ``deadline`` (2020年前完成).

:func:`fill_deadlines` gives such requirements their window; it changes no
requirement that has a deadline. Patterns live in ``extract/data/deadlines.json``.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> text = "第一阶段：\\n3月1日至3月20日。\\n各支部要组织学习。\\n第二阶段：\\n4月。\\n要开展评议。"
>>> ex = extract(document_from_bytes("a.txt", text.encode()))
>>> values = {t.key: t.normalized for t in ex.times}
>>> [(r.span.text, values[r.deadline]) for r in ex.requirements]
[('各支部要组织学习', '--03-01/--03-20'), ('要开展评议', '--04')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from extract.lexicon import regex_table
from extract.records import Document, Requirement, TimeExpression

# searched from a window's end in place (a copy of the rest of the text per window
# made the cost grow with the square of the text)
_SENTENCE_END = re.compile(r"[。；;\n]|$")


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("deadlines.json")


def _bare_year(value: str | None) -> bool:
    return bool(value and re.fullmatch(r"\d{4}(?:/\d{4})?", value))


def _line_bounds(text: str, i: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    return s, len(text) if e < 0 else e


def _prev_line(text: str, line_start: int) -> str:
    if line_start == 0:
        return ""
    s = text.rfind("\n", 0, line_start - 1) + 1
    return text[s : line_start - 1]


def _next_stop(text: str, at: int) -> int:
    m = _t()["stop_line"].search(text, at)
    return m.start() if m else len(text)


@functools.lru_cache(maxsize=4)
def _headings(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the heading lines' numbering, in text order."""
    found = [m.span() for m in _t()["heading_line"].finditer(text)]
    return tuple(a for a, _ in found), tuple(b for _, b in found)


def _heading_before(text: str, at: int) -> int | None:
    """Start of the last heading numbering that ends by ``at``."""
    starts, ends = _headings(text)
    k = bisect.bisect_right(ends, at)
    return starts[k - 1] if k else None


def window_scopes(text: str, windows: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, time key) of each block of ``text`` a window governs.

    ``windows`` are (start, end, key) of the schedule and deadline times, in the
    offsets of ``text``.
    """
    t = _t()
    out: list[tuple[int, int, str]] = []
    for ws, we, key in windows:
        ls, le = _line_bounds(text, ws)
        before = text[ls:ws]
        label = before if before.strip() else _prev_line(text, ls)
        sentence_end = _SENTENCE_END.search(text, we).end()  # type: ignore[union-attr]
        if t["stage_label"].search(label):
            out.append((sentence_end, _next_stop(text, sentence_end), key))
        elif t["time_label"].search(label):
            nxt = text[le + 1 : le + 40]
            head = _heading_before(text, ls if before.strip() else max(0, ls - 1))
            if (not nxt.strip() or t["heading_line"].match(nxt)) and head is not None:
                out.append((head, ls, key))  # the label closes its section
            else:
                out.append((sentence_end, _next_stop(text, sentence_end), key))
    return out


def _text_index(doc: Document, raw_i: int) -> int:
    if doc.offsets is None:
        return raw_i
    return bisect.bisect_left(doc.offsets, raw_i)


def fill_deadlines(
    doc: Document,
    reqs: Sequence[Requirement],
    times: Sequence[TimeExpression],
    offsets: Sequence[tuple[int, int]],
) -> list[Requirement]:
    """Requirements with the window of their block where they have no deadline.

    A bare year that is not a ``deadline`` is taken off as a deadline.

    Parameters
    ----------
    doc : Document
        The document.
    reqs : sequence of Requirement
        Its requirements.
    times, offsets : sequences
        Its time expressions and their offsets in ``doc.text`` (same order).
    """
    by_key = {tx.key: tx for tx in times}
    windows = [
        (s, e, tx.key)
        for tx, (s, e) in zip(times, offsets, strict=True)
        if tx.role in ("schedule", "deadline") and tx.normalized and not _bare_year(tx.normalized)
    ]
    scopes = window_scopes(doc.text, windows)
    out = []
    for r in reqs:
        dl = by_key.get(r.deadline) if r.deadline else None
        if dl is not None and dl.role == "schedule":  # 自A开始，到B完成: the end, B
            ends = [
                tx
                for tx in times
                if tx.role == "deadline"
                and r.span.start <= tx.span.start
                and tx.span.end <= r.span.end
                and tx.span.start > dl.span.start
            ]
            if ends:
                r, dl = replace(r, deadline=ends[-1].key), ends[-1]
        if dl is not None and dl.role != "deadline" and _bare_year(dl.normalized):
            r = replace(r, deadline=None)  # 2011年的…活动要…: the year names the activity
        if r.deadline is None:
            at = _text_index(doc, r.span.start)
            inside = [(e - s, key) for s, e, key in scopes if s <= at < e]
            if inside:
                r = replace(r, deadline=min(inside)[1])
        out.append(r)
    return out
