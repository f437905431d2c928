"""Time expressions: dates, ranges, named days and years, their values and roles.

Patterns live in ``extract/data/timex.json`` (see :func:`extract.lexicon.regex_table`);
values come from :mod:`extract.timex_value`. Values follow DOMAIN.md: ``--03-15``,
``--08-01/--08-10`` (上旬), ``--01`` (a month), ``2021`` (a bare year, 年度, 学年),
with a year only where the document states one. Redacted dates (``年月上旬``,
``月日``) are kept with ``normalized=None``, and so are lunar holidays and weekdays
when the year is unknown. Durations (20天, 1个月) are quantities, never times;
times of day are kept in the span but dropped from the value.

Not times: a half-year or a named policy period (2020年上半年, 十四五), a year
that names a plan (2035年远景目标), dates inside the title of a document in
《》 or in an attachment list (附件：1.2018学年…评议表), a reprint or publication
stamp (《人民日报》（2022年01月21日 第04版）, 发布时间：…), and a named day or
festival standing alone with nothing that makes it a time (春节慰问, 五四精神).

Examples
--------
>>> [(m.group(), v) for m, v, _ in find_times("各支部要在8月上旬至9月上旬完成，7月30日前召开。")]
[('8月上旬至9月上旬', '--08-01/--09-10'), ('7月30日前', '--07-30')]
>>> [(m.group(), v, r) for m, v, r in find_times("在“七一”前评选表彰，2021年度考核。")]
[('“七一”前', '--07-01', 'deadline'), ('2021年度', '2021', 'event')]
>>> normalize("2005年3月15日"), normalize("9月底"), normalize("年月上旬")
('2005-03-15', '--09-21/--09-30', None)
"""

from __future__ import annotations

import bisect
import functools
import re

from extract.lexicon import regex_table, word_table
from extract.prefilter import fast
from extract.timex_value import cn_number, normalize, year_value

__all__ = ["cn_number", "find_times", "normalize", "role_of"]

_KINDS = (
    "anchored",
    "anchored_open",
    "date",
    "truncated",
    "year_only",
    "day_only",
    "lunar",
    "weekday",
    "redacted_part",
    "redacted_md",
    "redacted_to",
)
_BLANKS = re.compile(r"\s+")
_BROKEN = re.compile(r"[0-9０-９](\s+)(?=[0-9０-９])")
_DIGIT_GAP = re.compile(r"(?<=[0-9０-９])\s+(?=[0-9０-９])")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_LABEL_END = re.compile(r"[。；;！？!?）)]")
_MONTH_PART = re.compile("[旬底末初]")
_CLAUSE_MARK = re.compile("[。；，]")
_MONTH_VALUE = re.compile(r"(\d{4}|-)-(\d{2})")


@functools.cache
def _role_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The connective of a range, and a deadline word at an expression's end, compiled once."""
    p = _p()
    return re.compile(p["split_conn"].pattern), re.compile(p["before"].pattern + "$")


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("timex_roles.json")


def _p() -> dict[str, re.Pattern[str]]:
    return regex_table("timex.json")


@functools.cache
def _scans() -> dict[str, re.Pattern[str]]:
    """The patterns of :data:`_KINDS`, each skipping a text at once that lacks every
    word its matches need (今天/今日/即日/本日, 年...)."""
    return {kind: fast(_p()[kind]) for kind in _KINDS}


