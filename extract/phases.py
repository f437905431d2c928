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
from extract.stage_defs import stage_defs


@dataclass(frozen=True, slots=True)
class PhaseMention:
    """One mention: canonical ``label``, ``kind`` (stage/step), text offsets."""

    label: str
    kind: str
    start: int
    end: int
    rule: str
    series: int | None = None  # the series of a stage the document defines (stage_defs)


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
    if cond == "phase_work":  # not a meeting's own preparations (会前做好准备工作)
        return not (
            t["phase_work_block"].search(text[max(0, start - 2) : start])
            or t["meeting_prep_before"].search(text[max(0, start - 10) : start])
        )
    if cond == "not_students":  # 学生谈心谈话 is counselling, not the campaign step
        return not t["students_before"].search(text[max(0, start - 3) : start])
    return True


def find_phases(text: str, three_stage: bool = True) -> list[PhaseMention]:
    """Stage and step mentions in ``text`` (simplified), in text order.

    Parameters
    ----------
    text : str
        Normalized text.
    three_stage : bool
        Map ordinals (第二阶段) onto 学习动员 -> 分析评议 -> 整改提高; otherwise a
        numbered phase the document defines is a stage of its own (第一阶段, or
        the name of its activity).

    Examples
    --------
    >>> text = "（1）动员部署阶段（1月）\\n（2）学习宣讲阶段（3月）\\n"
    >>> [(p.label, p.series) for p in find_phases(text, False)]
    [('动员部署', 0), ('学习宣讲', 0)]
    """
    rows = _rows()
    out: list[PhaseMention] = []
    for m in tsv_alternation("phases.tsv").finditer(text):
        row = rows[m.group()]
        if _ok(row[3], text, m.start(), m.end()):
            out.append(PhaseMention(row[1], row[2], m.start(), m.end(), f"phase.lexicon.{row[2]}"))
    lexical = [(p.start, p.end, p.label) for p in out if p.kind == "stage"]
    defined: dict[str, int] = {}
    for d in stage_defs(text, numbered=not three_stage):
        label = _canonical_stage(d.label)
        over = [lb for s, e, lb in lexical if s < d.end and d.start < e]
        label = over[0] if over else label
        defined.setdefault(label, d.series)
        out.append(PhaseMention(label, "stage", d.start, d.end, "phase.defined", d.series))
    for label in defined:  # later mentions of a stage the document named (在学习宣讲阶段…)
        if label.startswith("第"):
            continue
        for m in re.finditer(re.escape(label) + "阶段", text):
            if not any(p.start <= m.start() < p.end for p in out):
                out.append(PhaseMention(label, "stage", m.start(), m.end(), "phase.named"))
    if three_stage:
        order = word_table("phases.json")["canonical_order"]
        for m in regex_table("phases.json")["ordinal"].finditer(text):
            for g in ("a", "b"):
                n = "一二三四五六".find(m[g]) if m[g] else -1
                if 0 <= n < len(order):
                    out.append(PhaseMention(order[n], "stage", m.start(), m.end(), "phase.ordinal"))
    out.sort(key=lambda p: (p.start, p.end, p.label))
    return out


def _canonical_stage(label: str) -> str:
    """The lexicon's label for a stage name (学习培训 -> 学习动员), else the name itself."""
    rows = _rows()
    for form in (label + "阶段", label):
        if form in rows and rows[form][2] == "stage":
            return rows[form][1]
    return label


def is_three_stage(campaign: str | None, text: str | None = None) -> bool:
    """Whether a campaign uses the canonical 学习动员/分析评议/整改提高 order.

    With no campaign, the document's ``text`` decides when given: it is a
    three-stage document when it names one of the canonical stages.

    Examples
    --------
    >>> is_three_stage("先进性教育活动"), is_three_stage("主题教育")
    (True, False)
    >>> is_three_stage(None, "第一阶段：1月。"), is_three_stage(None, "进入分析评议阶段")
    (False, True)
    """
    if campaign is None:
        if text is None:
            return True
        return any(s in text for s in word_table("phases.json")["canonical_order"])
    return any(re.search(c, campaign) for c in word_table("phases.json")["campaign_orders"])
