"""Traditional to simplified: the text is folded, offsets map back, raw keeps traditional."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ingest.reader import document_from_bytes, read_document
from extract.normalize import to_simplified
from extract.records import Document
from tests.conftest import EXAMPLES

BIG5_EXAMPLE = EXAMPLES / "02-supervision-training.big5.txt"

PAIRS = [
    ("黨委要認真學習", "党委要认真学习"),
    ("督導組的主要職責是：", "督导组的主要职责是："),
    ("各黨支部轉段須向黨委提出書面請示", "各党支部转段须向党委提出书面请示"),
    ("集中學習不少於40個學時", "集中学习不少于40个学时"),
    ("整改提高階段（5月1日至5月31日）", "整改提高阶段（5月1日至5月31日）"),
    ("已是简体：县委督导组", "已是简体：县委督导组"),
]


@pytest.mark.parametrize(("raw", "simplified"), PAIRS)
def test_text_is_simplified_with_identity_offsets(raw: str, simplified: str) -> None:
    assert to_simplified(raw) == (simplified, None)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40))
def test_t2s_keeps_the_length(raw: str) -> None:
    text, offsets = to_simplified(raw)
    assert offsets is None and len(text) == len(raw)


# Converters that change lengths, to exercise the offset map (OpenCC t2s never does on
# the corpus): (converter, raw, expected text, expected offsets into raw).
LENGTH_CHANGING = [
    (
        lambda s: s.replace("黨", "党党"),
        "黨委要求黨員",
        "党党委要求党党員",
        (0, 0, 1, 2, 3, 4, 4, 5, 6),
    ),
    (lambda s: s.replace("過", ""), "不得走過場", "不得走場", (0, 1, 2, 4, 5)),
    (lambda s: s.replace("黨", "党党"), "A黨1", "A党党1", (0, 1, 1, 2, 3)),
]


@pytest.mark.parametrize(("convert", "raw", "text", "offsets"), LENGTH_CHANGING)
def test_offset_map_points_back_into_raw(convert, raw: str, text: str, offsets) -> None:
    assert to_simplified(raw, convert=convert) == (text, offsets)


@pytest.mark.parametrize(("convert", "raw", "text", "offsets"), LENGTH_CHANGING)
def test_spans_of_the_text_map_to_raw_spans(convert, raw: str, text: str, offsets) -> None:
    doc = Document("a.txt", raw, text, offsets)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            span = doc.span(start, end)
            assert span.text == raw[span.start : span.end] and span.start <= span.end


def test_phrase_rule_that_changes_length_falls_back_to_characters() -> None:
    # 學習 -> 学 shortens the run: it is converted character by character instead.
    convert = lambda s: s.replace("學習", "学")  # noqa: E731
    assert to_simplified("認真學習", convert=convert) == ("認真學習", None)


def test_big5_example_raw_stays_traditional() -> None:
    doc = read_document(BIG5_EXAMPLE)
    assert "督導組的主要職責是" in doc.raw and "督导组的主要职责是" not in doc.raw


def test_big5_example_text_is_simplified() -> None:
    doc = read_document(BIG5_EXAMPLE)
    assert "督导组的主要职责是" in doc.text and "督導組" not in doc.text


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("督导组的主要职责是", "督導組的主要職責是"),
        ("各党支部转段须向乡镇党委提出书面请示", "各黨支部轉段須向鄉鎮黨委提出書面請示"),
        ("党员集中学习不少于40个学时", "黨員集中學習不少於40個學時"),
    ],
)
def test_big5_example_spans_found_in_text_quote_raw(simplified: str, traditional: str) -> None:
    doc = read_document(BIG5_EXAMPLE)
    start = doc.text.index(simplified)
    span = doc.span(start, start + len(simplified))
    assert span.text == traditional == doc.raw[span.start : span.end]


def test_simplified_input_is_unchanged() -> None:
    doc = document_from_bytes("a.txt", "各党支部要认真学习。".encode())
    assert (doc.text, doc.offsets) == (doc.raw, None)
