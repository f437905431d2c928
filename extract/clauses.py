"""Paragraphs, sentences, clauses and headings of a speech, with offsets.

Scraped texts break lines in the middle of sentences and glue headings to their
bodies; the patterns in ``extract/data/clauses.json`` decide which line breaks are
soft (a long line that does not end in punctuation continues on the next) and which
in-line marks are hard (a lone ``×`` paragraph mark; a space between two Chinese
characters). Sentences end at ``。！？：``; clauses at commas and semicolons.
A paragraph that opens with an enumerator (一、 / （一） / 第一， / 1、) opens with
a heading of level 1, 2 or 3; 一是/二是 items are level 4.

Examples
--------
>>> ss = sentences("一、加强领导\\n各单位要抓好学习，要注重实效。")
>>> [(s.text, s.heading, s.section) for s in ss]
[('一、加强领导', 1, 1), ('各单位要抓好学习，要注重实效。', 0, 1)]
>>> [c.text for c in ss[1].clauses]
['各单位要抓好学习，', '要注重实效。']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from extract.lexicon import anchored_finditer, data_json, regex_table


@dataclass(slots=True, unsafe_hash=True)
class Segment:
    """A stretch ``[start, end)`` of the text it was cut from.

    Never changed once cut, but not frozen: a frozen dataclass sets each field through
    ``object.__setattr__``, and segments are cut by the hundred thousand.
    """

    start: int
    end: int
    text: str


class _cached:
    """``functools.cached_property`` without the lock it takes on each first access
    (Python 3.11): the value is computed once and stored in the instance's dict."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True)
class Sentence:
    """A sentence with its place in the document's outline.

    ``heading`` is 0 for body text, else the heading level (1 一、, 2 （一）/第一，
    3 1、) when the sentence opens its paragraph with that enumerator.
    ``enum`` is a leading enumerator (also 一是/一要/首先), ``enum_kind`` its kind.
    ``section`` counts level-1 headings (0 before the first); ``review`` marks
    sections whose heading looks back (…情况回顾, 简要小结).
    ``clauses`` are cut on first use (most sentences never need them).
    """

    start: int
    end: int
    text: str
    para: int
    first_in_para: bool
    heading: int
    enum: str
    enum_kind: str
    section: int
    review: bool
    topic: bool
    _text: str = field(repr=False, compare=False)
    _work: str = field(repr=False, compare=False)

    @_cached
    def clauses(self) -> tuple[Segment, ...]:
        """The sentence's clauses (cut at commas, semicolons and colons), in text order."""
        text, work, out = self._text, self._work, []
        for m in _t()["clause"].finditer(work, self.start, self.end):
            a, b = m.span()
            if a == b:
                continue
            if work[a].isspace() or work[b - 1].isspace():  # else the chunk is its own strip
                chunk = work[a:b]
                stripped = chunk.strip()
                if not stripped:
                    continue
                a += len(chunk) - len(chunk.lstrip())
                b = a + len(stripped)
            out.append(Segment(a, b, text[a:b]))
        return tuple(out)


@functools.cache  # one call of a cache instead of two
def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("clauses.json")


def working_text(text: str) -> str:
    """``text`` with soft line breaks turned into spaces (same length, same offsets).

    Punctuation that cuts nothing is masked too: a colon between digits (17:00)
    and the commas and semicolons inside a short quotation (“学思想、强党性，重实践”).

    Examples
    --------
    >>> working_text("短行\\n下一行") == "短行\\n下一行"
    True
    >>> "\\n" in working_text("这是一个很长的句子" * 5 + "\\n继续")
    False
    >>> working_text("于9月6日17:00前提交，围绕“甲，乙”讲")
    '于9月6日17∶00前提交，围绕“甲‚乙”讲'
    """
    min_len = int(data_json("clauses.json")["soft_wrap_min"])
    out: dict[int, str] = {}  # offset -> the character put there (one list per text was slow)
    line_start = 0
    for m in _t()["soft_wrap"].finditer(text):
        i = m.start()
        prev = text.rfind("\n", 0, i) + 1
        line_start = prev
        if len(text[line_start:i].strip()) >= min_len:
            out[i] = "\u200b"  # zero-width: neither a break nor an in-line space
    for m in _t()["clock_colon"].finditer(text):
        out[m.start()] = "\u2236"
    said = regex_table("requirements.json")["speech_clause"]
    for m in _t()["short_quote"].finditer(text):
        s = m.start()
        if s > 0 and (text[s - 1] == "”" or said.search(text, max(0, s - 8), s)):
            continue  # 强调“要A，不要B”: quoted speech keeps its clauses
        for k in range(m.start() + 1, m.end() - 1):
            if text[k] in "，,；;":
                out[k] = "\u201a"
    for m in _t()["quote_pair"].finditer(text):
        if _quoted_clause(text, m.start()):
            out[m.start()] = "\u3002"  # “要A”“要B”: two quoted sentences
    if not out:
        return text
    parts, pos = [], 0
    for i in sorted(out):
        parts += (text[pos:i], out[i])
        pos = i + 1
    parts.append(text[pos:])
    return "".join(parts)


