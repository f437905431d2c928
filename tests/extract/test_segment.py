"""Sentences and clauses with offsets into the text they were cut from."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ingest.reader import read_document
from extract.segment import clauses, sentences
from tests.conftest import EXAMPLES

SENTENCES = [
    ("各支部要学习。各党委要检查！\n下一步", ["各支部要学习。", "各党委要检查！", "下一步"]),
    ("他说：“要抓好转段。”然后散会。", ["他说：“要抓好转段。”", "然后散会。"]),
    ("　　同志们：\r\n要认真学习。\r\n", ["同志们：", "要认真学习。"]),
    ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    ("（一）广泛征求意见。各党支部要开座谈会。", ["（一）广泛征求意见。", "各党支部要开座谈会。"]),
    ("", []),
    ("\n\n  \n", []),
    ("没有句号的一行", ["没有句号的一行"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences(text)] == expected


CLAUSES = [
    ("要A，要B；不得C", ["要A，", "要B；", "不得C"]),
    (
        "督导组的主要职责是：了解情况；督促检查。",
        ["督导组的主要职责是：", "了解情况；", "督促检查。"],
    ),
    ("经党委批复同意，并报县委督导组备案。", ["经党委批复同意，", "并报县委督导组备案。"]),
    ("领导讲、专家讲、典型讲", ["领导讲、专家讲、典型讲"]),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSES)
def test_clauses(text: str, expected: list[str]) -> None:
    assert [c.text for c in clauses(text)] == expected


def test_clause_offsets_are_shifted_by_the_sentence_start() -> None:
    text = "前言。各党支部要学习，不得走过场。"
    sent = sentences(text)[1]
    assert [(c.start, c.end) for c in clauses(sent.text, sent.start)] == [(3, 11), (11, 17)]
    assert all(text[c.start : c.end] == c.text for c in clauses(sent.text, sent.start))


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="党委要学习，。；：！？\n\r 　“”1a", max_size=60))
def test_segments_are_slices_of_the_text(text: str) -> None:
    for s in sentences(text):
        assert text[s.start : s.end] == s.text and s.text == s.text.strip() and s.text
        for c in clauses(s.text, s.start):
            assert text[c.start : c.end] == c.text and s.start <= c.start <= c.end <= s.end


@pytest.mark.parametrize("path", sorted(EXAMPLES.iterdir()), ids=lambda p: p.name)
def test_example_sentences_are_slices(path) -> None:
    doc = read_document(path)
    segs = sentences(doc.text)
    assert segs and all(doc.text[s.start : s.end] == s.text for s in segs)
