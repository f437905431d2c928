"""Prefiltered patterns answer exactly as the plain compiled pattern does."""

from __future__ import annotations

import random
import re

import pytest

from extract.lexicon import data_json
from extract.prefilter import (
    Prefiltered,
    any_required,
    fast,
    first_chars,
    opens_anchored,
    required_literals,
    skipping,
)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("(?:主要)?职责(?:主要)?(?:是|有)", ("职责",)),
        ("(?:普遍|分别)?(?:成立|组建)(?:了)?", ("成立", "组建")),
        ("[^，]{1,20}?是[^，]{1,30}?派出的|(?:派出|派驻)(?:了)?[^，]{1,20}", ("派",)),
        ("(?<=[甲乙])[丙丁]+", ("丁", "丙")),
        ("(?:年|月)?日?", None),  # may match the empty string
        ("[^，]+", None),  # no short list of characters
        ("(?i)abc", None),  # case-insensitive: no prefilter
        ("(?:甲(?=乙))+丙", ("甲",)),  # the repeated 甲 (the look-ahead consumes nothing)
    ],
)
def test_required_literals(pattern, words):
    assert required_literals(pattern) == words


@pytest.mark.parametrize(
    ("pattern", "wrapped"),
    [
        ("党委", False),  # opens with a literal: the engine scans fast itself
        ("[甲乙]丙", False),
        ("^甲乙", False),
        ("(?:甲|乙)丙", False),
        ("[^，]{1,9}?丙", True),
        ("(?<![甲])乙丙", True),
        ("[^，]+", False),  # nothing every match must hold
    ],
)
def test_fast_wraps_only_slow_patterns(pattern, wrapped):
    assert isinstance(fast(pattern), Prefiltered) is wrapped


_PATTERNS = [
    "(?:主要)?职责(?:主要)?(?:是|有)",
    "(?P<a>[^，。]{1,6}?)对(?P<b>[^，。]{1,4}?)的(?:领导|监督)",
    "(?<![甲])乙{1,2}丙",
    "(?:甲乙|丙)?丁(?!甲)",
    "[^，]{0,3}(?:甲乙|乙丙)[^，]{0,2}",
    data_json("relations.json")["dispatch_re"],
]


@pytest.mark.parametrize("pattern", _PATTERNS)
@pytest.mark.parametrize("seed", range(20))
def test_prefiltered_equals_plain(pattern, seed):
    rnd = random.Random(4000 + seed)
    alphabet = [*"甲乙丙丁，。对的派出是主要职责有领导监督", "派出的", "职责是"]
    text = "".join(rnd.choices(alphabet, k=rnd.randint(0, 80)))
    plain, pre = re.compile(pattern), fast(pattern)
    for pos, endpos in [(0, len(text)), (rnd.randint(-2, 40), rnd.randint(-2, 90)), (3, 1 << 40)]:
        a, b = plain.search(text, pos, endpos), pre.search(text, pos, endpos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
        assert [m.span() for m in plain.finditer(text, pos, endpos)] == [
            m.span() for m in pre.finditer(text, pos, endpos)
        ]
        assert plain.findall(text, pos, endpos) == pre.findall(text, pos, endpos)


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("(?<=各)地区|各地(?!区)", "各地"),  # a look-behind consumes nothing
        ("(?:第|第一)?组", "第组"),  # an optional part: its characters or the next one's
        ("(?<![0-9])年?月[日号]", "年月"),
        ("^(?:甲|乙)丙", "乙甲"),
        ("[甲乙]{2,}丙", "乙甲"),
        ("[^，]{1,3}组", None),  # a negated class: no short list
        ("[0-3a]+年", "0123a"),  # a short range
        ("[一-龥]组", None),  # a long range
        ("(?:甲)?", None),  # may match the empty string
        ("甲?$", None),  # an end anchor
        ("(?i)ab", None),
        (".组", None),
    ],
)
def test_first_chars(pattern, chars):
    assert first_chars(pattern) == chars


