"""Where a directive clause is cut: quotations, parallel lists, runs of bare negations.

Helpers of :mod:`extract.directives`. A quotation after a speech verb is a cited
directive and keeps its cues (:func:`quoted_spans`); a unit made of a quotation
spans the text inside the marks (:func:`trim_quote`); a list that repeats its modal
word gives one unit per item (:func:`parallel_pieces`, :func:`opens_list`); a run of
bare negations inside a directive is a prohibition of its own
(:func:`negation_runs`). Patterns live in ``extract/data/requirements.json``.
"""

from __future__ import annotations

import functools
import re

from extract.clauses import Segment
from extract.lexicon import regex_table, word_table
from extract.modality import Cue, cues
from extract.prefilter import required_literals


@functools.cache  # one call of a cache instead of two
def _r() -> dict[str, re.Pattern[str]]:
    return regex_table("requirements.json")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages (“…”): cues inside them are cited, not directed.

    A quotation after a speech verb (强调“…”, 要求：“…”) or right after another
    quotation is the cited authority's directive, not a name: its cues count.

    Examples
    --------
    >>> quoted_spans("提出“人人要争先”的口号，他强调“要争先”")
    [(2, 9)]
    """
    said, named = _r()["speech_clause"], _r()["quote_named"]
    out = []
    for m in re.finditer(r"“[^“”\n]{1,80}”", text):
        s = m.start()
        if (
            s > 0
            and (text[s - 1] == "”" or said.search(text, max(0, s - 8), s))
            and not named.match(text, m.end())
        ):
            continue
        out.append(m.span())
    return out


def opens_list(segs: list[Segment], seg_cues: list[Cue | None], k: int) -> bool:
    """Whether clause ``k`` opens a list of clauses that each open with the same modal
    word (…，坚持A，坚持B): the clause before such a list is a directive of its own.

    Examples
    --------
    >>> segs = [Segment(0, 4, "抓学习，"), Segment(4, 8, "坚持甲，"), Segment(8, 12, "坚持乙。")]
    >>> cs = [None, Cue(4, 6, "坚持", "obligation", False), Cue(8, 10, "坚持", "obligation", False)]
    >>> [opens_list(segs, cs, k) for k in range(3)]
    [False, True, False]
    """
    a = seg_cues[k]
    b = seg_cues[k + 1] if k + 1 < len(segs) else None
    return (
        a is not None
        and b is not None
        and a.start == segs[k].start
        and b.start == segs[k + 1].start
        and a.word == b.word
    )


def parallel_pieces(seg: Segment) -> list[Segment]:
    """``seg`` cut where a list repeats its modal word (必须坚持A、必须坚持B: two directives).

    Examples
    --------
    >>> [p.text for p in parallel_pieces(Segment(0, 11, "必须坚持甲、必须坚持乙。"))]
    ['必须坚持甲、', '必须坚持乙。']
    """
    if "、" not in seg.text:
        return [seg]
    strong = word_table("modality.json")["strong"]
    out, start = [], 0
    for c in cues(seg.text):
        if (
            c.start > start
            and len(c.word) >= 2
            and c.word in strong
            and seg.text[c.start - 1] == "、"
            and c.word in seg.text[start : c.start - 1]
        ):
            out.append(Segment(seg.start + start, seg.start + c.start, seg.text[start : c.start]))
            start = c.start
    if not out:
        return [seg]
    out.append(Segment(seg.start + start, seg.end, seg.text[start:]))
    return out


@functools.cache
def _negation_words() -> tuple[str, ...] | None:
    return required_literals(_r()["bare_negation"].pattern)


def may_negate(text: str) -> bool:
    """Whether ``text`` holds a word every bare negation needs (else no clause cut
    from it opens a run of :func:`negation_runs`).

    Examples
    --------
    >>> may_negate("不推诿、不扯皮"), may_negate("抓好学习")
    (True, False)
    """
    words = _negation_words()
    return words is None or any(w in text for w in words)


def negation_runs(segs: list[Segment], seg_cues: list[Cue | None]) -> set[int]:
    """Clauses that open a unit around runs of bare negations (…，不A、不B，…).

    The run's first clause gets a prohibition cue at its 不 (``seg_cues`` is updated),
    its other clauses lose theirs; the run and the clause after it open units.

    Examples
    --------
    >>> from extract.modality import first_cue
    >>> segs = [Segment(0, 5, "要守规矩，"), Segment(5, 13, "不推诿、不扯皮，")]
    >>> segs.append(Segment(13, 17, "办好事。"))
    >>> cs = [first_cue(x.text) for x in segs]
    >>> sorted(negation_runs(segs, cs)), cs[1].word, cs[1].modality
    ([1, 2], '不', 'prohibition')
    """
    r = _r()
    out: set[int] = set()
    k = 0
    while k < len(segs):
        if not r["bare_negation"].match(segs[k].text):
            k += 1
            continue
        j = k
        while j + 1 < len(segs) and r["bare_negation"].match(segs[j + 1].text):
            j += 1
        run = "".join(s.text for s in segs[k : j + 1])
        if (
            len(r["negation_item"].findall(run)) >= 2
            and not r["negation_modifier"].search(segs[j].text)
            and (k > 0 or j + 1 < len(segs))
        ):
            m = r["bare_negation"].match(segs[k].text)
            at = segs[k].start + m.end() - 1
            seg_cues[k] = Cue(at, at + 1, "不", "prohibition", False)
            for i in range(k + 1, j + 1):
                seg_cues[i] = None
            out |= {k, j + 1}
        k = j + 1
    return out


def trim_quote(text: str, s: int, e: int, quoted: bool = False) -> tuple[int, int]:
    """``[s, e)`` without the quotation marks that do not belong to the directive.

    ``quoted`` says the span starts inside a quotation opened by a speech verb
    (强调“要…”), so a closing mark at its end goes.

    Examples
    --------
    >>> t = "“要甲，不要乙”"
    >>> [t[a:b] for a, b in (trim_quote(t, 0, 4), trim_quote(t, 4, 8), trim_quote(t, 0, 8))]
    ['要甲，', '不要乙', '要甲，不要乙']
    """
    if quoted and text[e - 1 : e] == "”" and "“" not in text[s:e]:
        e -= 1
    if text[s : s + 1] == "“" and text[s:e].count("“") > text[s:e].count("”"):
        s += 1  # “要A，…: the quotation goes on past the unit
    if text[e - 1 : e] == "”" and text[s:e].count("”") > text[s:e].count("“"):
        e -= 1  # …，不要B”
    if text[s : s + 1] == "“" and text[e - 1 : e] == "”" and "“" not in text[s + 1 : e]:
        s, e = s + 1, e - 1  # one whole quotation: the directive inside the marks
    return s, e