def role_of(text: str, before: str, after: str) -> str:
    """Role from the expression and its clause context: deadline, event or schedule.

    Examples
    --------
    >>> role_of("7月30日前", "动员会要在", "召开"), role_of("7月1日", "自", "召开大会以来")
    ('deadline', 'event')
    >>> role_of("2月23日——3月1日", "", "，做好四讲工作"), role_of("2月中旬到5月1日前", "", "")
    ('schedule', 'schedule')
    """
    t, p = _t(), _p()
    conn, ends_before = _role_forms()
    text = _BLANKS.sub("", text)
    stripped = after.lstrip("，, ")
    ranged = bool(
        p["anchored"].fullmatch(text) or p["anchored_open"].fullmatch(text) or conn.search(text[1:])
    )
    if text.endswith("以来") or stripped.startswith("以来"):
        return "event"
    if t["label_deadline"].search(before):
        return "deadline"
    if t["label_schedule"].search(before):
        return "schedule"
    if ends_before.search(text):
        if text.endswith("前夕") and t["eve_event_after"].search(stripped):
            return "event"
        return "schedule" if ranged else "deadline"
    if t["role_deadline_after"].search(stripped) or t["role_deadline_before"].search(before):
        return "deadline"
    if t["role_event_after"].search(after) or t["role_event_before"].search(before):
        return "event"
    if text.startswith(("去年", "前年")):
        return "event"
    if t["plain_yu_before"].search(before):  # 于3月5日召开: planned only in a directive
        return "schedule" if t["future_cue"].search(before) else "event"
    if ranged or t["role_schedule_before"].search(before):
        return "schedule"
    if t["role_schedule_after"].search(after) and not after.startswith(("召开", "举行")):
        return "schedule"
    if year_value(text) is not None and (
        t["year_schedule_after"].search(stripped) or t["year_schedule_before"].search(before)
    ):
        return "schedule"
    return "event"


