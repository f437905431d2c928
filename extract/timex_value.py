"""Normalized values of time expressions (DOMAIN.md section 2).

A value is ``--MM-DD`` for a day, ``--MM`` for a month, ``A/B`` for a range,
``YYYY`` for a bare year, 年度 or 学年, ``YYYY/YYYY`` for a range of years; a year
is written only where the document states it (for the date itself, through
今年/去年, or for the whole document). Named fixed days (七一, “7·2”, 国庆,
教师节) take their date; lunar holidays (春节, 元宵节, 正月初九) only where the
year is known, from the table of Spring Festival dates in
``extract/data/timex.json``. 年初 is the first ten days of January, 年底/年末 the
last eleven of December, as 月初/月底 are of a month. Redacted dates (年月上旬,
月日) have no value; times of day and weekdays in the span are dropped.

Examples
--------
>>> normalize("2011年底前"), normalize("“七一”后至年底前", 2011)
('2011-12-21/2011-12-31', '2011-07-01/2011-12-31')
>>> normalize("年初至春节前", 2011), normalize("春节期间"), normalize("2020年至2022年")
('2011-01-01/2011-02-03', None, '2020/2022')
>>> normalize("9月6日（周二）17:00前"), normalize("“7·2”"), normalize("2018学年")
('--09-06', '--07-02', '2018')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from extract.lexicon import data_json, regex_table

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
_BLANKS = re.compile(r"\s+")
_QUOTES = re.compile(r"[“”\"‘’'「」『』]")


_CALENDAR = re.compile("[月日号旬]")


@functools.cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The suffix at an expression's end, and the connective of a range, compiled once."""
    t = _t()
    return re.compile(t["suffix"].pattern + "$"), re.compile(t["split_conn"].pattern)


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("timex.json")


@functools.cache
def _days() -> dict:
    d = data_json("timex.json")
    return {
        "fixed": dict(d["fixed_days"]),
        "lunar": dict(d["lunar_days"]),
        "spring": {int(y): md for y, md in d["spring_festival"].items()},
    }


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


def year_offset(text: str) -> int | None:
    """Years a relative year in ``text`` (今年, 去年, 明年 ...) lies from the document's year.

    Examples
    --------
    >>> year_offset("去年10月"), year_offset("今年1月"), year_offset("10月") is None
    (-1, 0, True)
    """
    m = _t()["parse_rel"].search(text)
    return _REL_YEAR[m["r"]] if m else None


