"""Patterns that skip a text at once when it lacks a word every match must hold.

Python's regex engine scans fast only for a pattern that opens with a literal
character or a class of them. A data pattern that opens with a look-behind, an
optional word or a run of any characters (``(?:主要)?职责…``,
``[^，。]{1,60}?对…的领导``) is tried at every position of the text, which is
most of the extractor's time on the short clauses and sentences it searches
again and again. Most of those patterns hold a *required literal*: a word (or
one of a few words) that every match contains (职责, 对; 成立 or 组建 or 建立).
:func:`fast` derives it from the pattern's syntax tree and wraps the pattern so
that ``search``, ``finditer`` and ``findall`` over a text without any of those
words return at once, with no match. Everything else is the compiled pattern's
own behaviour; the answers are the same by construction (the words are in the
consumed part of every match, so inside ``text[pos:endpos]``).

Examples
--------
>>> required_literals("(?:主要)?职责(?:主要)?(?:是|有)")
('职责',)
>>> required_literals("(?:普遍|分别)?(?:成立|组建)(?:了)?")
('成立', '组建')
>>> required_literals("[0-9]+年") , required_literals("(?:年|月)?日?")
(('年',), None)
>>> rx = fast("(?:主要)?职责(?:主要)?(?:是|有)")
>>> rx.search("督导组的主要职责是"), rx.search("各单位要抓好学习") is None
(<re.Match object; span=(4, 9), match='主要职责是'>, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as C
from re import _parser

_MAX_WORDS = 8  # more alternatives than this: the check costs more than it saves
_Words = tuple[str, ...] | None


def _best(cands: list[tuple[str, ...]]) -> _Words:
    """The most selective alternative set: longest shortest word, then fewest words."""
    if not cands:
        return None
    return max(cands, key=lambda ws: (min(len(w) for w in ws), -len(ws)))


def _in_chars(items: list) -> _Words:
    chars = []
    for op, av in items:
        if op is not C.LITERAL:
            return None  # a range, a category or a negated class: no short list
        chars.append(chr(av))
    return tuple(sorted(set(chars))) if 0 < len(chars) <= _MAX_WORDS else None


def _item(op, av) -> _Words:
    """The words one element of a sequence requires (None: it requires none)."""
    if op is C.LITERAL:
        return (chr(av),)
    if op is C.IN:
        return _in_chars(av)
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & C.SRE_FLAG_IGNORECASE else _seq(sub)
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return _seq(sub) if lo >= 1 else None
    if op is C.BRANCH:
        words: list[str] = []
        for alt in av[1]:
            ws = _seq(alt)
            if ws is None:
                return None
            words.extend(ws)
        uniq = set(words)  # a word holding another listed one adds nothing
        kept = tuple(sorted(w for w in uniq if not any(v != w and v in w for v in uniq)))
        return kept if len(kept) <= _MAX_WORDS else None
    return None  # look-arounds, anchors, back-references consume nothing certain


def _seq(items) -> _Words:
    cands: list[tuple[str, ...]] = []
    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            cands.append((run,))
            run = ""
        if (ws := _item(op, av)) is not None:
            cands.append(ws)
    if run:
        cands.append((run,))
    return _best(cands)


def required_literals(source: str) -> tuple[str, ...] | None:
    """Words of which every match of ``source`` contains one (None: no such short list).

    Case-insensitive patterns give None.
    """
    tree = _parser.parse(source)
    if tree.state.flags & C.SRE_FLAG_IGNORECASE:
        return None
    return _seq(tree)


def _scans_fast(source: str) -> bool:
    """Whether the engine itself skips ahead: the pattern opens with a literal, a
    class of characters, alternatives that each open with a literal, or ``^``."""
    items = list(_parser.parse(source))
    while items and items[0][0] is C.SUBPATTERN and not items[0][1][1] & C.SRE_FLAG_IGNORECASE:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op is C.LITERAL:
        return True
    if op is C.IN:  # a short class of characters, not a range or a negated class
        return all(o is C.LITERAL for o, _ in av)
    if op is C.AT and av is C.AT_BEGINNING:
        return True
    if op is C.BRANCH:
        return all(alt and alt[0][0] is C.LITERAL for alt in av[1])
    return False


class Prefiltered:
    """A compiled pattern whose searches first check for its required words."""

    __slots__ = ("_one", "_rx", "_words")

    def __init__(self, rx: re.Pattern[str], words: tuple[str, ...]):
        self._rx = rx
        self._words = words
        self._one = words[0] if len(words) == 1 else None

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        pos, endpos = max(pos, 0), max(endpos, 0)  # as the engine reads them (find would not)
        if self._one is not None:
            return text.find(self._one, pos, endpos) < 0
        return all(text.find(w, pos, endpos) < 0 for w in self._words)

    def search(self, text: str, pos: int = 0, endpos: int = 1 << 62) -> re.Match[str] | None:
        if self._absent(text, pos, endpos):
            return None
        return self._rx.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 1 << 62) -> Iterator[re.Match[str]]:
        if self._absent(text, pos, endpos):
            return iter(())
        return self._rx.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = 1 << 62) -> list:
        if self._absent(text, pos, endpos):
            return []
        return self._rx.findall(text, pos, endpos)

    def __getattr__(self, name: str):  # match, fullmatch, sub, split, pattern, groupindex...
        return getattr(self._rx, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self._rx!r}, {self._words!r})"


def fast(source: str | re.Pattern[str]) -> re.Pattern[str]:
    """``re.compile(source)``, prefiltered by its required words where that helps.

    The engine's own scan is kept for patterns that open with a literal or a class.
    """
    rx = source if isinstance(source, re.Pattern) else re.compile(source)
    if rx.flags & re.IGNORECASE or _scans_fast(rx.pattern):
        return rx
    words = required_literals(rx.pattern)
    return rx if words is None else Prefiltered(rx, words)  # type: ignore[return-value]
