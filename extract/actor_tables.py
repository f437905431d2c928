"""Word tables of the open-class actor grammar (:mod:`extract.actor_np`), built once.

Each table maps the words a test takes (flag 1, with more flags for what the
word is) and every proper suffix of them (flag 2), so that a test of the words
ending at one position reads the suffixes from the shortest up and stops at the
first that no word ends with, instead of looking up every length.

Examples
--------
>>> t = suffix_flags({"教育局": 1, "局": 1})
>>> t["教育局"], t["育局"], t["局"]
(1, 2, 3)
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

SECTOR_WINDOW = 8  # characters before a weak head searched for its sector word


def suffix_flags(table: dict[str, int]) -> dict[str, int]:
    """``table`` with flag 2 added to every proper suffix of its words (in place)."""
    for w in list(table):
        for k in range(1, len(w)):
            table[w[k:]] = table.get(w[k:], 0) | 2
    return table


def sector_table(
    d: dict,
    strong: dict[str, tuple[str, str]],
    weak: dict[str, tuple[str, str]],
    tags: dict[str, str],
    modifier_words: frozenset[str],
    function_chars: frozenset[str],
) -> tuple[dict[str, int], dict[str, int]]:
    """The words :func:`extract.actor_np._sector_word_len` takes (flag 1) and their
    proper suffixes (flag 2), of up to ``SECTOR_WINDOW`` characters: before a weak head
    of bodies, and before one of people (rank qualifiers are left to a test of their own)."""
    nums = "一二三四五六七八九十"
    ordinals = {"第" + a for a in nums}
    ordinals |= {o + b for o in ordinals for b in nums} | {
        o + b + c for o in ordinals for b in nums for c in nums
    }
    bodies = {w for w, (t, _) in strong.items() if t not in ("MemberGroup", "Public")} | set(weak)
    places = {
        w
        for w in compress(tags.keys(), map("ns".__eq__, tags.values()))
        if w[0] not in function_chars
    }
    base = {*d["sector_words"], *ordinals}
    base |= {w for w in d["level_chars"] if len(w) == 1}
    base |= {w for w in bodies | places if len(w) >= 2}
    people = base | modifier_words | set(d["people_modifiers"])
    out: list[dict[str, int]] = []
    for words in (base, people):
        out.append(suffix_flags({w: 1 for w in words if 0 < len(w) <= SECTOR_WINDOW}))
    return out[0], out[1]


def head_word_table(
    heads: set[str],
    freq: dict[str, int],
    modifier_words: frozenset[str],
    not_heads: frozenset[str],
    tags: dict[str, str],
    idiom_tags: frozenset[str],
) -> dict[str, int]:
    """The words of up to 6 characters that end with a head (flag 1; 4 more where the
    word is no body: a listed non-head or an idiom, verb, adverb...) and their proper
    suffixes (flag 2): the table of :func:`extract.actor_np._head_in_word`."""
    ends: dict[str, tuple[str, ...]] = {}
    for x in heads:
        ends[x[-1]] = (*ends.get(x[-1], ()), x)
    words = [*compress(freq.keys(), map((0).__lt__, freq.values())), *modifier_words]
    last = map(ends.__contains__, map(itemgetter(-1), words))  # (no loop in Python here)
    table: dict[str, int] = {}
    for w in compress(words, last):
        if 2 <= len(w) <= 6 and w.endswith(ends[w[-1]]):
            table[w] = 1 | (4 if w in not_heads or tags.get(w) in idiom_tags else 0)
    return suffix_flags(table)
