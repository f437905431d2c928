"""The extractor's data (lexicons, cue words, patterns), loaded once from ``extract/data/``.

Every list of words or patterns the extractor uses lives in a data file of
``extract/data/`` and is read here, nowhere else. Files:

* ``boilerplate.txt``: one regex per line for scraped-page furniture;
* ``userdict.txt``: the jieba user dictionary (word, frequency, POS);
* further ``*.tsv`` / ``*.json`` / ``*.txt`` files read with :func:`data_lines`,
  :func:`data_tsv` and :func:`data_json`.

Lines starting with ``#`` and blank lines are comments.

Examples
--------
>>> any(p.search("上一篇：通知") for p in lexicon().boilerplate)
True
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DATA_PACKAGE = "extract.data"


def data_path(name: str) -> Path:
    """Path of a data file shipped in ``extract/data``."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


@functools.cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a data file, stripped of trailing newlines."""
    text = data_path(name).read_text(encoding="utf-8")
    return tuple(
        ln.rstrip("\r\n")
        for ln in text.splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    )


@functools.cache
def data_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file (comments and blank lines skipped)."""
    return tuple(tuple(cell.strip() for cell in ln.split("\t")) for ln in data_lines(name))


@functools.cache
def data_json(name: str) -> Any:
    """A JSON data file."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Lexicon:
    """Compiled data used by ingest."""

    boilerplate: tuple[re.Pattern[str], ...]
    userdict: Path
    common_chars: frozenset[str]
    boilerplate_any: re.Pattern[str]  # the boilerplate patterns as one alternation


@functools.cache
def lexicon() -> Lexicon:
    """The process-wide compiled lexicon (loaded on first use)."""
    patterns = tuple(re.compile(p.strip()) for p in data_lines("boilerplate.txt"))
    return Lexicon(
        boilerplate=patterns,
        userdict=data_path("userdict.txt"),
        common_chars=frozenset("".join(data_lines("common_chars.txt"))),
        boilerplate_any=re.compile("|".join(f"(?:{p.pattern})" for p in patterns)),
    )


# --- Named regex tables (time expressions, quantities, cues, phases, meta) ---


def word_alternation(words: Any, reverse: bool = False) -> str:
    """A regex source matching any of ``words``, the longest one where several match.

    The words are folded into a prefix tree (``党委|党组`` -> ``党(?:委|组)``),
    which matches exactly what the alternation of the words, longest first,
    matches (words matching at one position are prefixes of one another, and the
    tree tries the longer first), but scans text many times faster than a flat
    alternation of hundreds of words. With ``reverse`` each word is reversed (for
    patterns run over reversed text).

    One-character words at the top of the tree stay alternatives of their own
    (``局|党(?:委|组)``, not ``[局]|党(?:委|组)``): when every alternative opens
    with a literal character, the regex engine skips ahead to the next position
    holding one of those characters instead of trying the pattern at each position
    (five times faster over a text with few matches).

    Examples
    --------
    >>> word_alternation(["党委", "党组", "党"])
    '(?:党(?:[委组])?)'
    >>> word_alternation(["局", "处", "党委"])
    '(?:(?:党委|处|局))'
    >>> re.match(word_alternation(["中央", "中央办公厅"]), "中央办公厅通知").group()
    '中央办公厅'
    """
    trie: dict[str, dict] = {}
    for w in {str(x)[::-1] if reverse else str(x) for x in words}:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_source(trie, top=True) + ")" if trie else "(?!)"


def first_matches(patterns: Sequence[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``p1|p2|...`` over ``text``, pattern by pattern.

    Gives what ``finditer`` of the alternation of ``patterns`` (in this order)
    would give: the leftmost match, the earlier pattern where two start at one
    place. Searching each pattern on its own keeps the regex engine's fast scan
    for a literal first character, which one mixed alternation loses.

    Examples
    --------
    >>> pats = [re.compile("各地"), re.compile("地区|各")]
    >>> [m.group() for m in first_matches(pats, "各地区各校")]
    ['各地', '各']
    """
    pending: list[re.Match[str] | None] = [p.search(text) for p in patterns]
    pos = 0
    while True:
        best: re.Match[str] | None = None
        for i, p in enumerate(patterns):
            m = pending[i]
            if m is not None and m.start() < pos:
                m = pending[i] = p.search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end() if best.end() > best.start() else best.end() + 1


