"""Sentence and clause splitting with offsets.

Offsets are indices into the string given (normally :attr:`Document.text`,
which maps to raw text through :meth:`Document.span`). Sentences end at
``。！？!?`` or a line break; clauses are split further at ``，,；;：:``.
Leading and trailing spaces are left out of every segment; empty ones are dropped.

Examples
--------
>>> [s.text for s in sentences("各支部要学习。各党委要检查！\\n下一步")]
['各支部要学习。', '各党委要检查！', '下一步']
>>> [c.text for c in clauses("要A，要B；不得C")]
['要A，', '要B；', '不得C']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’\"』」）)]*|\n|$)")
CLAUSE_END = re.compile(r"[^，,；;：:。！？!?\n]*(?:[，,；;：:。！？!?]+[”’\"』」）)]*|\n|$)")


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch ``[start, end)`` of the text it was cut from."""

    start: int
    end: int
    text: str


def _cut(pattern: re.Pattern[str], text: str, offset: int = 0) -> Iterator[Segment]:
    for m in pattern.finditer(text):
        s, e = m.start(), m.end()
        chunk = text[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        s2 = s + lead
        e2 = s2 + len(stripped)
        yield Segment(offset + s2, offset + e2, stripped)


def sentences(text: str) -> list[Segment]:
    """Split ``text`` into sentences (terminal punctuation kept, line breaks end one)."""
    return list(_cut(SENTENCE_END, text))


def clauses(text: str, offset: int = 0) -> list[Segment]:
    """Split a sentence into clauses at commas, semicolons and colons.

    Parameters
    ----------
    text : str
        The sentence.
    offset : int
        Added to every start and end (the sentence's start in the document).
    """
    return list(_cut(CLAUSE_END, text, offset))
