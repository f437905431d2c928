"""The scorer's matching rules: name folding, stage synonyms, years, spans, quantities, P/R/F1.

Pure functions shared by :mod:`kg.quality.evaluate` (which reads the graph and the
gold and scores documents); they reproduce the shared scorer's rules
(``eval/score.py`` of the shared folder).

Examples
--------
>>> norm("各级黨組織"), norm_stage("学习培训"), strip_year("2005-08-01/2005-08-10")
('党组织', '学习动员', '--08-01/--08-10')
>>> prf(3, 4, 3, 6)["f1"]
0.6
>>> match_spans([((0, 5), "a"), ((10, 12), "b")], [((11, 20), "x"), ((3, 9), "y")])
[(0, 1), (1, 0)]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

STAGE_SYNONYMS = {
    "学习培训": "学习动员",
    "学习教育": "学习动员",
    "学习动员阶段": "学习动员",
    "分析评议阶段": "分析评议",
    "整改提高阶段": "整改提高",
    "准备阶段": "准备",
}
ACTOR_PREFIXES = ("各级", "各", "全体", "广大", "每个", "每一个", "每名")
REL_PROPS = ("reportsTo", "approves", "supervises", "subOrganizationOf", "precedes", "dependsOn")
_YEAR = re.compile(r"(?<![\d-])\d{4}(?=-\d)")


@functools.cache
def _t2s() -> Callable[[str], str]:
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # pragma: no cover - opencc is a dependency
        return lambda s: s


def norm(name: str) -> str:
    """Fold a name for matching: simplified characters, one collective prefix stripped."""
    s = _t2s()(str(name)).strip()
    for p in ACTOR_PREFIXES:
        if s.startswith(p) and len(s) > len(p) + 1:
            return s[len(p) :]
    return s


def norm_stage(name: str) -> str:
    """Fold a stage name onto its canonical label (学习培训 -> 学习动员)."""
    s = _t2s()(str(name)).strip()
    return STAGE_SYNONYMS.get(s, s)


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, Any]:
    """Precision, recall and F1 (rounded to 4 places) with the counts."""
    p = tp_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp_gold / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(p, 4),
        "r": round(r, 4),
        "f1": round(f, 4),
        "pred": n_pred,
        "gold": n_gold,
        "tp": tp_gold,
    }


def strip_year(value: Any) -> str | None:
    """A normalized time without its years (None stays None)."""
    if not value:
        return None
    return "/".join(_YEAR.sub("-", part, count=1) for part in str(value).split("/"))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(pred: list, gold: list, ok: Callable[[Any, Any], bool] = lambda p, g: True):
    """One-to-one matching of ``(span, payload)`` lists, largest overlap first."""
    pairs = []
    for i, (ps, pp) in enumerate(pred):
        for j, (gs, gp) in enumerate(gold):
            ov = _overlap(ps, gs)
            if ov > 0 and ok(pp, gp):
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def quantity_key(q: dict) -> tuple[str, str, str]:
    """A quantity as a comparable triple (numbers folded: 45.0 == 45)."""
    v = q.get("value")
    try:
        v = float(v)
        v = int(v) if v == int(v) else v
    except (TypeError, ValueError):
        v = str(v)
    return (str(q.get("comparator")), str(v), _t2s()(str(q.get("unit", ""))))
