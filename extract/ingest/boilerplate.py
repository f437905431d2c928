"""Mark scraped-page boilerplate as excluded spans, without shifting offsets.

The patterns live in ``extract/data/boilerplate.txt`` (one regular expression
per line, written in simplified characters); a line that matches one is
excluded as a whole. Lines are matched in their simplified form (so 時間：/
上一篇 in a traditional page match too); the spans stay in raw coordinates.

Examples
--------
>>> [s.text for s in find_boilerplate("上一篇：关于开展活动的通知\\n各支部要认真学习。")]
['上一篇：关于开展活动的通知']
>>> from extract.normalize import to_simplified
>>> raw = "發佈時間：2022-10-17\\n各支部要認真學習。"
>>> [s.text for s in find_boilerplate(raw, *to_simplified(raw))]
['發佈時間：2022-10-17']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from extract.lexicon import lexicon
from extract.prefilter import first_chars, opens_anchored, required_literals
from extract.records import Span


@functools.cache
def _line_test() -> Callable[[str], re.Match[str] | None]:
    """The alternation's ``match`` when every pattern opens with ``^`` (a line is
    tested at its start only), else its ``search``.

    With ``match``, a line is first checked for what some pattern needs: its first
    character among those a pattern opens with, or a word every match of a pattern
    holds (发布时间, 版权所有...). Most lines have neither and are not tried at all.
    """
    lex = lexicon()
    if not all(opens_anchored(p.pattern) and not p.flags & re.MULTILINE for p in lex.boilerplate):
        return lex.boilerplate_any.search
    match = lex.boilerplate_any.match
    first: set[str] = set()
    words: set[str] = set()
    for p in lex.boilerplate:
        if (chars := first_chars(p.pattern)) is not None:
            first.update(chars)
        elif (needed := required_literals(p.pattern, most=64)) is not None:
            words.update(needed)
        else:
            return match  # a pattern that could open anywhere with any word
    opening = frozenset(first)
    holds = re.compile("|".join(map(re.escape, sorted(words)))).search if words else None

    def test(line: str) -> re.Match[str] | None:
        if line[:1] not in opening and (holds is None or holds(line) is None):
            return None
        return match(line)

    return test


def find_boilerplate(
    raw: str, text: str | None = None, offsets: tuple[int, ...] | None = None
) -> tuple[Span, ...]:
    """Return the spans of ``raw`` that are site boilerplate, in text order.

    Parameters
    ----------
    raw : str
        Decoded document text.
    text : str, optional
        Its simplified form (:func:`extract.normalize.to_simplified`); the lines
        are matched there. Defaults to ``raw``.
    offsets : tuple of int, optional
        The map from ``text`` indices to ``raw`` indices (``None``: identity).

    Returns
    -------
    tuple of Span
        One span per boilerplate line (leading and trailing spaces left out).
    """
    is_boilerplate = _line_test()
    norm = raw if text is None else text

    def to_raw(i: int) -> int:
        return i if offsets is None else offsets[i]

    out: list[Span] = []
    pos = 0
    for line in norm.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped and len(stripped) <= 200 and is_boilerplate(stripped):
            start = pos + (len(body) - len(body.lstrip()))
            rs, re_ = to_raw(start), to_raw(start + len(stripped))
            out.append(Span(rs, re_, raw[rs:re_]))
        pos += len(line)
    return tuple(out)