def _last_day(year: int | None, month: int) -> int:
    if month == 2 and year and (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return 29
    return _MONTH_DAYS[month - 1]


def _digits(s: str) -> int | None:
    """A month written digit by digit (一二·九 = 12/9) or as a number."""
    if len(s) == 2 and s[0] == "一" and s[1] in "〇○一二":
        return 10 + _CN[s[1]]
    return cn_number(s)


def _named(text: str, year: int | None) -> _Point | bool | None:
    """The day a named day stands for; False when ``text`` names none."""
    t, days = _t(), _days()
    if m := t["parse_lunar"].search(text):
        return _lunar(year, cn_number(m["d"]) - 1 if m["d"] else 0, m["mo"])
    if _CALENDAR.search(text):
        return False  # 十一月, 三十一日: a calendar date, not a named day
    if m := t["parse_dotted"].search(text):
        month, day = _digits(m["m"]), cn_number(m["d"])
        if month and day and 1 <= month <= 12 and 1 <= day <= _last_day(year, month):
            return _Point(year, month, day, day)
        return None
    for name in sorted(days["fixed"], key=len, reverse=True):
        if name in text:
            month, day = (int(x) for x in days["fixed"][name].split("-"))
            return _Point(year, month, day, day)
    for name in sorted(days["lunar"], key=len, reverse=True):
        if name in text:
            return _lunar(year, int(days["lunar"][name]))
    return False


def _lunar(year: int | None, offset: int, month: str = "正") -> _Point | None:
    """A day of the first lunar month (正月), ``offset`` days after 春节."""
    import datetime

    spring = _days()["spring"].get(year) if year else None
    if spring is None or month not in ("正", "正月"):
        return None
    m, d = (int(x) for x in spring.split("-"))
    day = datetime.date(year, m, d) + datetime.timedelta(days=offset)  # type: ignore[arg-type]
    return _Point(year, day.month, day.day, day.day)


def _point(
    text: str, doc_year: int | None, month: int | None = None, year: int | None = None
) -> _Point | None:
    """One end of a date: ``year``/``month`` are inherited from the range's left end."""
    t = _t()
    text = _QUOTES.sub("", t["tod_strip"].sub("", t["weekday_paren"].sub("", text)))
    text = _forms()[0].sub("", text)
    own, stated = _year_of(text, doc_year)
    if t["parse_year"].search(text) and own is None:
        doc_year = None  # a redacted year (20xx) is not replaced by the speech's year
    y = own if stated else (year if year is not None else doc_year)
    rest = t["year_head"].sub("", text)
    if m := t["parse_ypart"].fullmatch(rest):
        return _Point(y, 12, 21, 31) if m["p"] in "底末" else _Point(y, 1, 1, 10)
    named = _named(rest, y)
    if named is not False:
        return named  # type: ignore[return-value]
    if m := t["parse_month"].search(rest):
        month = cn_number(m["m"])
    if month is None or not 1 <= month <= 12:
        return None
    last_day = _last_day(y, month)
    if m := t["parse_day"].search(rest):
        d = cn_number(m["d"])
        if d is None or not 1 <= d <= last_day:
            return None
        return _Point(y, month, d, d)
    if (m := t["parse_part"].search(rest)) and m["p"] in _PARTS:
        a, b = _PARTS[m["p"]]
        return _Point(y, month, a, b or last_day)
    return _Point(y, month, None, None)


def _fmt(year: int | None, month: int, day: int | None) -> str:
    head = f"{year:04d}" if year else "-"
    return f"{head}-{month:02d}" + (f"-{day:02d}" if day else "")


def _fmt_range(a: _Point, b: _Point) -> str:
    if a.first is None and b.first is None:
        left, right = _fmt(a.year, a.month, None), _fmt(b.year, b.month, None)
    else:
        left = _fmt(a.year, a.month, a.first or 1)
        right = _fmt(b.year, b.month, b.last or _last_day(b.year, b.month))
    return left if left == right else f"{left}/{right}"


def year_value(text: str) -> str | None:
    """Value of a bare year, 年度, 学年 or range of years (None when not one).

    Examples
    --------
    >>> year_value("2020年度"), year_value("2020—2022年"), year_value("二〇二一年")
    ('2020', '2020/2022', '2021')
    """
    t = _t()
    text = _BLANKS.sub("", text)
    if not t["year_only"].fullmatch(text):
        return None
    years = [cn_number(y) for y in t["year_number"].findall(text)]
    if not years or any(y is None or not 1900 <= y <= 2099 for y in years):
        return None
    ys = [f"{y:04d}" for y in years]
    return ys[0] if len(set(ys)) == 1 else f"{ys[0]}/{ys[-1]}"


def normalize(
    text: str,
    doc_year: int | None = None,
    anchor: str | None = None,
    month_of: tuple[int | None, int] | None = None,
) -> str | None:
    """Normalized value of a time expression (None when redacted or calendar-bound).

    Parameters
    ----------
    text : str
        The expression, simplified characters.
    doc_year : int, optional
        The year the document states for itself; added where the date has none.
    anchor : str, optional
        The speech's own date (``--02-23``), the start of 从今天起至… ranges.
    month_of : (int or None, int), optional
        (year, month) of the last full date before a day-only expression (18日上午).

    Examples
    --------
    >>> normalize("8月上旬至9月上旬"), normalize("3月2日至9日"), normalize("去年10月", 2005)
    ('--08-01/--09-10', '--03-02/--03-09', '2004-10')
    >>> normalize("从今天起至3月15日", anchor="--02-23")
    '--02-23/--03-15'
    >>> normalize("即日起至2021年12月31日"), normalize("2020\\n年\\n1\\n月\\n10\\n日")
    ('../2021-12-31', '2020-01-10')
    >>> normalize("18日上午", month_of=(2022, 1)), normalize("2021年1月18")
    ('2022-01-18', '2021-01-18')
    """
    t = _t()
    text = _BLANKS.sub("", text)  # a date broken across lines
    if (v := year_value(text)) is not None:
        return v
    if t["anchored_open"].fullmatch(text):
        return None if anchor is None else f"{anchor}/.."
    if t["anchored"].fullmatch(text):
        end = _point(_forms()[1].split(text, maxsplit=1)[-1], doc_year)
        if end is None:
            return None
        return f"{anchor or '..'}/{_fmt(end.year, end.month, end.last)}"
    if t["day_only"].fullmatch(text):
        if month_of is None:
            return None
        year, month = month_of
        parts = _forms()[1].split(text, maxsplit=1)
        a = _point(parts[0], doc_year, month=month, year=year)
        b = _point(parts[-1], doc_year, month=month, year=year)
        return None if a is None or b is None else _fmt_range(a, b)
    if t["truncated"].fullmatch(text):
        text += "日"  # a signature date the page cut after its day number
    elif not (t["date"].fullmatch(text) or t["lunar"].fullmatch(text)):
        return None
    suffix, conn = _forms()
    body = suffix.sub("", text)
    _, stated = _year_of(body, doc_year)
    parts = conn.split(body, maxsplit=1)
    a = _point(parts[0], doc_year)
    if a is None:
        return None
    if len(parts) == 1:
        if a.first is None or a.first == a.last:
            return _fmt(a.year, a.month, a.first)
        return _fmt_range(a, a)
    b = _point(parts[1], doc_year, month=a.month, year=a.year if stated else None)
    return None if b is None else _fmt_range(a, b)
