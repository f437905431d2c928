"""The example corpus states the facts examples/README.md lists, in the required shapes."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from extract.ingest.reader import read_document
from tests.conftest import EXAMPLES

README = EXAMPLES.parent / "README.md"


def _quoted_facts() -> list[tuple[str, str]]:
    """(file, quote) for every backticked quote in the source-text column of README."""
    text = README.read_text(encoding="utf-8")
    parts = re.split(r"^### `([^`]+)`\s*$", text, flags=re.M)
    out = []
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        for line in body.splitlines():
            if not line.startswith("| ") or line.startswith(("| fact", "| ---")):
                continue
            source = line.rstrip(" |").rsplit(" | ", 1)[1]
            out.extend((name, q) for q in re.findall(r"`([^`]+)`", source))
    return out


FACTS = _quoted_facts()


@functools.cache
def _text(name: str) -> str:
    return read_document(EXAMPLES / name).text


def test_readme_describes_every_example() -> None:
    assert sorted({name for name, _ in FACTS}) == sorted(p.name for p in EXAMPLES.iterdir())


@pytest.mark.parametrize(("name", "quote"), FACTS)
def test_quoted_fact_occurs_in_its_document(name: str, quote: str) -> None:
    assert quote in _text(name)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_text_documents_are_short_speeches(path: Path) -> None:
    assert 1400 <= len(read_document(path).raw) <= 3000


def _all_text() -> str:
    return "\n".join(_text(p.name) for p in sorted(EXAMPLES.iterdir()))


@pytest.mark.parametrize(
    "needle",
    [
        *("中央", "省委", "市委", "县委", "乡镇党委", "党支部", "党员", "群众"),
        *("督导组", "领导小组", "办公室"),
        *("学习动员阶段", "分析评议阶段", "整改提高阶段"),
        *("3月15日前", "4月上旬", "5月底前"),
        *("集中学习不少于40个学时", "每月至少", "1-2个突出问题", "不得走过场"),
        "各党支部转段须向党委提出书面请示，经党委批复同意，并报县委督导组备案",
        "督导组的主要职责是：",
        "一、学习动员阶段（3月1日至3月31日）",
    ],
)
def test_corpus_covers_the_required_facts(needle: str) -> None:
    assert needle in _all_text()
