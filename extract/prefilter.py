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

:func:`skipping` serves the patterns searched over whole documents: where every
match opens with one of a few characters (after a look-behind or an optional
part: ``(?<![0-9])年?月…``), a look-ahead for those characters put in front makes
each position where no match can start fail at once.

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
from collections.abc import Iterable, Iterator
from re import _constants as C
from re import _parser

_MAX_WORDS = 8  # more alternatives than this: the check costs more than it saves
_Words = tuple[str, ...] | None


def _best(cands: list[tuple[str, ...]]) -> _Words:
    """The most selective alternative set: longest shortest word, then fewest words."""
    if not cands:
        return None
    return max(cands, key=lambda ws: (min(len(w) for w in ws), -len(ws)))


def _in_chars(items: list, most: int) -> _Words:
    chars = []
    for op, av in items:
        if op is not C.LITERAL:
            return None  # a range, a category or a negated class: no short list
        chars.append(chr(av))
    return tuple(sorted(set(chars))) if 0 < len(chars) <= most else None


def _item(op, av, most: int) -> _Words:
    """The words one element of a sequence requires (None: it requires none)."""
    if op is C.LITERAL:
        return (chr(av),)
    if op is C.IN:
        return _in_chars(av, most)
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & C.SRE_FLAG_IGNORECASE else _seq(sub, most)
    if op is C.ATOMIC_GROUP:
        return _seq(av, most)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return _seq(sub, most) if lo >= 1 else None
    if op is C.BRANCH:
        words: list[str] = []
        for alt in av[1]:
            ws = _seq(alt, most)
            if ws is None:
                return None
            words.extend(ws)
        uniq = set(words)  # a word holding another listed one adds nothing
        kept = tuple(sorted(w for w in uniq if not any(v != w and v in w for v in uniq)))
        return kept if len(kept) <= most else None
    return None  # look-arounds, anchors, back-references consume nothing certain


def _seq(items, most: int = _MAX_WORDS) -> _Words:
    cands: list[tuple[str, ...]] = []
    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            cands.append((run,))
            run = ""
        if (ws := _item(op, av, most)) is not None:
            cands.append(ws)
    if run:
        cands.append((run,))
    return _best(cands)


def required_literals(source: str, most: int = _MAX_WORDS) -> tuple[str, ...] | None:
    """Words of which every match of ``source`` contains one (None: no such short list).

    Case-insensitive patterns give None; so does a choice among more than ``most``
    words.
    """
    tree = _parser.parse(source)
    if tree.state.flags & C.SRE_FLAG_IGNORECASE:
        return None
    return _seq(tree, most)


def any_required(
    patterns: Iterable[str | re.Pattern[str]], most: int = 64
) -> re.Pattern[str] | None:
    """A pattern finding any of the words some match of one of ``patterns`` needs.

    A window where it finds nothing holds no match of any of the patterns (each
    match holds one of its :func:`required_literals`), so a caller can skip them
    all. None when a pattern has no such short list (or is case-insensitive).

    Examples
    --------
    >>> any_required(["(?:主要)?职责", "(?:成立|组建)了"]).pattern
    '成立|组建|职责'
    >>> any_required(["职责", "[^，]+"]) is None
    True
    """
    words: set[str] = set()
    for p in patterns:
        if getattr(p, "flags", 0) & re.IGNORECASE:
            return None
        found = required_literals(p if isinstance(p, str) else p.pattern, most)
        if found is None:
            return None
        words.update(found)
    kept = sorted(w for w in words if not any(v != w and v in w for v in words))
    return re.compile("|".join(map(re.escape, kept)))


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

    __slots__ = ("_any", "_one", "_rx", "_words", "fullmatch", "match", "pattern")

    def __init__(self, rx: re.Pattern[str], words: tuple[str, ...]):
        self._rx = rx
        self.match = rx.match  # bound once: no look-up through __getattr__ per call
        self.fullmatch = rx.fullmatch
        self.pattern = rx.pattern
        self._words = words
        self._one = words[0] if len(words) == 1 else None
        # several words: one scan for any of them (the engine skips to their first characters)
        self._any = re.compile("|".join(map(re.escape, sorted(words)))).search

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        if self._one is None:
            return self._any(text, pos, endpos) is None
        pos, endpos = max(pos, 0), max(endpos, 0)  # as the engine reads them (find would not)
        return text.find(self._one, pos, endpos) < 0

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

    def __getattr__(self, name: str):  # sub, split, groupindex...
        return getattr(self._rx, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self._rx!r}, {self._words!r})"


def fast(source: str | re.Pattern[str]) -> re.Pattern[str]:
    """``re.compile(source)``, prefiltered by its required words where that helps.

    The engine's own scan is kept for patterns that open with a literal or a class;
    the others also open with a look-ahead for their first characters where they
    have a short list of them (:func:`skipping`).
    """
    rx = source if isinstance(source, re.Pattern) else re.compile(source)
    if rx.flags & re.IGNORECASE or _scans_fast(rx.pattern):
        return rx
    words = required_literals(rx.pattern)
    rx = skipping(rx)
    return rx if words is None else Prefiltered(rx, words)  # type: ignore[return-value]


_MAX_FIRST = 64  # more first characters than this: the check would pass almost everywhere
_ZERO_WIDTH_AT = frozenset(
    {C.AT_BEGINNING, C.AT_BEGINNING_LINE, C.AT_BEGINNING_STRING, C.AT_BOUNDARY, C.AT_NON_BOUNDARY}
)