def _loose(surface: str) -> bool:
    """A match with blanks inside that is only a month (12\\n月): a list number, no date."""
    if not _BLANKS.search(surface) or not _BLANKS.search(_DIGIT_GAP.sub("", surface)):
        return False  # 1\n0月: a number the page broke, not a list number
    body = _BLANKS.sub("", surface)
    p = _p()
    return not (
        p["parse_year"].search(body)
        or p["parse_day"].search(body)
        or _MONTH_PART.search(body)
        or p["dotted"].search(body)
    )


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside 《…》 naming a document (its last word a genre: 通知, 意见, 清单…)."""
    t = _t()
    o = text.rfind("《", max(0, start - 80), start)
    if o < 0 or "》" in text[o:start]:
        return False
    c = text.find("》", end, end + 80)
    if c < 0 or "《" in text[end:c]:
        return False
    return bool(t["genre_end"].search(_BLANKS.sub("", text[o + 1 : c])))


def _in_attachment(text: str, start: int) -> bool:
    """A line of an attachment list (附件：1.…登记表) after the 附件 label."""
    t = _t()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    if not t["genre_end"].search(line) or _CLAUSE_MARK.search(line):
        return False
    head = text[max(0, line_start - 200) : line_start]
    return bool(t["attachment_label"].search(head)) or bool(t["attachment_label"].match(line))


def _stamp(text: str, start: int, end: int) -> bool:
    """A reprint or publication stamp: （2022年01月21日 第04版） after 《报名》, 发布时间：…."""
    t = _t()
    line_start = text.rfind("\n", 0, start) + 1
    return bool(
        t["stamp_before"].search(text[max(line_start, start - 12) : start])
        or t["stamp_after"].match(text, end)
        or t["stamp_label"].search(text[line_start:start])
    )


def _context_ok(surface: str, text: str, start: int, end: int) -> bool:
    """Whether a bare named day, festival, 年初/年底 or year is used as a time here."""
    t = _t()
    body = _BLANKS.sub("", surface)
    if year_value(body) is not None:
        return not t["year_not_after"].match(text, end)
    before = text[max(0, start - 2) : start]
    if t["ypart_bare"].fullmatch(body):  # 年底 alone: only as the end of a span (到年底)
        return bool(t["bare_ypart_before"].search(before))
    words = word_table("timex.json")
    if body in words["festival"] or body in words["numday_bare"]:  # 春节, 五四 alone
        if t["named_not_after"].match(text, end):
            return False
        return bool(t["bare_named_before"].search(before))
    return True


def _previous_month(done: list[tuple[str | None, int]], at: int) -> tuple[int | None, int] | None:
    for value, pos in reversed(done):
        if pos < at and value and (m := _MONTH_VALUE.match(value)):
            return (None if m[1] == "-" else int(m[1])), int(m[2])
    return None


def _label_before(text: str, start: int) -> str:
    """The label of a label:value line the expression is the value of (时间：…).

    The label may close the line before (开展时间：⏎9月下旬), even a long line the
    page ran on from the sentence before it.
    """
    line_start = text.rfind("\n", 0, start) + 1
    own = text[line_start:start]
    if own.strip():
        return own
    prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    prev = text[prev_start : max(prev_start, line_start - 1)].strip()
    tail = _LABEL_END.split(prev)[-1]
    return tail if tail.endswith(("：", ":")) and len(tail) <= 12 else ""


def _opens_line(text: str, start: int, after: str) -> bool:
    """A date opening its line and followed by a verb: a planned item (10月下旬提出动议)."""
    t = _t()
    line_start = text.rfind("\n", 0, start) + 1
    return bool(
        t["line_open"].fullmatch(text[line_start:start])
        and t["item_after"].match(after)
        and not t["role_event_after"].search(after)
        and not text.startswith(("去年", "前年"), start)
    )


# normalize is a pure function of its arguments; the same expressions recur
_normalized = functools.lru_cache(maxsize=8192)(normalize)


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
    >>> [(m.group(), v) for m, v, _ in find_times("会议于1月18日开幕。18日下午闭幕。")]
    [('1月18日', '--01-18'), ('18日下午', '--01-18')]
    """
    p, t = _p(), _t()
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    attachment_line: dict[int, bool] = {}  # by line start: a line is read once, not per candidate

    breaks: list[int] = []  # offsets of the line breaks, found on first use

    def in_attachment(start: int) -> bool:
        if not breaks:
            breaks.extend([m.start() for m in re.finditer("\n", text)] or [-1])
        k = bisect.bisect_left(breaks, start)  # the breaks before ``start``
        line_start = breaks[k - 1] + 1 if k else 0
        if (known := attachment_line.get(line_start)) is None:
            known = attachment_line[line_start] = _in_attachment(text, line_start)
        return known

    for rank, kind in enumerate(_KINDS):
        for m in _scans()[kind].finditer(text):
            if _BROKEN.match(m.group()) and _normalized(m.group()) is None:
                # 1⏎4月7日: a list number before the date, no broken 14
                m = p[kind].match(text, _BROKEN.match(m.group()).end(1) + m.start())
                if m is None:
                    continue
            s, e, g = m.start(), m.end(), m.group()
            if e <= s or _loose(g):
                continue
            if not _context_ok(g, text, s, e):
                continue
            if _in_title(text, s, e) or in_attachment(s) or _stamp(text, s, e):
                continue
            cands.append((s, -(e - s), rank, m))
    cands.sort(key=lambda c: c[:3])
    out: list[tuple[re.Match[str], str | None, str]] = []
    done: list[tuple[str | None, int]] = []
    last_end = -1
    for start, _, _, m in cands:
        if start < last_end:
            continue
        last_end = m.end()
        month_of = _previous_month(done, start) if p["day_only"].fullmatch(m.group()) else None
        if p["day_only"].fullmatch(m.group()) and month_of is None:
            continue  # a day with no month to hang it on
        value = _normalized(m.group(), doc_year, anchor, month_of)
        done.append((value, start))
        ctx_start = max(0, m.start() - 12)
        before = _SENTENCE_END.split(text[ctx_start : m.start()])[-1]
        label = _label_before(text, m.start())
        if t["label_any"].search(label):
            before = label
        after = _SENTENCE_END.split(text[m.end() : m.end() + 30])[0]
        role = role_of(m.group(), before, after)
        if role == "event" and year_value(m.group()) is None and _opens_line(text, start, after):
            role = "schedule"
        out.append((m, value, role))
    return out
