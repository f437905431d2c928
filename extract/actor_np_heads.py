"""The data of the open-class actor grammar (:mod:`extract.actor_np`), read once.

Heads (strong and weak, with their actor type and kind), the modifier, sector,
role and quantifier words, the patterns of levels and ranks, the word tables of
:mod:`extract.actor_tables`, and the memo tables of the grammar's word tests, in
one frozen record built from ``actors.json`` and jieba's dictionary.

Examples
--------
>>> h = np_heads()
>>> h.weak["局"][0], "教育" in h.sectors
('GovernmentBody', True)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.actor_tables import head_word_table, sector_table
from extract.lexicon import data_json, word_alternation
from extract.prefilter import fast

FUNCTION_CHARS = frozenset("和与及或在对向为从把被将由经的了")
"""Characters that open no place name (和州 is 和 + 州)."""
IDIOM_TAGS = frozenset({"i", "l", "d", "v", "a", "ad", "vd"})
"""Part-of-speech tags of a word that is no body even when it ends with a head."""


@dataclass(frozen=True)
class NpHeads:
    """The open-class grammar's data: heads, word tables and patterns, and its memo tables."""

    strong: dict[str, tuple[str, str]]  # head -> (type, kind)
    weak: dict[str, tuple[str, str]]
    head_re: re.Pattern[str]
    freq: dict[str, int]
    tags: dict[str, str]
    stop_words: frozenset[str]
    stop_tags: frozenset[str]
    modifier_words: frozenset[str]
    body_modifiers: frozenset[str]
    body_endings: tuple[str, ...]  # body_modifiers, for str.endswith
    people_modifiers: frozenset[str]
    modifier_chars: frozenset[str]
    sectors: frozenset[str]
    level_chars: frozenset[str]
    roles: tuple[str, ...]
    roles_at: dict[str, tuple[str, ...]]  # the role titles by their first character
    org_suffix: frozenset[str]
    rank: re.Pattern[str]
    coordinate: dict[str, tuple[str, ...]]
    rank_lead: re.Pattern[str]
    level_token: re.Pattern[str]
    level_alt: re.Pattern[str]
    members_of: re.Pattern[str]
    listed_levels: re.Pattern[str]
    school_words: frozenset[str]
    quantifiers: tuple[str, ...]
    quant_by_end: dict[str, tuple[str, ...]]
    not_heads: frozenset[str]
    not_head_re: re.Pattern[str]
    after_stop: re.Pattern[str]
    not_after: dict[str, tuple[str, ...]]
    max_chars: int
    max_words: int
    modifier_memo: dict[str, bool]  # _is_modifier by word (a pure test of the word)
    before_memo: dict[str, str]  # _word_before by the six characters before the position
    modifier_before_memo: dict[str, str]  # _modifier_before by the seven before the position
    sector_memo: dict[tuple[str, bool], int]  # _sector_len's word by the eight before the head
    sector_words: tuple[dict[str, int], dict[str, int]]  # _sector_word_len's table (see there)
    head_words: dict[str, int]  # _head_in_word's table (see there)


@functools.cache
def np_heads() -> NpHeads:
    """The tables of :class:`NpHeads`, built once per process from ``actors.json``."""
    from extract.tokenize import pos_tags, tokenizer

    d = data_json("actors.json")["open_np"]
    strong = {h: (t, k) for h, t, k, s in d["heads"] if s == "strong"}
    weak = {h: (t, k) for h, t, k, s in d["heads"] if s == "weak"}
    alt = sorted({*strong, *weak}, key=lambda w: (-len(w), w))
    tk = tokenizer()
    quants = tuple(sorted(data_json("actors.json")["quantifiers"], key=len, reverse=True))
    roles = tuple(sorted(d["role_titles"], key=len, reverse=True))
    camps = data_json("actors.json")["campaigns"]
    modifier_words = (
        frozenset(d["modifier_words"]) | frozenset(camps) | frozenset(k + "活动" for k in camps)
    )
    return NpHeads(
        strong=strong,
        weak=weak,
        head_re=re.compile(word_alternation(alt)),
        freq=tk.FREQ,
        tags=pos_tags(),
        stop_words=frozenset(d["stop_words"]),
        stop_tags=frozenset(d["stop_tags"]),
        modifier_words=modifier_words,
        body_modifiers=frozenset(d["body_modifiers"]),
        body_endings=tuple(d["body_modifiers"]),
        people_modifiers=frozenset(d["people_modifiers"]),
        modifier_chars=frozenset(d["modifier_chars"]),
        sectors=frozenset(d["sector_words"]),
        level_chars=frozenset(d["level_chars"]),
        roles=roles,
        roles_at={r[0]: tuple(x for x in roles if x[0] == r[0]) for r in roles},
        org_suffix=frozenset(d["org_suffix_chars"]),
        rank=re.compile(d["rank_re"]),
        coordinate={k: tuple(v) for k, v in d["coordinate_heads"].items()},
        rank_lead=re.compile(d["rank_lead_re"]),
        level_token=re.compile(d["level_token_re"]),
        level_alt=re.compile(d["level_alt_re"]),
        members_of=fast(d["members_of_re"]),  # one search per text: skips a text without 的同志
        listed_levels=re.compile(
            f"(?P<p>{d['listed_prefix_re']})?(?P<levels>(?:(?:{d['level_token_re']})[、和])+)$"
        ),
        school_words=frozenset(d["school_words"]),
        quantifiers=quants,
        quant_by_end={
            ch: tuple(q for q in quants if q.endswith(ch)) for ch in {q[-1] for q in quants}
        },
        not_heads=frozenset(d["not_heads"]),
        not_head_re=re.compile(word_alternation(d["not_heads"])),
        after_stop=re.compile(d["after_stop_re"]),
        not_after={k: tuple(v) for k, v in data_json("actors.json")["not_actor_after"].items()},
        max_chars=int(d["max_chars"]),
        max_words=int(d["max_words"]),
        modifier_memo={},
        before_memo={},
        modifier_before_memo={},
        sector_memo={},
        sector_words=sector_table(d, strong, weak, pos_tags(), modifier_words, FUNCTION_CHARS),
        head_words=head_word_table(
            {*strong, *weak},
            tk.FREQ,
            modifier_words,
            frozenset(d["not_heads"]),
            pos_tags(),
            IDIOM_TAGS,
        ),
    )
