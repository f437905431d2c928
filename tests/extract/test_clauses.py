"""Sentences and clauses with offsets: the one splitter of extract/clauses.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.clauses import sentences

SENTENCES = [
    ("各支部要学习。各党委要检查！\n下一步", ["各支部要学习。", "各党委要检查！", "下一步"]),
    # a colon ends a sentence (a lead-in, a salutation, a speaker)
    ("他说：“要抓好转段。”然后散会。", ["他说：", "“要抓好转段。”", "然后散会。"]),
    ("　　同志们：\r\n要认真学习。\r\n", ["同志们：", "要认真学习。"]),
    ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    ("（一）广泛征求意见。各党支部要开座谈会。", ["（一）广泛征求意见。", "各党支部要开座谈会。"]),
    ("", []),
    ("\n\n  \n", []),
    ("没有句号的一行", ["没有句号的一行"]),
    # a colon between digits ends nothing
    ("请于9月6日17:00前提交。", ["请于9月6日17:00前提交。"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences(text)] == expected


CLAUSES = [
    ("要A，要B；不得C", ["要A，", "要B；", "不得C"]),
    ("经党委批复同意，并报县委督导组备案。", ["经党委批复同意，", "并报县委督导组备案。"]),
    ("领导讲、专家讲、典型讲", ["领导讲、专家讲、典型讲"]),
    # commas inside a short quotation cut nothing
    (
        "围绕“学思想，强党性”开展学习，要抓好落实。",
        ["围绕“学思想，强党性”开展学习，", "要抓好落实。"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSES)
def test_clauses(text: str, expected: list[str]) -> None:
    assert [c.text for s in sentences(text) for c in s.clauses] == expected


def test_clause_offsets_index_the_whole_text() -> None:
    text = "前言。各党支部要学习，不得走过场。"
    sent = sentences(text)[1]
    assert [(c.start, c.end) for c in sent.clauses] == [(3, 11), (11, 17)]
    assert all(text[c.start : c.end] == c.text for c in sent.clauses)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="党委要学习，。；：！？\n\r 　“”1a", max_size=60))
def test_segments_are_slices_of_the_text(text: str) -> None:
    for s in sentences(text):
        assert text[s.start : s.end] == s.text and s.text == s.text.strip() and s.text
        for c in s.clauses:
            assert text[c.start : c.end] == c.text and s.start <= c.start <= c.end <= s.end


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("一、加强领导", "enum_l1"),
        ("（三）抓好整改", "enum_l2"),
        ("2、时间安排", "enum_l3"),
        ("二是抓好学习", "enum_item"),
        ("首先，要学习", "enum_keep"),
        ("加强领导", None),
    ],
)
def test_opening_enumerator_gives_the_first_kind_that_matches(text: str, kind: str | None) -> None:
    from extract.clauses import _t, opening_enumerator

    m = opening_enumerator(text)
    assert (m.lastgroup if m else None) == kind
    first = next(
        (
            k
            for k in ("enum_l1", "enum_l2", "enum_l3", "enum_item", "enum_keep")
            if _t()[k].match(text)
        ),
        None,
    )
    assert first == kind