def _first_of_item(op, av) -> tuple[frozenset[str] | None, bool]:
    """(first characters, whether the item may consume nothing) of one element."""
    if op is C.LITERAL:
        return frozenset(chr(av)), False
    if op is C.IN:  # a class of characters and short ranges, not a category or a negation
        chars: set[str] = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] < _MAX_FIRST:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None, False
        return frozenset(chars), False
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & C.SRE_FLAG_IGNORECASE:
            return None, False
        return _first_of_seq(sub)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        first, optional = _first_of_seq(sub)
        return first, optional or lo == 0
    if op is C.BRANCH:
        out: set[str] = set()
        optional = False
        for alt in av[1]:
            first, opt = _first_of_seq(alt)
            if first is None:
                return None, False
            out |= first
            optional = optional or opt
        return frozenset(out), optional
    return None, False  # back-references, categories, any character...


def _first_of_seq(items) -> tuple[frozenset[str] | None, bool]:
    """(characters a match of the sequence ``items`` can open with (None: unknown),
    whether the whole sequence may consume nothing)."""
    out: set[str] = set()
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT) or (op is C.AT and av in _ZERO_WIDTH_AT):
            continue  # consumes nothing: the next element opens the match
        first, optional = _first_of_item(op, av)
        if first is None:
            return None, False
        out |= first
        if not optional:
            return frozenset(out), False
    return frozenset(out), True


def first_chars(source: str) -> str | None:
    """The characters every match of ``source`` opens with, sorted (None: no short list).

    Look-arounds and anchors are skipped (they consume nothing); a pattern that may
    match the empty string, or opens with a category, a range or any character,
    gives None.

    Examples
    --------
    >>> first_chars("(?<=各)地区|各地(?!区)|(?:第|第一)?组")
    '各地第组'
    >>> first_chars("[^，]{1,3}组"), first_chars("(?:甲)?")
    (None, None)
    """
    tree = _parser.parse(source)
    if tree.state.flags & C.SRE_FLAG_IGNORECASE:
        return None
    chars, optional = _first_of_seq(tree)
    if not chars or optional or len(chars) > _MAX_FIRST:
        return None
    return "".join(sorted(chars))


def _opening_look_ahead(source: str) -> frozenset[str] | None:
    """The characters of the look-ahead ``source`` opens with, if it opens with one."""
    tree = _parser.parse(source)
    if not len(tree) or tree[0][0] is not C.ASSERT or tree[0][1][0] != 1:
        return None
    chars, optional = _first_of_seq(tree[0][1][1])
    return None if optional else chars


def skipping(source: str | re.Pattern[str]) -> re.Pattern[str]:
    """``re.compile(source)``, opened by a look-ahead for its first characters where
    that helps: a pattern opening with a look-behind or an optional part is tried at
    every position of the text; the look-ahead fails at once where no match can
    start. Same matches and groups by construction.

    Examples
    --------
    >>> skipping("(?<=各)地区|各地(?!区)").pattern
    '(?=[各地])(?:(?<=各)地区|各地(?!区))'
    >>> skipping("党委").pattern
    '党委'
    """
    rx = source if isinstance(source, re.Pattern) else re.compile(source)
    if rx.flags & re.IGNORECASE or _scans_fast(rx.pattern):
        return rx
    chars = first_chars(rx.pattern)
    if chars is None or set(chars) == _opening_look_ahead(rx.pattern):
        return rx  # no short list, or the pattern opens with that look-ahead already
    cls = "".join("\\" + c if c in "\\]^-[" else c for c in chars)
    try:
        return re.compile(f"(?=[{cls}])(?:{rx.pattern})", rx.flags)
    except re.error:  # inline global flags must open a pattern
        return rx


def opens_anchored(source: str) -> bool:
    """Whether every match of ``source`` starts where the search starts (the pattern
    opens with ``^`` or ``\\A``, not in multi-line mode): ``match`` then gives what
    ``search`` gives, without trying each later position.

    Examples
    --------
    >>> opens_anchored("^(?:上一篇|下一篇)"), opens_anchored("^甲|乙"), opens_anchored("(?m)^甲")
    (True, False, False)
    """
    tree = _parser.parse(source)
    if tree.state.flags & C.SRE_FLAG_MULTILINE or not len(tree):
        return False
    op, av = tree[0]
    return op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING)


def _ends_at_end(items: list) -> bool:
    """Whether every match of the sequence ``items`` ends with ``$`` or ``\\Z``."""
    if not items:
        return False
    op, av = items[-1]
    if op is C.AT:
        return av in (C.AT_END, C.AT_END_STRING)
    if op is C.SUBPATTERN:
        return _ends_at_end(list(av[3]))
    if op is C.BRANCH:
        return all(_ends_at_end(list(alt)) for alt in av[1])
    return False


_UNBOUNDED = 1 << 30


def end_reach(rx: re.Pattern[str]) -> int:
    """How far before the end of a text a match of ``rx`` can start.

    When every match ends at the end of the text (the pattern closes with ``$``, not
    in multi-line mode) and spans a bounded number of characters,
    ``rx.search(text, len(text) - reach)`` finds what ``rx.search(text)`` finds
    without trying each position before (the engine reads a negative start as 0, and
    look-behinds still see the characters before it); else a reach no text has.

    Examples
    --------
    >>> end_reach(re.compile("(?:的|以来)[，,]?$")), end_reach(re.compile("的.*$"))
    (4, 1073741824)
    >>> rx = re.compile("(?:的|以来)[，,]?$")
    >>> t = "在学习的过程中，对于以来，"
    >>> rx.search(t, len(t) - end_reach(rx)).span() == rx.search(t).span()
    True
    """
    tree = _parser.parse(rx.pattern)
    if (rx.flags | tree.state.flags) & re.MULTILINE or not _ends_at_end(list(tree)):
        return _UNBOUNDED
    most = tree.getwidth()[1]
    return most + 1 if most < _UNBOUNDED else _UNBOUNDED  # +1: $ also matches before a final \n
