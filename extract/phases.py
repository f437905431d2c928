"""Stages and steps of a campaign, found by dictionary matching.

The lexicon ``extract/data/phases.tsv`` maps surfaces to canonical labels
(学习培训阶段 -> 学习动员, 组织生活会 -> 专题组织生活会, 阶段小结 -> 阶段总结),
with a condition per surface: the short 四讲 names (领导讲...) count only when
quoted or named as a 环节/活动, and 准备工作 names the 准备 phase only when it is
not the object of a modifier (专题组织生活会的准备工作). Ordinal stages
(第一阶段, 第一、二阶段) map onto the canonical order of three-stage campaigns.

Examples
--------
>>> [p.label for p in find_phases("在“自己讲”环节后召开转段动员会，进入第二阶段")]
['自己讲', '转段动员会', '分析评议']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.lexicon import data_tsv, regex_table, tsv_alternation, word_table


@dataclass(frozen=True, slots=True)
class PhaseMention:
    """One mention: canonical ``label``, ``kind`` (stage/step), text offsets."""

    label: str
    kind: str
    start: int
    end: int
    rule: str


def _rows() -> dict[str, tuple[str, ...]]:
    return {row[0]: row for row in data_tsv("phases.tsv")}


def step_stage(label: str) -> str | None:
    """The stage a step belongs to (None when it spans stages).

    Examples
    --------
    >>> step_stage("民主评议"), step_stage("回头看")
    ('分析评议', None)
    """
    for row in data_tsv("phases.tsv"):
        if row[1] == label and row[2] == "step":
            return None if row[4] == "-" else row[4]
    return None


def _ok(cond: str, text: str, start: int, end: int) -> bool:
    t = regex_table("phases.json")
    if cond == "quoted":
        return bool(
            t["quote_open"].search(text[max(0, start - 1) : start])
            or t["quote_close"].search(text[end : end + 2])
        )
    if cond == "phase_work":
        return not t["phase_work_block"].search(text[max(0, start - 2) : start])
    return True


def find_phases(text: str, three_stage: bool = True) -> list[PhaseMention]:
    """Stage and step mentions in ``text`` (simplified), in text order.

    Parameters
    ----------
    text : str
        Normalized text.
    three_stage : bool
        Map ordinals (第二阶段) onto 学习动员 -> 分析评议 -> 整改提高.
    """
    rows = _rows()
    out: list[PhaseMention] = []
    for m in tsv_alternation("phases.tsv").finditer(text):
        row = rows[m.group()]
        if _ok(row[3], text, m.start(), m.end()):
            out.append(PhaseMention(row[1], row[2], m.start(), m.end(), f"phase.lexicon.{row[2]}"))
    if three_stage:
        order = word_table("phases.json")["canonical_order"]
        for m in regex_table("phases.json")["ordinal"].finditer(text):
            for g in ("a", "b"):
                n = "一二三四五六".find(m[g]) if m[g] else -1
                if 0 <= n < len(order):
                    out.append(PhaseMention(order[n], "stage", m.start(), m.end(), "phase.ordinal"))
    out.sort(key=lambda p: (p.start, p.end, p.label))
    return out


def is_three_stage(campaign: str | None) -> bool:
    """Whether a campaign uses the canonical 学习动员/分析评议/整改提高 order.

    Examples
    --------
    >>> is_three_stage("先进性教育活动"), is_three_stage("主题教育")
    (True, False)
    """
    return campaign is None or any(
        re.search(c, campaign) for c in word_table("phases.json")["campaign_orders"]
    )
