"""Modal cues: which words make a clause a directive, and of which modality.

Cue words live in ``extract/data/modality.json``: obligation (要, 必须, 务必, 确保,
坚持...), prohibition (不得, 不能, 严禁, 防止...), permission (可, 可以, 允许) and
exhortation (希望, 请, 鼓励). Words that merely contain a cue (重要, 可能, 不得力,
申请) are blocked by being matched first, longest word wins. Modality follows the
action: 要不搞… is a prohibition; a bound (不得少于3天) is an obligation;
要求 after a modifier (具体要求) is a noun, not a cue.

Examples
--------
>>> [(c.word, c.modality) for c in cues("各单位要高度重视，不得少于3天，不能走过场")]
[('要', 'obligation'), ('不得', 'obligation'), ('不能', 'prohibition')]
>>> [c.word for c in cues("这是重要的具体要求，可能不得力")]
[]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.lexicon import regex_table, word_alternation, word_table
from extract.records import MODALITIES


@dataclass(slots=True, unsafe_hash=True)  # not frozen: built by the ten thousand
class Cue:
    """A modal cue at ``[start, end)`` of the text searched, with its resolved modality."""

    start: int
    end: int
    word: str
    modality: str
    weak: bool


@functools.cache
def _tables() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    words = word_table("modality.json")
    kind: dict[str, str] = {}
    for modality in MODALITIES:
        for w in words[modality]:
            kind.setdefault(w, modality)
    for w in words["blocked"]:
        kind.setdefault(w, "")
    alts = sorted(kind, key=lambda w: (-len(w), w))
    rx = re.compile(word_alternation(alts))
    return rx, kind, frozenset(words["weak"])


def cues(text: str) -> list[Cue]:
    """Every modal cue of ``text`` in order (blocked look-alikes skipped).

    Parameters
    ----------
    text : str
        A clause or sentence, simplified characters.
    """
    return list(_cues(text))


@functools.lru_cache(maxsize=8192)
def _cues(text: str) -> tuple[Cue, ...]:
    rx, kind, weak = _tables()
    t = regex_table("modality.json")
    words = word_table("modality.json")
    out = []
    for m in rx.finditer(text):
        word, modality = m.group(), kind[m.group()]
        if not modality:
            continue
        after = text[m.end() : m.end() + 6]
        if word == "要求" and (
            t["noun_request"].search(text[max(0, m.start() - 4) : m.start()])
            or t["noun_request_after"].match(after)
        ):
            continue
        bound_tail = text[m.end() : m.end() + 12]
        if word in words["bare_bounds"] and not t["bound_context"].match(bound_tail):
            continue  # 这至少说明…: no counted action follows
        if t["relative"].match(after) and word in words["relative_words"]:
            continue  # 要解决的问题: a relative clause, not a directive
        if modality == "prohibition" and t["bound_verb"].match(after):
            modality = "obligation"
        elif word in words["negatable"] and t["negation"].match(after):
            neg = t["negation"].match(after)
            if not t["bound_verb"].match(after[neg.end() :]):
                modality = "prohibition"
        out.append(Cue(m.start(), m.end(), word, modality, word in weak))
    return tuple(out)


def may_have_cue(text: str) -> bool:
    """Cheap pre-check: whether ``text`` holds any cue word or look-alike.

    Examples
    --------
    >>> may_have_cue("今天天气很好"), may_have_cue("各单位要抓好")
    (False, True)
    """
    return _tables()[0].search(text) is not None


def first_cue(text: str) -> Cue | None:
    """The first cue of ``text`` (None when it has none).

    Examples
    --------
    >>> first_cue("要不搞一刀切").modality
    'prohibition'
    """
    found = cues(text)
    return found[0] if found else None


def is_framing(text: str, cue: Cue) -> bool:
    """Whether the cue only frames a statement (应当看到, 必须认识到), not an action.

    Examples
    --------
    >>> is_framing("但也必须认识到，情况复杂", first_cue("但也必须认识到，情况复杂"))
    True
    """
    return bool(regex_table("modality.json")["framing"].match(text[cue.end : cue.end + 8]))
