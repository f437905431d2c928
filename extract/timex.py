"""Time expressions: dates, ranges, named periods, their normalized values and roles.

Patterns live in ``extract/data/timex.json`` (see :func:`extract.lexicon.regex_table`).
Values follow DOMAIN.md: ``--03-15``, ``--08-01/--08-10`` (上旬), ``--01`` (a month),
with a year only where the document states one (for the date itself, through
今年/去年, or for the whole speech). Redacted dates (``年月上旬``, ``月日``) are kept
with ``normalized=None``; lunar dates, holidays and weekdays too, since they need a
calendar year. Durations (20天, 1个月) are quantities, never times; times of day are
kept in the span but dropped from the value.

Examples
--------
>>> [(m.group(), v) for m, v, _ in find_times("各支部要在8月上旬至9月上旬完成，7月30日前召开。")]
[('8月上旬至9月上旬', '--08-01/--09-10'), ('7月30日前', '--07-30')]
>>> normalize("2005年3月15日"), normalize("9月底"), normalize("年月上旬")
('2005-03-15', '--09-21/--09-30', None)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extract.lexicon import regex_table

_CN = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_PARTS = {
    "上旬": (1, 10),
    "初": (1, 10),
    "月初": (1, 10),
    "中旬": (11, 20),
    "下旬": (21, 0),
    "底": (21, 0),
    "月底": (21, 0),
    "末": (21, 0),
    "月末": (21, 0),
}
_REL_YEAR = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "前年": -2, "明年": 1}
_KINDS = (
    "anchored",
    "anchored_open",
    "date",
    "lunar",
    "holiday",
    "weekday",
    "redacted_part",
    "redacted_md",
    "redacted_to",
)


_BLANKS = re.compile(r"\s+")


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("timex.json")


def cn_number(s: str) -> int | None:
    """Value of an Arabic or Chinese numeral up to 9999 (None when not a number).

    Examples
    --------
    >>> cn_number("二十三"), cn_number("１２"), cn_number("二〇〇五"), cn_number("十")
    (23, 12, 2005, 10)
    """
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN and c not in "十百千" for c in s):
        return None
    if all(c in _CN for c in s):  # digit by digit (二〇〇五); a bare pair (一两) is no number
        if len(s) > 1 and not (len(s) == 4 or any(c in "〇○零" for c in s)):
            return None
        return int("".join(str(_CN[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in _CN:
            cur = _CN[c]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            total += (cur or 1) * unit
            cur = 0
    return total + cur


@dataclass(frozen=True, slots=True)
class _Point:
    year: int | None
    month: int
    first: int | None  # first day, None for a whole month
    last: int | None


def _year_of(text: str, doc_year: int | None) -> tuple[int | None, bool]:
    """(year, stated): the date's own year, a relative year on the doc year, else doc year."""
    t = _t()
    if m := t["parse_year"].search(text):
        return cn_number(m["y"]), True  # None when redacted (20xx)
    if m := t["parse_rel"].search(text):
        return (None if doc_year is None else doc_year + _REL_YEAR[m["r"]]), True
    return doc_year, False


