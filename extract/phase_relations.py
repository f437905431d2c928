"""Order between stages and steps: ``precedes`` and ``dependsOn`` edges.

Rule families (rule ids in ``Provenance.rule``; cue words in
``extract/data/relations.json`` and ``extract/data/phases.json``):

* ``rel.precedes.stage``: the stage order of the campaign (canonical or a known
  sequence of a later campaign), and ``rel.precedes.series``: consecutive stages of
  each series the document defines (:mod:`extract.stage_defs`), in document order,
  never from one series to another (they overlap in time);
* ``rel.precedes.sequence``: steps in order inside one sentence (a step named as the
  time before which the rest is done, 转段前…, comes after it), leaving out a step
  that only frames the sentence (在“转段”环节上，…), a step that qualifies the next
  one (民主生活会征求意见情况), and steps done together (一并开展, 比如…等);
  ``rel.precedes.items``: across enumerated items;
* ``rel.precedes.entry``: 转段 -> the stage it enters;
* ``rel.precedes.prep``: steps done before a meeting (会前…开展谈心谈话; items under
  a 会前 heading) precede the meeting step (专题组织生活会/专题民主生活会);
* ``rel.depends.cue``: with a gate cue, the step the cue bears on depends on the
  step before it (在X的基础上召开Y: Y on X; 不得按时转段: 转段 on the step before);
  ``rel.depends.prep``: a meeting step depends on the steps of the item that lays
  its groundwork (为开好X打好基础); ``rel.depends.start``: a stage depends on 准备.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> ex = extract(document_from_bytes("a.txt", "先回头看，再召开转段分析会。".encode()))
>>> [(r.type, r.source, r.target) for r in phase_relations(ex.document, ex.stages, ex.steps)]
[('precedes', '回头看', '转段分析会')]
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence

from extract.clauses import Sentence, sentences
from extract.lexicon import data_json, regex_table
from extract.records import Document, Phase, Relation
from extract.relation_set import RelationSet
from extract.rules import prov

Mention = tuple[int, int, str, str]  # start, end, label, kind


@functools.cache
def _cues() -> dict:
    d = data_json("relations.json")
    return {
        **d,
        "entry": re.compile(d["stage_entry_re"]),
        "joiners": re.compile(d["slot_joiners_re"]),
        "item": re.compile(d["item_re"]),
    }


def _p() -> dict[str, re.Pattern[str]]:
    return regex_table("phases.json")


def _mentions(text: str, labels: set[str], three_stage: bool) -> tuple[list[Mention], list]:
    from extract.phases import find_phases

    if not labels:
        return [], []  # no stage or step to find
    found = [p for p in find_phases(text, three_stage) if p.label in labels]
    return [(p.start, p.end, p.label, p.kind) for p in found], found


def _stage_edges(stages: Sequence[Phase], found: list, out: RelationSet) -> None:
    c = _cues()
    stage_labels = {p.label for p in stages}
    series: dict[int, list[tuple[str, int, int]]] = {}
    for p in found:
        if p.kind == "stage" and p.series is not None:
            series.setdefault(p.series, []).append((p.label, p.start, p.end))
    in_series = {lb for run in series.values() for lb, _, _ in run}
    for run in series.values():
        labels = list(dict.fromkeys(lb for lb, _, _ in run))
        ends = {lb: (s, e) for lb, s, e in reversed(run)}
        for a, b in itertools.pairwise(labels):
            out.add("precedes", "stage", a, "stage", b, ends[b], "rel.precedes.series")
    seqs = [c["stage_order"], *c.get("stage_orders", [])]  # later campaigns: own sequences
    for seq in seqs:
        present = [s for s in seq if s in stage_labels and s not in in_series]
        for a, b in itertools.pairwise(present):
            ev = next(p for p in stages if p.label == b).mentions[0]
            out.rel.setdefault(
                ("precedes", "stage", a, "stage", b),
                Relation("precedes", "stage", a, "stage", b, ev, prov("rel.precedes.stage")),
            )


def _slots(text: str, ms: list[Mention]) -> list[list[Mention]]:
    """Steps of one sentence grouped into slots (steps joined by 、和 share a slot)."""
    p, c = _p(), _cues()
    slots: list[list[Mention]] = []
    prev_end = -1
    for m in ms:
        if m[3] != "step":
            continue
        adjacent, prev_end = prev_end == m[0], m[1]
        if p["step_frame"].match(text, m[1]):
            continue  # 在“转段”环节上，…: the frame of the sentence, not one of its steps
        if adjacent or p["step_modifier"].match(text, m[1]):
            continue  # 民主生活会征求意见情况, 组织生活会发言情况: a step as a modifier
        if slots and (
            slots[-1][-1][2] == m[2] or c["joiners"].match(text[slots[-1][-1][1] : m[0]])
        ):
            if m[2] not in [x[2] for x in slots[-1]]:
                slots[-1].append(m)
            continue
        if any(m[2] in [x[2] for x in sl] for sl in slots):
            continue
        slots.append([m])
    return slots


# searched from the cue in place (no copy of the rest of the text per cue)
_CLAUSE_END = re.compile(r"[，,；;。]|$")


def _depends_on_next(
    text: str, cue_at: int, slots: list[list[Mention]], ms: list[Mention]
) -> int | None:
    """Index of the slot a gate cue bears on (its dependent side)."""
    if _p()["gate_prereq"].match(text, cue_at):  # 在X的基础上，Y: the first step after the cue
        return next((i for i, sl in enumerate(slots) if sl[0][0] >= cue_at), None)
    clause_end = _CLAUSE_END.search(text, cue_at).start()  # type: ignore[union-attr]
    here = {m[2] for m in ms if cue_at <= m[0] <= clause_end}  # 不得按时转段: its own clause
    return next((i for i, sl in enumerate(slots) if here & {x[2] for x in sl}), None)


def _meeting_step(steps: Sequence[Phase], text: str) -> str | None:
    p = _p()
    counts = Counter(
        {s.label: len(s.mentions) for s in steps if p["meeting_step"].fullmatch(s.label)}
    )
    return counts.most_common(1)[0][0] if counts else None


def _prep_edges(
    text: str,
    ments: list[Mention],
    steps: Sequence[Phase],
    out: RelationSet,
    sents: Sequence[Sentence],
) -> None:
    """会前 steps precede the meeting; 为开好X打好基础 makes X depend on its item's steps."""
    p = _p()
    meeting = _meeting_step(steps, text)
    if meeting is None:
        return
    scopes: list[tuple[int, int]] = []
    for m in p["prep_heading"].finditer(text):  # （一）会前认真做好准备工作 … （二）
        level = p["paren_heading"] if m["e"][0] in "（(" else p["comma_heading"]
        nxt = level.search(text, m.end())
        scopes.append((m.start(), nxt.start() if nxt else len(text)))
    for sent in sents:
        if p["prep_sentence"].match(sent.text):
            scopes.append((sent.start, sent.end))
    for a, b in scopes:
        for s, _, label, kind in ments:
            if kind == "step" and a <= s < b and label != meeting:
                ev = next((x.start, x.end) for x in sents if x.start <= s < x.end)
                out.add("precedes", "step", label, "step", meeting, ev, "rel.precedes.prep")
    for m in p["groundwork"].finditer(text):
        target = next((x[2] for x in ments if m.start() <= x[0] < m.end() and x[3] == "step"), None)
        if target is None:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        item = next(
            (x for x in reversed(list(p["item_line"].finditer(text, 0, m.start())))),
            None,
        )
        start = (
            item.start() if item and text.count("\n", item.start(), line_start) <= 2 else line_start
        )
        for s, _, label, kind in ments:
            if kind == "step" and start <= s < m.start() and label != target:
                out.add(
                    "dependsOn",
                    "step",
                    target,
                    "step",
                    label,
                    (start, m.end()),
                    "rel.depends.prep",
                )


