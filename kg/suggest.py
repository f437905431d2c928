"""Suggestions for a name that matched nothing: the closest known ones ("did you mean").

Closeness is :mod:`difflib`'s ratio over characters, which suits Chinese
names as well as command names: 督道组 is two characters of three away from
督导组 (ratio 0.67), ``qurey`` a swap away from ``query`` (0.8).

Examples
--------
>>> closest("督道组", ["督导组", "县委", "党支部", "督查组"])
['督导组', '督查组']
>>> did_you_mean("qurey", ["query", "serve", "build"])
'; did you mean query?'
>>> did_you_mean("zzz", ["query"])
''
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.5
"""Lowest ratio kept: a two-character name one character away (区委 for 县委) is at 0.5,
which difflib's default cutoff (0.6) would drop."""


def closest(text: str, candidates: Iterable[str], n: int = 3, cutoff: float = CUTOFF) -> list[str]:
    """Up to ``n`` distinct candidates closest to ``text``, best first (ties in sorted order)."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(text)
    scored = []
    for c in {c for c in candidates if c and c != text}:
        matcher.set_seq1(c)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            ratio = matcher.ratio()
            if ratio >= cutoff:
                scored.append((-ratio, c))
    return [c for _, c in sorted(scored)[:n]]


def did_you_mean(text: str, candidates: Iterable[str], n: int = 3, cutoff: float = CUTOFF) -> str:
    """``"; did you mean A, B or C?"`` for the candidates closest to ``text``, or ``""``."""
    names = closest(text, candidates, n, cutoff)
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"; did you mean {listed}?"