@pytest.mark.parametrize(
    ("pattern", "wrapped"),
    [
        ("(?<=各)地区|各地(?!区)", True),
        ("(?<![甲])乙丙", True),
        ("党委", False),  # opens with a literal: the engine skips ahead itself
        ("(?:甲|乙)丙", False),
        ("(?=[甲乙丙])(?:甲|乙)?丙", False),  # opens with such a look-ahead already
        ("(?=[甲乙丙丁])(?:甲|乙)?丙", True),  # a wider one: the narrower goes in front
        ("[^，]+组", False),
        ("(?m)^甲?乙", False),  # an inline global flag must stay first
    ],
)
def test_skipping_wraps_only_patterns_tried_everywhere(pattern, wrapped):
    assert (skipping(pattern).pattern != pattern) is wrapped


_OPENINGS = [
    "(?<=甲)乙丙|甲乙(?!丙)",
    "(?P<a>(?<![甲])乙{1,2})(?P<b>丙)?",
    "(?:甲乙|丙)?丁(?!甲)",
    "(?<![乙丙])甲?乙[丙丁]",
    "(?:甲|乙乙)+丙?",
]


@pytest.mark.parametrize("pattern", _OPENINGS)
@pytest.mark.parametrize("seed", range(20))
def test_skipping_equals_plain(pattern, seed):
    rnd = random.Random(7000 + seed)
    text = "".join(rnd.choices("甲乙丙丁，。", k=rnd.randint(0, 80)))
    plain, skip = re.compile(pattern), skipping(pattern)
    for pos, endpos in [(0, len(text)), (rnd.randint(0, 40), rnd.randint(0, 90))]:
        assert [(m.span(), m.groups()) for m in plain.finditer(text, pos, endpos)] == [
            (m.span(), m.groups()) for m in skip.finditer(text, pos, endpos)
        ]
        a, b = plain.match(text, pos, endpos), skip.match(text, pos, endpos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        ("^(?:上一篇|下一篇)[:：]?", True),
        ("\\A甲", True),
        ("^甲|^乙", True),  # both alternatives anchored
        ("^甲|乙", False),  # 乙 may match anywhere
        ("(?m)^甲", False),  # every line start
        ("甲^", False),
        ("", False),
    ],
)
def test_opens_anchored(pattern, anchored):
    assert opens_anchored(pattern) is anchored


@pytest.mark.parametrize("pattern", ["^甲乙?", "^(?:甲|乙丙)+", "^甲|^乙"])
@pytest.mark.parametrize("text", ["甲乙", "丙甲乙", "乙丙乙", "", "丙"])
def test_anchored_match_equals_search(pattern, text):
    rx = re.compile(pattern)
    a, b = rx.search(text), rx.match(text)
    assert (a and a.span()) == (b and b.span())


@pytest.mark.parametrize("seed", range(20))
def test_any_required_absent_means_no_match(seed):
    patterns = [p for p in _PATTERNS if required_literals(p, 64) is not None]
    cue = any_required([*patterns, fast(patterns[0])])
    assert cue is not None
    rnd = random.Random(5000 + seed)
    alphabet = [*"甲乙丙丁，。对的派出是主要职责有领导监督", "派出的", "职责是"]
    text = "".join(rnd.choices(alphabet, k=rnd.randint(0, 40)))
    for pos, endpos in [(0, len(text)), (rnd.randint(0, 20), rnd.randint(0, 40))]:
        if cue.search(text, pos, endpos) is None:
            assert all(re.compile(p).search(text, pos, endpos) is None for p in patterns)


def test_any_required_needs_every_pattern_to_have_words():
    assert any_required(["职责", "[^，]+"]) is None
    assert any_required(["(?i)abc"]) is None
    assert any_required(["职责是", "职责"]).pattern == "职责"  # a word holding another adds nothing


@pytest.mark.parametrize(
    "text",
    [
        "在学习的过程中，",
        "对于以来，\n",
        "要抓好学习",
        "的",
        "",
        "各单位要求，",
        "是不是？",
        "情况如何?\n",
    ],
)
def test_a_search_from_the_end_reach_finds_what_a_full_search_finds(text: str) -> None:
    from extract.lexicon import regex_table
    from extract.prefilter import end_reach

    for rx in regex_table("requirements.json").values():
        full, tail = rx.search(text), rx.search(text, len(text) - end_reach(rx))
        assert (full and full.span()) == (tail and tail.span()), rx.pattern