def _point(text: str, doc_year: int | None, month: int | None = None) -> _Point | None:
    t = _t()
    text = t["tod_strip"].sub("", text)
    year, _ = _year_of(text, doc_year)
    if m := t["parse_month"].search(text):
        month = cn_number(m["m"])
    if month is None or not 1 <= month <= 12:
        return None
    last_day = _MONTH_DAYS[month - 1]
    if month == 2 and year and (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        last_day = 29
    if m := t["parse_day"].search(text):
        d = cn_number(m["d"])
        if d is None or not 1 <= d <= last_day:
            return None
        return _Point(year, month, d, d)
    if (m := t["parse_part"].search(text)) and m["p"] in _PARTS:
        a, b = _PARTS[m["p"]]
        return _Point(year, month, a, b or last_day)
    return _Point(year, month, None, None)


def _fmt(year: int | None, month: int, day: int | None) -> str:
    head = f"{year:04d}" if year else "-"
    return f"{head}-{month:02d}" + (f"-{day:02d}" if day else "")


def _fmt_range(a: _Point, b: _Point) -> str:
    if a.first is None and b.first is None:
        left, right = _fmt(a.year, a.month, None), _fmt(b.year, b.month, None)
    else:
        left = _fmt(a.year, a.month, a.first or 1)
        right = _fmt(b.year, b.month, b.last or _MONTH_DAYS[b.month - 1])
    return left if left == right else f"{left}/{right}"


def normalize(text: str, doc_year: int | None = None, anchor: str | None = None) -> str | None:
    """Normalized value of a time expression (None when redacted or calendar-bound).

    Parameters
    ----------
    text : str
        The expression, simplified characters.
    doc_year : int, optional
        The year the document states for itself; added where the date has none.
    anchor : str, optional
        The speech's own date (``--02-23``), the start of 从今天起至… ranges.

    Examples
    --------
    >>> normalize("8月上旬至9月上旬"), normalize("3月2日至9日"), normalize("去年10月", 2005)
    ('--08-01/--09-10', '--03-02/--03-09', '2004-10')
    >>> normalize("从今天起至3月15日", anchor="--02-23")
    '--02-23/--03-15'
    >>> normalize("即日起至2021年12月31日"), normalize("2020\\n年\\n1\\n月\\n10\\n日")
    ('../2021-12-31', '2020-01-10')
    """
    t = _t()
    text = _BLANKS.sub("", text)  # a date broken across lines
    if t["anchored_open"].fullmatch(text):
        return None if anchor is None else f"{anchor}/.."
    if t["anchored"].fullmatch(text):
        end = _point(re.split(t["split_conn"].pattern, text, maxsplit=1)[-1], doc_year)
        if end is None:
            return None
        return f"{anchor or '..'}/{_fmt(end.year, end.month, end.last)}"
    if not t["date"].fullmatch(text):
        return None
    body = re.sub(t["before"].pattern + "$", "", text)
    year, stated = _year_of(body, doc_year)
    if t["parse_year"].search(body) and year is None:
        doc_year = None  # a redacted year (20xx) is not replaced by the speech's year
    parts = re.split(f"(?:{t['split_conn'].pattern})", body, maxsplit=1)
    a = _point(parts[0], doc_year)
    if a is None:
        return None
    if len(parts) == 1:
        if a.first is None or a.first == a.last:
            return _fmt(a.year, a.month, a.first)
        return _fmt_range(a, a)
    b = _point(parts[1], a.year if stated else doc_year, month=a.month)
    return None if b is None else _fmt_range(a, b)


def role_of(text: str, before: str, after: str) -> str:
    """Role from the expression and its clause context: deadline, event or schedule.

    Examples
    --------
    >>> role_of("7月30日前", "动员会要在", "召开"), role_of("7月1日", "自", "召开大会以来")
    ('deadline', 'event')
    >>> role_of("2月23日——3月1日", "", "，做好四讲工作")
    'schedule'
    """
    t = _t()
    stripped = after.lstrip("，, ")
    if re.search(t["before"].pattern + "$", text) or t["role_deadline_after"].search(stripped):
        return "deadline"
    if t["role_deadline_before"].search(before):
        return "deadline"
    if t["role_event_after"].search(after) or t["role_event_before"].search(before):
        return "event"
    if text.startswith(("去年", "前年")):
        return "event"
    ranged = t["anchored"].fullmatch(text) or t["anchored_open"].fullmatch(text)
    ranged = ranged or re.search(t["split_conn"].pattern, text)
    if ranged or t["role_schedule_before"].search(before):
        return "schedule"
    if t["role_schedule_after"].search(after) and not after.startswith(("召开", "举行")):
        return "schedule"
    return "event"


def _loose(surface: str, t: dict[str, re.Pattern[str]]) -> bool:
    """A match with blanks inside that is only a month (12\\n月): a list number, no date."""
    if not _BLANKS.search(surface):
        return False
    body = _BLANKS.sub("", surface)
    return not (t["parse_year"].search(body) or t["parse_day"].search(body))


def find_times(
    text: str, doc_year: int | None = None, anchor: str | None = None
) -> list[tuple[re.Match[str], str | None, str]]:
    """All time expressions of ``text``: ``(match, normalized, role)``, in text order.

    Overlapping candidates keep the leftmost longest. A redacted range whose ends
    are both empty (从年月上旬开始到月基本结束) yields its two ends separately.

    Examples
    --------
    >>> [(m.group(), v, r) for m, v, r in find_times("从年月上旬开始到月基本结束")]
    [('年月上旬', None, 'schedule'), ('月', None, 'deadline')]
    """
    t = _t()
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    for rank, kind in enumerate(_KINDS):
        for m in t[kind].finditer(text):
            if m.end() > m.start() and not _loose(m.group(), t):
                cands.append((m.start(), -(m.end() - m.start()), rank, m))
    cands.sort(key=lambda c: c[:3])
    out: list[tuple[re.Match[str], str | None, str]] = []
    last_end = -1
    for start, _, _, m in cands:
        if start < last_end:
            continue
        last_end = m.end()
        value = normalize(m.group(), doc_year, anchor)
        ctx_start = max(0, m.start() - 12)
        before = re.split(r"[。；;！？!?\n]", text[ctx_start : m.start()])[-1]
        after = re.split(r"[。；;！？!?\n]", text[m.end() : m.end() + 30])[0]
        out.append((m, value, role_of(m.group(), before, after)))
    return out
