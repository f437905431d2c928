"""Stages a document defines: its own named phases, numbered phases and their series.

A plan names its phases in a few set ways (DOMAIN.md section 2, Stage): a list
item or heading that is only the phase name (（1）宣传发动阶段（3月-4月）),
a numbered phase with its name (第一阶段为集中研讨阶段, 第二阶段（对照检视阶段）), a
division (分为专题学习、征求意见和建章立制三个阶段), or a numbered phase alone
(第一阶段：3月上旬到4月底，主题是“学好章程，守好规矩”). The label is the name
as written without 阶段. A numbered phase takes the name of its activity where the
document gives one: the first half of its 主题, or its one activity
(第三阶段：九月下旬。开展…机关效能评议工作 -> 机关效能评议); otherwise it keeps its
number (第一阶段). A *series* is a run of phases numbered on from one
another; the numbering starting again at 1 opens a new series, and the order
relations of :mod:`extract.phase_relations` never join two series.

Names that are not phases of a campaign are left out (新发展阶段, 初级阶段, 关键阶段,
这一阶段, 各个阶段). Patterns live in ``extract/data/phases.json``.

Examples
--------
>>> text = "分三个阶段：\\n（1）宣传发动阶段（1月）。\\n（2）专题研讨阶段（3月）。"
>>> text += "\\n（3）总结提高阶段（5月）。"
>>> [(d.label, d.series) for d in stage_defs(text)]
[('宣传发动', 0), ('专题研讨', 0), ('总结提高', 0)]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.lexicon import regex_table, word_table
from extract.prefilter import any_required
from extract.timex import find_times
from extract.timex_value import cn_number


@dataclass(frozen=True, slots=True)
class StageDef:
    """One phase a document defines: label, offsets, its number and its series."""

    label: str
    start: int
    end: int
    number: int | None
    series: int


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("phases.json")


_KEYS = ("numbered_named", "numbered_titled", "division", "listed", "numbered")


@functools.cache
def _cue() -> re.Pattern[str] | None:
    """Any of the words a match of one of the phase patterns needs (None: no list)."""
    return any_required(_t()[k] for k in _KEYS)


def _name_ok(name: str) -> bool:
    w = word_table("phases.json")
    return (
        2 <= len(name) <= 10
        and name not in w["not_stage_names"]
        and not name.startswith(w["not_stage_starts"])
        and not re.search(r"[0-9０-９]|[一二三四五六七八九十两几]个|第[一二三四五六七八九十]", name)
    )


def _number(s: str | None) -> int | None:
    return None if not s else cn_number(s)


def _activity_name(scope: str) -> str | None:
    """The name a numbered phase takes from its scope: its 主题 or its one activity."""
    t = _t()
    scope = t["scope_lead"].sub("", scope)
    if m := t["theme"].search(scope[:120]):
        head = re.split(r"[，,、；;]", m["t"])[0].strip()
        return head if _name_ok(head) else None
    first = re.split(r"[。；;\n]", scope, maxsplit=1)[0]
    lead = [m for m, _, _ in find_times(first) if m.start() <= 1]
    if lead:  # its time window: the activity follows it
        rest = first[lead[0].end() :].lstrip("，,。 ")
        if not rest:
            after = scope[len(first) :].lstrip("。；;\n ")
            rest = re.split(r"[。；;\n]", after, maxsplit=1)[0]
        first = rest
    if re.search(r"[，,、]", first) or not t["activity"].match(first):
        return None
    name = t["activity"].sub("", first)
    name = t["activity_tail"].sub("", name)
    if (m := t["campaign_prefix"].match(name)) and len(name) - m.end() >= 4:
        name = name[m.end() :]
    return name if _name_ok(name) else None


def _opens_series(prev: StageDef | None, n: int | None, end: int) -> bool:
    """A phase opens a new series: the first, a number 1, or a number that does not go on."""
    if prev is None or n == 1 or end - prev.end > 3000:
        return True
    if n is None:
        return prev.number is not None
    return prev.number is not None and n != prev.number + 1


def stage_defs(text: str, numbered: bool = True) -> list[StageDef]:
    """The phases ``text`` defines, in text order, each with its series number.

    ``numbered=False`` leaves out phases named only by their number (a three-stage
    campaign maps those onto its canonical stages).
    """
    t = _t()
    if (cue := _cue()) is not None and cue.search(text) is None:
        return []  # none of the words every phase pattern needs (阶段)
    found: list[tuple[int, int, str | None, int | None]] = []  # start, end, name, number
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, name: str | None, n: int | None) -> None:
        if any(s < b and a < e for a, b in taken):
            return
        if name is not None and not _name_ok(name):
            return
        taken.append((s, e))
        found.append((s, e, name, n))

    for m in t["numbered_named"].finditer(text):
        add(m.start(), m.end(), m["x"], _number(m["n"]))
    for m in t["numbered_titled"].finditer(text):
        if not find_times(m["x"]):  # 第一阶段：3月至4月。 is a window, not a name
            add(m.start(), m.end(), m["x"], _number(m["n"]))
    for m in t["division"].finditer(text):
        names = [x for x in re.split(r"、|和|及|与", m["xs"]) if x]
        pos = m.start("xs")
        for x in names:
            at = text.find(x, pos)
            add(at, at + len(x), x, None)
            pos = at + len(x)
    for m in t["listed"].finditer(text):
        g = "x" if m["x"] else "x2"
        if not t["name_block"].search(m[g]):  # 进入新发展阶段: a statement, no name
            add(m.start(g), m.end(g) + 2, m[g], _number(m["n"]))
    for m in t["numbered"].finditer(text) if numbered else ():
        add(m.start("d"), m.end("d"), None, _number(m["n"]))
    found.sort()
    out: list[StageDef] = []
    series, prev = -1, None
    seen: dict[str, int] = {}
    for i, (s, e, name, n) in enumerate(found):
        if name is None:
            nxt = found[i + 1][0] if i + 1 < len(found) else min(len(text), e + 300)
            name = _activity_name(text[e:nxt]) or text[s:e].strip()
        if name in seen:  # the same phase named again (分为A、B… then 第一阶段为A阶段)
            out.append(StageDef(name, s, e, n, seen[name]))
            continue
        if _opens_series(prev, n, e):
            series += 1
        d = StageDef(name, s, e, n, series)
        seen[name] = series
        out.append(d)
        prev = d
    return out
