"""Hypothesis strategies and the properties every input must satisfy (tests and fuzz target).

Properties: ingesting bytes either gives a :class:`Document` or raises
:class:`IngestError` (nothing else); extraction never raises, every span is
valid (``raw[start:end] == quote``) and the output is deterministic.
"""

from __future__ import annotations

from hypothesis import strategies as st

from extract.ingest.reader import IngestError, document_from_bytes
from extract.pipeline import extract
from extract.records import Document, check_spans

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5")
FRAGMENTS = (
    "各党委、工委要",
    "县委督导组",
    "區委督導組",
    "黨支部必須",
    "党员领导干部",
    "群众",
    "学习动员",
    "分析評議",
    "整改提高",
    "转段",
    "回头看",
    "不得",
    "严禁",
    "可以",
    "希望",
    "要",
    "必须",
    "不少于45个学时",
    "3月15日前",
    "8月上旬至9月上旬",
    "2月23日——3月1日",
    "年月上旬",
    "20xx年",
    "※※※",
    "我代表区委",
    "同志们：",
    "（一）",
    "（二）",
    "一、",
    "二、",
    "1.",
    "①",
    "；",
    "，",
    "。",
    "：",
    "\n",
    "\r\n",
    "　",
    " ",
    "上一篇：",
    "下一篇",
)
ENUM_MARKERS = ("一、", "（一）", "1.", "(1)", "①", "第一，", "一是", "其一，")


def campaign_text() -> st.SearchStrategy[str]:
    """Text made of campaign-speech fragments, traditional and simplified mixed."""
    return st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=120).map(
        "".join
    )


def long_sentence() -> st.SearchStrategy[str]:
    """One sentence of thousands of characters without a full stop."""
    return st.tuples(
        st.sampled_from(FRAGMENTS), st.integers(200, 3000), st.sampled_from(("，", "、", "", "和"))
    ).map(lambda t: (t[0] + t[2]) * (t[1] // max(1, len(t[0] + t[2]))))


def deep_enumeration() -> st.SearchStrategy[str]:
    """Enumerations nested many levels deep (一、（一）1.(1)① ...)."""

    def render(depth_items: list[int]) -> str:
        lines = []
        for level, n in enumerate(depth_items):
            marker = ENUM_MARKERS[level % len(ENUM_MARKERS)]
            lines.extend(f"{'  ' * level}{marker}各单位要做好第{i}项工作；" for i in range(n))
        return "\n".join(lines)

    return st.lists(st.integers(1, 6), min_size=1, max_size=40).map(render)


def any_text() -> st.SearchStrategy[str]:
    """Arbitrary Unicode, campaign-like text, long sentences or deep enumerations."""
    return st.one_of(st.text(max_size=400), campaign_text(), long_sentence(), deep_enumeration())


def encoded() -> st.SearchStrategy[bytes]:
    """Text encoded in one of the supported encodings (unencodable characters replaced)."""
    return st.tuples(any_text(), st.sampled_from(ENCODINGS)).map(
        lambda t: t[0].encode(t[1], errors="replace")
    )


def any_bytes() -> st.SearchStrategy[bytes]:
    """Random bytes, encoded text, or encoded text with random bytes spliced in."""
    return st.one_of(
        st.binary(max_size=2000),
        encoded(),
        st.tuples(encoded(), st.binary(max_size=16), st.integers(0, 4000)).map(
            lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]
        ),
    )


def names() -> st.SearchStrategy[str]:
    """Document names: plain text or HTML suffixes."""
    return st.sampled_from(("a.txt", "b.html", "c", "d.md"))


def check_ingest(name: str, data: bytes) -> Document | None:
    """Ingest ``data``: a Document, or None when it raised IngestError (allowed for bytes)."""
    try:
        return document_from_bytes(name, data)
    except IngestError as e:
        assert "\n" not in str(e)
        return None


def check_extract(doc: Document) -> None:
    """Extraction never raises, its spans are valid, and it is deterministic."""
    first = extract(doc)
    assert check_spans(first) == []
    assert extract(doc) == first