def _quoted_clause(text: str, at: int) -> bool:
    """Whether the quotation closing at ``at`` or the one opening after it states a clause."""
    t, least = _t(), int(data_json("clauses.json")["quote_break_min"])
    a = text.rfind("“", max(0, at - 300), at)
    b = text.find("”", at + 1, at + 300)
    for quote in (text[a + 1 : at] if a >= 0 else "", text[at + 2 : b] if b > 0 else ""):
        if len(quote) >= least and "“" not in quote and t["quoted_clause"].search(quote):
            return True
    return False


def _paragraphs(work: str) -> list[tuple[int, int]]:
    inline = _t()["inline_break"]
    anchor = data_json("clauses.json")["inline_break_anchor"]
    marks = anchored_finditer(inline, work, anchor["chars"], tuple(anchor["reach"]))
    cuts = sorted({m.start() for m in re.finditer("\n", work)} | {m.start() for m in marks})
    spans, pos = [], 0
    for c in [*cuts, len(work)]:
        if c > pos:
            spans.append((pos, c))
        end_break = inline.match(work, c) if c < len(work) else None
        pos = end_break.end() if end_break and end_break.end() > c else c + 1
    return spans


_ENUM_KINDS = ("enum_l1", "enum_l2", "enum_l3", "enum_item", "enum_keep")


@functools.cache
def _enum_re() -> re.Pattern[str]:
    """The enumerator patterns as one alternation of named groups, in priority order."""
    t = _t()
    return re.compile("|".join(f"(?P<{k}>{t[k].pattern})" for k in _ENUM_KINDS))


def _enum(text: str) -> tuple[str, str]:
    if m := _enum_re().match(text):
        return m.group(), m.lastgroup or ""
    return "", ""


def opening_enumerator(text: str) -> re.Match[str] | None:
    """The enumerator ``text`` opens with, its kind (``enum_l1``, ``enum_l2``,
    ``enum_l3``, ``enum_item`` or ``enum_keep``, the first that matches) as ``lastgroup``.

    Examples
    --------
    >>> m = opening_enumerator("（二）加强领导")
    >>> m.group(), m.lastgroup, opening_enumerator("加强领导")
    ('（二）', 'enum_l2', None)
    """
    return _enum_re().match(text)


def _cut(pattern: re.Pattern[str], text: str, offset: int) -> list[Segment]:
    out = []
    for m in pattern.finditer(text):
        a, b = m.span()
        if a == b:
            continue
        chunk = text[a:b]
        if text[a].isspace() or text[b - 1].isspace():  # else the chunk is its own strip
            stripped = chunk.strip()
            if not stripped:
                continue
            a += len(chunk) - len(chunk.lstrip())
            chunk = stripped
        out.append(Segment(offset + a, offset + a + len(chunk), chunk))
    return out


def sentences(text: str) -> list[Sentence]:
    """Split normalized text into :class:`Sentence` records, in text order."""
    t = _t()
    work = working_text(text)
    out: list[Sentence] = []
    section, review = 0, False
    levels = {"enum_l1": 1, "enum_l2": 2, "enum_l3": 3}
    for p, (ps, pe) in enumerate(_paragraphs(work)):
        for k, seg in enumerate(_cut(t["sentence"], work[ps:pe], ps)):
            lead = t["lead_strip"].match(seg.text)
            skip = lead.end() if lead else 0
            s = seg.start + skip
            body = text[s : seg.end]
            if not body:
                continue
            enum, kind = _enum(body)
            heading = levels.get(kind, 0) if k == 0 or kind in ("enum_l1", "enum_l2") else 0
            topic = bool(heading) and bool(t["topic_heading"].search(body[len(enum) :]))
            if heading == 1:
                section += 1
                review = topic and bool(t["review_heading"].search(body))
            out.append(
                _sentence(
                    start=s,
                    end=seg.end,
                    text=body,
                    para=p,
                    first_in_para=k == 0,
                    heading=heading,
                    enum=enum,
                    enum_kind=kind,
                    section=section,
                    review=review,
                    topic=topic,
                    _text=text,
                    _work=work,
                )
            )
    return out


def _sentence(**fields) -> Sentence:
    """``Sentence(**fields)`` set at once: the frozen dataclass's ``__init__`` sets each
    of its 13 fields with a call of ``object.__setattr__``, twice as slow (the same
    object, as immutable)."""
    sent = object.__new__(Sentence)
    sent.__dict__.update(fields)
    return sent
