"""Prefiltered patterns answer exactly as the plain compiled pattern does."""

from __future__ import annotations

import random
import re

import pytest

from extract.lexicon import data_json
from extract.prefilter import Prefiltered, fast, required_literals


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
