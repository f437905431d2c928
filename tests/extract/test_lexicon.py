"""Word alternations folded into prefix trees match what the flat alternation matches."""

from __future__ import annotations

import random
import re

import pytest

from extract.lexicon import (
    anchored_finditer,
    data_json,
    first_matches,
    regex_table,
    word_alternation,
)


def _flat(words: list[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["党委", "党组", "党"], "县委党组和党员", ["党组", "党"]),
        (["中央", "中央办公厅"], "中央办公厅和中央", ["中央办公厅", "中央"]),
        (["a-b", "]", "^", "\\"], "x^a-b]\\", ["^", "a-b", "]", "\\"]),
        (["学习", "学"], "学学习", ["学", "学习"]),
    ],
)
def test_longest_word_wins(words, text, expected):
    assert re.findall(word_alternation(words), text) == expected


def test_empty_list_matches_nothing():
    assert re.search(word_alternation([]), "任何文字") is None


def test_reversed_words_match_reversed_text():
    rx = re.compile(word_alternation(["县委", "县委书记"], reverse=True))
    assert rx.match("记书委县").group() == "记书委县"


@pytest.mark.parametrize("seed", range(40))
def test_same_matches_as_flat_alternation(seed):
    rnd = random.Random(seed)
    alphabet = "党委组县市区书记学习-]^"
    words = ["".join(rnd.choices(alphabet, k=rnd.randint(1, 5))) for _ in range(rnd.randint(1, 30))]
    text = "".join(rnd.choices(alphabet, k=400))
    trie, flat = re.compile(word_alternation(words)), re.compile(_flat(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


@pytest.mark.parametrize("seed", range(20))
def test_same_backtracking_inside_a_larger_pattern(seed):
    rnd = random.Random(1000 + seed)
    alphabet = "党委组县"
    words = ["".join(rnd.choices(alphabet, k=rnd.randint(1, 4))) for _ in range(12)]
    text = "".join(rnd.choices(alphabet, k=300))
    trie = re.compile(word_alternation(words) + "县")
    flat = re.compile(_flat(words) + "县")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_word_lists_of_a_table_compile_as_trees():
    table = regex_table("timex.json")
    assert table["holidays"].fullmatch("春节")


@pytest.mark.parametrize("seed", range(30))
def test_first_matches_equal_the_alternation(seed):
    rnd = random.Random(2000 + seed)
    alphabet = "各地区校县委"
    pats = [
        re.compile("(?<=各)地区"),
        re.compile("各地(?!区)"),
        re.compile(
            word_alternation(
                ["".join(rnd.choices(alphabet, k=rnd.randint(1, 3))) for _ in range(8)]
            )
        ),
    ]
    text = "".join(rnd.choices(alphabet, k=300))
    joined = re.compile("|".join(f"(?:{p.pattern})" for p in pats))
    got = [m.span() for m in first_matches(pats, text)]
    assert got == [m.span() for m in joined.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "anchors", "reach"),
    [
        ("[甲乙市县]{2,4}?[市县](?=[甲乙])", "市县", (2, 4)),
        ("(?<=[乙市])[甲乙]{1,3}", "乙市", (-1, -1)),
        ("(?<![甲])[甲乙]{2}市", "市", (2, 2)),
        ("[甲乙]?县[甲乙市]{0,2}", "县", (0, 1)),
    ],
)
@pytest.mark.parametrize("seed", range(25))
def test_anchored_finditer_equals_finditer(pattern, anchors, reach, seed):
    rnd = random.Random(3000 + seed)
    text = "".join(rnd.choices("甲乙市县，", k=400))
    rx = re.compile(pattern)
    got = [m.span() for m in anchored_finditer(rx, text, anchors, reach)]
    assert got == [m.span() for m in rx.finditer(text)]


def test_place_anchor_of_the_actor_data_holds():
    """Every place-name match has an anchor character where the data says."""
    d = data_json("actors.json")
    rx, anchor = re.compile(d["place_standalone_re"]), d["place_anchor"]
    lo, hi = anchor["reach"]
    rnd = random.Random(7)
    text = "".join(rnd.choices("绍兴上虞市县旗镇乡村和，", k=3000))
    matches = list(rx.finditer(text))
    assert matches
    for m in matches:
        assert any(c in anchor["chars"] for c in text[m.start() + lo : m.start() + hi + 1])


def test_inline_break_anchor_of_the_clause_data_holds():
    """Every in-line paragraph mark (a lone ×, blanks between Chinese characters)
    starts with an anchor character, as the data says."""
    d = data_json("clauses.json")
    rx, anchor = re.compile(d["inline_break"]), d["inline_break_anchor"]
    lo, hi = anchor["reach"]
    rnd = random.Random(9)
    text = "".join(rnd.choices(["×", "x", "X", " ", "\u3000", "甲", "乙", "，", "1"], k=3000))
    matches = list(rx.finditer(text))
    assert matches
    for m in matches:
        assert any(c in anchor["chars"] for c in text[m.start() + lo : m.start() + hi + 1])


def test_speech_anchor_of_the_person_data_holds():
    """Every 某某强调 match has its speech verb where the data says."""
    p = data_json("actors.json")["person"]
    rx = re.compile(f"([\u4e00-\u9fff]{{2,4}})(?={p['speech_context_re']})")
    anchor = re.compile(p["speech_anchor"]["re"])
    lo, hi = p["speech_anchor"]["reach"]
    rnd = random.Random(8)
    pieces = ["王", "某", "同志", "在", "会上", "大会", "强调", "指出", "要求", "，", "："]
    text = "".join(rnd.choices(pieces, k=3000))
    matches = list(rx.finditer(text))
    assert matches
    for m in matches:
        window = range(m.start() + lo, m.start() + hi + 1)
        assert any(anchor.match(text, q) for q in window), m.group()
