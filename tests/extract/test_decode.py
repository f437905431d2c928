"""Bytes to text: every supported encoding decodes exactly; non-text bytes are refused."""

from __future__ import annotations

import codecs
import gzip
import random

import pytest

from extract.ingest.decode import DecodeError, decode_bytes, is_plausible
from extract.ingest.reader import IngestError, document_from_bytes

SIMPLIFIED = (
    "各党支部要在3月15日前完成集中学习。",
    "县委督导组要加强督促检查，不得走过场。",
    "集中学习不少于40个学时，党委中心组每月至少集中学习1次。",
    "每名党员要查找1-2个突出问题，写出党性分析材料。",
    "各党支部转段须向党委提出书面请示，经党委批复同意，并报县委督导组备案。",
    "一、学习动员阶段（3月1日至3月31日）\n二、分析评议阶段（4月上旬召开专题组织生活会）\n",
    "各乡镇党委要认真组织学习，确保学习不漏一人。",
    "同志们：\r\n整改提高阶段是取信于民的关键。\r\n",
)
TRADITIONAL = (
    "黨委要認真學習，不得走過場。",
    "督導組的主要職責是：瞭解情況；督促檢查；",
    "各黨支部轉段須向黨委提出書面請示，經黨委批覆同意，並報縣委督導組備案。",
    "集中學習不少於40個學時，每月至少1次。",
)


def _bytes(text: str, how: str) -> bytes:
    if how == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if how == "utf-16-le+bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if how == "utf-16-be+bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(how)


# (how the bytes are made, the encoding decode_bytes must report)
ENCODINGS = (
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16-le+bom", "utf-16"),
    ("utf-16-be+bom", "utf-16"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("gb18030", "gb18030"),
)
TABLE = [(t, how, enc) for how, enc in ENCODINGS for t in SIMPLIFIED] + [
    (t, how, enc) for how, enc in (*ENCODINGS[:6], ("big5", "big5hkscs")) for t in TRADITIONAL
]


@pytest.mark.parametrize(("text", "how", "encoding"), TABLE)
def test_decodes_exactly(text: str, how: str, encoding: str) -> None:
    decoded = decode_bytes(_bytes(text, how))
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize("how", ["utf-8-sig", "utf-16-le+bom", "utf-16-be+bom"])
def test_bom_is_not_text(how: str) -> None:
    assert not decode_bytes(_bytes("县委", how)).text.startswith("\ufeff")


def test_utf32_with_bom_decodes() -> None:
    assert decode_bytes("整改提高阶段".encode("utf-32")).text == "整改提高阶段"


def test_short_gb18030_that_is_also_valid_utf8_reads_as_chinese() -> None:
    # b"\xd2\xbb" is 一 in GB18030 and Cyrillic һ in UTF-8.
    assert decode_bytes("一".encode("gb18030")).text == "一"


def test_ascii_utf16_be_without_bom_is_not_read_as_le() -> None:
    assert decode_bytes("Notice 2005".encode("utf-16-be")).text == "Notice 2005"


_RND = random.Random(20050301)
# (case, bytes, words the message must contain)
BAD = (
    ("empty", b"", "empty file"),
    ("whitespace", b" \r\n\t ", "only whitespace"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
    ("gzip", gzip.compress("各党支部要认真学习。".encode() * 40, mtime=0), "binary"),
    ("random", bytes(_RND.randrange(128, 256) for _ in range(400)), "not text"),
    ("utf-8 with a stray byte", "各党支部要认真学习。".encode() * 3 + b"\xff" + b"abc", "0xff"),
    ("bad bytes after a UTF-8 BOM", codecs.BOM_UTF8 + b"\xff\xfe abc", "after its BOM"),
    ("bad bytes after a UTF-16 BOM", codecs.BOM_UTF16_LE + b"\x00\xd8\x41", "after its BOM"),
    ("latin-1", "café résumé naïve".encode("latin-1"), "not text"),
    ("shift-jis", ("党員は学習する。これはテストです。" * 4).encode("shift_jis"), "not text"),
    ("control characters", b"\x01\x02\x03\x04\x05abc\x06\x07\x08", "binary"),
)


@pytest.mark.parametrize(("data", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_non_text_raises_decode_error(data: bytes, words: str) -> None:
    with pytest.raises(DecodeError, match=words):
        decode_bytes(data)


@pytest.mark.parametrize("data", [b[1] for b in BAD], ids=[b[0] for b in BAD])
def test_ingest_error_is_one_line_naming_the_file(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        document_from_bytes("第3号通知.txt", data)
    message = str(info.value)
    assert message.startswith("第3号通知.txt: ")
    assert "\n" not in message
    assert info.value.name == "第3号通知.txt"


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("各党支部要认真学习。Section 2 ①②", True),
        ("", False),
        ("\uac00\ub098\ub2e4\ub77c", False),  # Hangul
        ("\ue000\ue001\ue002", False),  # private use
        ("鍽裵苍詷轋芷苩腂花苪苍荥荘荧苅芷腂鍽裵苍詷轋芷苩腂花苪", False),  # Shift-JIS as UTF-16
    ],
)
def test_plausibility(text: str, plausible: bool) -> None:
    assert is_plausible(text) is plausible