def anchored_finditer(
    rx: re.Pattern[str], text: str, anchors: str | re.Pattern[str], reach: tuple[int, int]
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, trying ``rx`` only near the characters ``anchors``.

    For a pattern that opens with a character class or a look-behind (which
    keep the regex engine from skipping ahead) but whose every match has one of
    the characters ``anchors`` (or a match of the pattern ``anchors``) starting
    at an offset in ``reach`` (inclusive, relative to the match start: ``(2, 4)``
    for a 2-4 character name before a title, ``(-1, -1)`` for a look-behind on
    the character before). Matches must be non-empty. The result is the same as
    ``finditer``'s, in the same order.

    Examples
    --------
    >>> rx = re.compile("[一-龥]{2,4}?[市县]")
    >>> [m.group() for m in anchored_finditer(rx, "来到绍兴市和上虞县。", "市县", (2, 4))]
    ['来到绍兴市', '和上虞县']
    """
    lo, hi = reach
    if isinstance(anchors, str):
        anchors = re.compile("[" + "".join(_class_escape(c) for c in sorted(set(anchors))) + "]")
    pos = 0
    for q in _starts(anchors, text):
        p, last = max(pos, q - hi), q - lo
        while p <= last:
            m = rx.match(text, p)
            if m is not None:
                yield m
                pos = p = m.end()
                continue
            p += 1
        pos = max(pos, last + 1)


def _starts(rx: re.Pattern[str], text: str) -> Iterator[int]:
    """Every position where ``rx`` matches, overlapping ones included."""
    at = 0
    while (m := rx.search(text, at)) is not None:
        yield m.start()
        at = m.start() + 1


def _trie_source(node: dict[str, dict], top: bool = False) -> str:
    ends = "" in node
    leaves = sorted(k for k, v in node.items() if k and set(v) == {""})
    inner = sorted(k for k, v in node.items() if k and set(v) != {""})
    alts = [re.escape(k) + _trie_source(node[k]) for k in inner]
    if len(leaves) == 1 or (top and inner):  # see word_alternation: literal first characters
        alts.extend(re.escape(k) for k in leaves)
    elif leaves:
        alts.append("[" + "".join(_class_escape(k) for k in leaves) + "]")
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if ends:
        return body + "?" if len(alts) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


def _class_escape(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


def _regex_source(value: Any) -> str:
    if isinstance(value, list):  # literal words: one alternation, longest first
        return word_alternation(value)
    return str(value)


@functools.cache
def regex_table(name: str) -> dict[str, re.Pattern[str]]:
    """Compile the named patterns of a JSON data file.

    The file holds one object; each value is either a regular expression
    (a string) or a list of literal words (compiled as one alternation,
    longest word first). ``{{other}}`` inside a pattern is replaced by the
    source of the entry ``other`` of the same file, so patterns compose.
    Keys starting with ``_`` are comments.

    Examples
    --------
    >>> table = regex_table("timex.json")
    >>> bool(table["month"].fullmatch("12月"))
    True
    """
    raw = {
        k: v
        for k, v in data_json(name).items()
        if not k.startswith("_") and isinstance(v, (str, list))
    }
    sources: dict[str, str] = {}

    def source(key: str, depth: int = 0) -> str:
        if key not in sources:
            if depth > 20:
                raise ValueError(f"{name}: circular pattern reference at {key!r}")
            src = _regex_source(raw[key])
            sources[key] = re.sub(
                r"\{\{(\w+)\}\}", lambda m: "(?:" + source(m[1], depth + 1) + ")", src
            )
        return sources[key]

    from extract.prefilter import skipping

    return {k: skipping(source(k)) for k in raw}


@functools.cache
def word_table(name: str) -> dict[str, tuple[str, ...]]:
    """The word lists of a JSON data file (``{"key": ["word", ...]}``), as tuples.

    Examples
    --------
    >>> "春节" in word_table("timex.json")["holidays"]
    True
    """
    return {
        k: tuple(str(w) for w in v)
        for k, v in data_json(name).items()
        if isinstance(v, list) and not k.startswith("_")
    }


@functools.cache
def tsv_alternation(name: str, column: int = 0) -> re.Pattern[str]:
    """One alternation of the literal words in ``column`` of a TSV data file, longest first.

    Examples
    --------
    >>> tsv_alternation("phases.tsv").search("召开转段动员会").group()
    '转段动员会'
    """
    return re.compile(_regex_source([row[column] for row in data_tsv(name) if row[column]]))