def phase_relations(
    doc: Document,
    stages: Sequence[Phase],
    steps: Sequence[Phase],
    out: RelationSet | None = None,
    sents: Sequence[Sentence] | None = None,
) -> tuple[Relation, ...]:
    """``precedes`` and ``dependsOn`` edges between the document's stages and steps.

    Parameters
    ----------
    doc : Document
        The document.
    stages, steps : sequence of Phase
        Its stages and steps (edges use their labels).
    out : RelationSet, optional
        Where to add the edges (a new set when omitted).
    sents : sequence of Sentence, optional
        Its sentences (:func:`extract.clauses.sentences`; cut when omitted).

    Returns
    -------
    tuple of Relation
        The edges of ``out``, sorted.
    """
    out = RelationSet(doc) if out is None else out
    c, p = _cues(), _p()
    text = doc.text
    stage_labels = {s.label for s in stages}
    step_labels = {s.label for s in steps}
    three = bool(stage_labels & set(c["stage_order"])) or not stage_labels
    ments, found = _mentions(text, step_labels | stage_labels, three)
    _stage_edges(stages, found, out)
    if not ments and "准备" not in stage_labels:
        return out.sorted()  # every rule below needs a stage or step mention in the text
    kinds = {lb: k for _, _, lb, k in ments}
    items: list[tuple[str, tuple[int, int]]] = []
    sents = sentences(text) if sents is None else sents
    for sent in sents:
        ms = [m for m in ments if sent.start <= m[0] < sent.end]
        slots = _slots(text, ms)
        span = (sent.start, sent.end)
        together = bool(p["together"].search(sent.text))
        cues = [sent.start + i for w in c["dependency_cues"] if (i := sent.text.find(w)) >= 0]
        dep_is = {_depends_on_next(text, at, slots, ms) for at in cues}
        for i, (a, b) in enumerate(itertools.pairwise(slots)):
            if together or re.search(r"[；;]", text[a[-1][1] : b[0][0]]):
                continue  # 在A环节上…；在B环节上…: parallel, not a sequence
            before = p["before_frame"].match(text, a[-1][1])  # 转段前，做好阶段总结: reversed
            for x in a:
                for y in b:
                    src, dst = (y, x) if before else (x, y)
                    out.add(
                        "precedes", "step", src[2], "step", dst[2], span, "rel.precedes.sequence"
                    )
                    if i + 1 in dep_is:
                        out.add("dependsOn", "step", y[2], "step", x[2], span, "rel.depends.cue")
        if c["item"].match(text, sent.start) and slots:
            items.append((slots[0][0][2], span))
        elif not c["item"].match(text, sent.start) and len(sent.text) > 40:
            items.append(("", span))
        for m in c["entry"].finditer(text, sent.start, sent.end):
            tgt = [x[2] for x in ments if x[3] == "stage" and m.start() <= x[0] < m.end()]
            if "转段" in step_labels and tgt:
                out.add("precedes", "step", "转段", "stage", tgt[0], span, "rel.precedes.entry")
        dep = bool(cues)
        if dep and "准备" in stage_labels and any(w in sent.text for w in c["start_words"]):
            first = next((s for s in c["stage_order"] if s in stage_labels and s != "准备"), None)
            if first and "准备" in sent.text:
                out.add("dependsOn", "stage", first, "stage", "准备", span, "rel.depends.start")
    for (a, _), (b, span) in itertools.pairwise(items):
        if a and b and a != b:
            out.add(
                "precedes",
                kinds.get(a, "step"),
                a,
                kinds.get(b, "step"),
                b,
                span,
                "rel.precedes.items",
            )
    _prep_edges(text, ments, steps, out, sents)
    return out.sorted()
