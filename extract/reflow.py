"""Join the lines a scraper broke inside a sentence, keeping a map back to the original.

Scraped pages break lines wherever the page had an inline element: inside a date
(``11\\n月\\n12\\n日``), a name (``市委\\n主题教育办``), around a quote mark or a
comma. :func:`reflow` removes such *soft* line breaks so that every later
component sees whole sentences, and returns the index map that keeps spans
pointing into the text as read. A break stays (it is *hard*) when the line before
it ends a sentence or a label (``。！？；：``), when either side is blank, or when
the next line opens a heading (``一、``, ``（二）``, ``3.``, ``一是``); it is soft
when one side is a continuation mark (the next line opens with ``、，。”）%``, the
line before ends with ``“（、，``), when digits meet digits or a date unit, when
a fragment is very short and has no punctuation of its own, or when the logical
line is long and unfinished (a wrapped line). The character classes live in
``extract/data/reflow.json``.

Examples
--------
>>> text, where = reflow("各支部：\\n1\\n月\\n24\\n日下午，召开\\n、\\n座谈会。\\n二、要求")
>>> text
'各支部：\\n1月24日下午，召开、座谈会。\\n二、要求'
>>> where[5], where[6]
(5, 7)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from extract.lexicon import data_json
from extract.prefilter import first_chars, skipping

_BREAK = skipping(r"[ \t\u3000]*\r?\n[ \t\u3000]*")


@functools.cache
def _rules() -> dict:
    d = data_json("reflow.json")
    return {
        "hard_end": frozenset(d["hard_end"]),
        "open_end": frozenset(d["open_end"]),
        "cont_start": frozenset(d["cont_start"]),
        "unit_after_digit": frozenset(d["unit_after_digit"]),
        "any_punct": frozenset(d["any_punct"]),
        "short": int(d["short_fragment"]),
        "wrapped": int(d["wrapped_line"]),
        "function_end": frozenset(d["function_end"]),
        "month_next": frozenset(d["month_next"]),
        "pairs": tuple(zip(d["pairs"][0::2], d["pairs"][1::2], strict=True)),
        "body_end": frozenset(d["body_end"]),
        "cjk_only": re.compile("[\u4e00-\u9fff]+"),
        "date_line": re.compile(d["date_line_re"]),
        "after_date": re.compile(d["after_date_re"]),
        "opening": re.compile("[" + re.escape(d["pairs"][0::2]) + "]"),
        "closers": frozenset(d["pairs"][1::2]),
        "heading": re.compile(d["heading_re"]),
        "enum_only": re.compile(d["enum_only_re"]),
        "punct": re.compile("[" + re.escape(d["any_punct"]) + "]"),
        # a sentence end, then a short tail without punctuation up to the line's end
        "fragment": re.compile(
            "[" + re.escape(d["hard_end"]) + "]"
            "[^" + re.escape(d["hard_end"] + d["any_punct"]) + "]"
            f"{{1,{int(d['short_fragment'])}}}\\Z"
        ),
        "date_open": re.compile(d["date_open_re"]),
        "date_next": re.compile(d["date_next_re"]),
        "range_marks": frozenset(d["range_marks"]),
    }


def soft_break(
    logical: str,
    prev_line: str,
    next_line: str,
    logical_len: int = -1,
    joined: bool = False,
    tail: str = "",
) -> bool:
    """Whether the line break between ``prev_line`` and ``next_line`` is soft.

    ``logical`` is the logical line so far (earlier soft breaks joined; its first
    characters are enough, with ``logical_len`` its whole length and ``joined``
    whether it already spans a soft break, ``tail`` its last characters when they
    are not in ``prev_line``), ``prev_line`` the physical line before the break and
    ``next_line`` the one after, both stripped.

    Examples
    --------
    >>> soft_break("遵照市委", "遵照市委", "主题教育办")
    True
    >>> soft_break("各支部：", "各支部：", "为做好工作，现通知如下。")
    False
    >>> soft_break("二、工作要求", "二、工作要求", "各单位要加强领导。")
    False
    >>> soft_break("中共某某县委员会", "中共某某县委员会", "2021年3月1日")
    False
    """
    if not logical or not prev_line or not next_line:
        return False
    length = len(logical) if logical_len < 0 else logical_len
    return _soft()(logical, prev_line, next_line, length, joined, tail)


@functools.cache
def _soft():
    """The test of :func:`soft_break` on non-empty lines, with the rules bound once
    (it runs at nearly every line break of a scraped page)."""
    r = _rules()
    hard_end, open_end, cont_start = r["hard_end"], r["open_end"], r["cont_start"]
    unit_after_digit, any_punct, short = r["unit_after_digit"], r["any_punct"], r["short"]
    wrapped, function_end, month_next = r["wrapped"], r["function_end"], r["month_next"]
    pairs, body_end, closers = r["pairs"], r["body_end"], r["closers"]
    range_marks = r["range_marks"]
    cjk_match, cjk_full = r["cjk_only"].match, r["cjk_only"].fullmatch
    date_line, after_date = r["date_line"].fullmatch, r["after_date"].match
    opening, heading = r["opening"].search, r["heading"].match
    enum_only_full, punct = r["enum_only"].fullmatch, r["punct"].search
    fragment = r["fragment"].search
    date_open, date_next = r["date_open"].search, r["date_next"].match
    ellipses = ("...", "．．．")
    # a line of letters, digits and ideographs only (str.isalnum) holds no mark: the
    # searches for marks in it are skipped
    marks = set(any_punct) | set(hard_end) | set(r["opening"].pattern)
    unmarked = str.isalnum if not any(c.isalnum() for c in marks) else _no_line
    # the characters a line must open with to match (a set test, before the regex)
    heading_at, enum_at, date_at = (
        _opening_chars(r[k].pattern) for k in ("heading", "enum_only", "date_line")
    )

    def test(logical: str, prev_line: str, next_line: str, length: int, joined: bool, tail: str):
        a, b = prev_line[-1], next_line[0]
        if b in cont_start:
            return True
        if (
            a in hard_end
            or (a in ".．" and prev_line.endswith(ellipses))
            or (a in _CLOSING and _closed(prev_line, r))
        ):
            return False
        enum_only = length <= 8 and logical[0] in enum_at and bool(enum_only_full(logical))
        if b in heading_at and heading(next_line):
            return enum_only
        if joined and a in closers and all(c in closers for c in prev_line):
            return True  # “ / 创 / ” / 与: a closing mark the page put on a line of its own
        if b == "“" and a not in any_punct and _inline_quote(next_line):
            return True  # 紧紧围绕 / “…” / 这条主线: a quotation inside a sentence
        if joined and a == "”" and _inline_quote(prev_line) and cjk_match(b):
            return True
        if a in open_end or enum_only or a in function_end:
            return True
        plain_prev = unmarked(prev_line)
        if (
            not plain_prev
            and opening(prev_line)
            and any(prev_line.count(o) > prev_line.count(c) for o, c in pairs)
        ):
            return True  # inside quotation marks or brackets
        b_digit, a_digit = b.isdigit(), a.isdigit()
        if (
            (b_digit or b == "月")
            and date_open((tail or prev_line)[-8:])
            and (date_next(next_line) or (a_digit and b == "月"))
        ):
            return True  # 2011年 / 1月, 2011年5 / 月结束: a date broken by the page
        if b in range_marks and (a_digit or a in unit_after_digit):
            return True  # 1月 / -2月: a range goes on
        if a_digit and (b_digit or b in unit_after_digit):
            if b == "月" and next_line[1:2] and next_line[1] not in month_next:
                return False  # 12 / 月考安排: a list number before a line, no date
            return min(len(prev_line), len(next_line)) <= short  # 11 / 月, not 1024 / 5月8日
        if logical[0] in heading_at and heading(logical):
            return False  # a heading line ends at its line break
        if b_digit and not joined:
            if len(prev_line) > short and not punct(prev_line):
                return False  # a signature line, then its date
            if a in body_end and cjk_full(prev_line):
                return False  # 党政办 / 2019 / 年…: a short signature, then its date
        if (
            length <= 16
            and logical[0] in date_at
            and date_line(logical)
            and not after_date(next_line)
        ):
            return False  # 2019年6月10日 / 绍办通报: a line that is a date ends there
        if (
            not b_digit
            and not plain_prev
            and fragment(prev_line, max(0, len(prev_line) - short - 1)) is not None
        ):
            return True  # …参加。请 / 各支部…: a sentence begun at the line's end goes on
        if a not in any_punct:
            if joined:
                if len(prev_line) <= short or (
                    not unmarked(next_line) and punct(next_line) is not None
                ):
                    return True  # a sentence already broken goes on until its punctuation
            elif len(prev_line) <= short:
                # a fragment, unless it is a whole line such as a letterhead above a title
                return len(next_line) <= short or (
                    not unmarked(next_line) and punct(next_line) is not None
                )
        if len(next_line) <= short and next_line[-1] not in any_punct:
            return True
        return length >= wrapped

    return test


def _no_line(line: str) -> bool:
    """No line is known to hold no mark (a mark that is a letter or digit is listed)."""
    return False


class _Any:
    """Holds every character (no short list of opening characters is known)."""

    def __contains__(self, ch: str) -> bool:
        return True


def _opening_chars(source: str) -> frozenset[str] | _Any:
    chars = first_chars(source)
    return _Any() if chars is None else frozenset(chars)


def _inline_quote(line: str) -> bool:
    """A line that is one quotation without a sentence end inside (“学史明理、学史增信”)."""
    return (
        len(line) > 2
        and line[0] == "“"
        and line[-1] == "”"
        and "“" not in line[1:-1]
        and not any(c in "。！？!?" for c in line)
    )


_CLOSING = "”’」』】）)"  # a line :func:`_closed` holds ends with one of these


def _closed(line: str, r: dict) -> bool:
    """A line ending a sentence inside closing marks (…。” / …。（某某）)."""
    body = line.rstrip(_CLOSING)
    if body != line and body and body[-1] in r["hard_end"]:
        return True
    if line.endswith(("）", ")")):
        k = max(line.rfind("（"), line.rfind("("))
        return k > 0 and line[k - 1] in r["hard_end"]
    return False


def reflow(text: str, keep: Iterable[tuple[int, int]] = ()) -> tuple[str, tuple[int, ...] | None]:
    """Remove the soft line breaks of ``text`` (see the module docstring).

    Parameters
    ----------
    text : str
        The (simplified) text.
    keep : iterable of (int, int)
        Spans of ``text`` whose line breaks before and after stay (boilerplate lines
        are not joined to the text around them).

    Returns
    -------
    text : str
        The text with soft breaks (and the blanks around them) removed.
    where : tuple of int or None
        ``where[i]`` is the index in the input of character ``i`` of the output,
        one extra entry for the end; ``None`` when nothing was removed.
    """
    spans = [m.span() for m in _BREAK.finditer(text)]
    if not spans:
        return text, None
    lines = [line.strip() for line in text.split("\n")]  # a break holds one "\n", blanks around
    fixed = {i for a, b in keep for i in (a, b)}
    cuts: list[tuple[int, int]] = []
    r = _rules()
    hard_end, cont_start = r["hard_end"], r["cont_start"]
    soft = _soft()
    head, length, joined, tail = lines[0][:16], len(lines[0]), False, ""
    line_start = 0  # where the line before the break starts
    # lines holds one more entry than spans (the last line ends no break)
    for span, prev_line, next_line in zip(spans, lines, lines[1:], strict=False):
        if (
            not prev_line
            or not next_line
            or (prev_line[-1] in hard_end and next_line[0] not in cont_start)
        ):  # a blank line, or 。 then a line: hard
            head, length, joined = next_line[:16], len(next_line), False
            line_start = span[1]
            continue
        near = fixed and (span[0] in fixed or span[1] in fixed or line_start in fixed)
        line_start = span[1]
        tail = (tail + prev_line[-8:])[-8:] if joined else prev_line[-8:]
        if head and not near and soft(head, prev_line, next_line, length, joined, tail):
            cuts.append(span)
            if len(head) < 16:
                head = (head + next_line)[:16]
            length += len(next_line)
            joined = True
        else:
            head, length, joined = next_line[:16], len(next_line), False
    if not cuts:
        return text, None
    parts: list[str] = []
    where: list[int] = []
    pos = 0
    for a, b in cuts:
        parts.append(text[pos:a])
        where.extend(range(pos, a))
        pos = b
    parts.append(text[pos:])
    where.extend(range(pos, len(text) + 1))
    return "".join(parts), tuple(where)


def compose(
    first: tuple[int, ...] | None, second: tuple[int, ...] | None
) -> tuple[int, ...] | None:
    """The map of two successive edits: ``second`` into ``first``'s output, into the input.

    Examples
    --------
    >>> compose(None, (0, 2, 3)), compose((0, 0, 1, 2), None), compose((0, 0, 1, 2), (0, 2, 3))
    ((0, 2, 3), (0, 0, 1, 2), (0, 1, 2))
    """
    if second is None:
        return first
    if first is None:
        return second
    return tuple(first[i] for i in second)
