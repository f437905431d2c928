"""Order between stages and steps: ``precedes`` and ``dependsOn`` edges.

Rule families (rule ids in ``Provenance.rule``; cue words in ``extract/data/relations.json``):

* ``rel.precedes.stage``: the stage order of the campaign (canonical or the
  document's own sequence);
* ``rel.precedes.sequence``: steps in order inside one sentence;
  ``rel.precedes.items``: across enumerated items;
* ``rel.precedes.entry``: 转段 -> the stage it enters;
* ``rel.depends.cue``: steps in a sentence with a gate cue (基础上, 合格后,
  不要急于…) depend on the ones before them; ``rel.depends.start``: a stage
  depends on the 准备 phase.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.phases import find_phases
>>> from extract.pipeline import extract
>>> ex = extract(document_from_bytes("a.txt", "先回头看，再召开转段分析会。".encode()))
>>> [(r.type, r.source, r.target) for r in phase_relations(ex.document, ex.stages, ex.steps)]
[('precedes', '回头看', '转段分析会')]
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from extract.lexicon import data_json
from extract.records import Document, Phase, Provenance, Relation, RelationSet
from extract.segment import sentences


@functools.cache
def _cues() -> dict:
    d = data_json("relations.json")
    return {
        **d,
        "entry": re.compile(d["stage_entry_re"]),
        "joiners": re.compile(d["slot_joiners_re"]),
        "item": re.compile(d["item_re"]),
    }


def _phase_mentions(text: str, labels: set[str]) -> list[tuple[int, int, str, str]]:
    from extract.phases import find_phases

    return [(p.start, p.end, p.label, p.kind) for p in find_phases(text) if p.label in labels]


def phase_relations(
    doc: Document,
    stages: Sequence[Phase],
    steps: Sequence[Phase],
    out: RelationSet | None = None,
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

    Returns
    -------
    tuple of Relation
        The edges of ``out``, sorted.
    """
    out = RelationSet(doc) if out is None else out
    c = _cues()
    text = doc.text
    stage_labels = {p.label for p in stages}
    seqs = [c["stage_order"], *c.get("stage_orders", [])]  # later campaigns: own sequences
    pairs = [p for seq in seqs for p in itertools.pairwise([s for s in seq if s in stage_labels])]
    for a, b in pairs:
        ev = next(p for p in stages if p.label == b).mentions[0]
        out.rel.setdefault(
            ("precedes", "stage", a, "stage", b),
            Relation("precedes", "stage", a, "stage", b, ev, Provenance("rel.precedes.stage", 0.9)),
        )
    step_labels = {p.label for p in steps}
    ments = _phase_mentions(text, step_labels | stage_labels)
    if not ments and "准备" not in stage_labels:
        return out.sorted()  # every rule below needs a stage or step mention in the text
    kinds = {lb: k for _, _, lb, k in ments}
    items: list[tuple[str, tuple[int, int]]] = []
    for sent in sentences(text):
        ms = [m for m in ments if sent.start <= m[0] < sent.end]
        steps_in = [m for m in ms if m[3] == "step"]
        slots: list[list[tuple[int, int, str, str]]] = []
        for m in steps_in:
            if slots and (
                slots[-1][-1][2] == m[2] or c["joiners"].match(text[slots[-1][-1][1] : m[0]])
            ):
                if m[2] not in [x[2] for x in slots[-1]]:
                    slots[-1].append(m)
                continue
            if any(m[2] in [x[2] for x in sl] for sl in slots):
                continue
            slots.append([m])
        span = (sent.start, sent.end)
        dep = any(w in sent.text for w in c["dependency_cues"])
        for a, b in itertools.pairwise(slots):
            if re.search(r"[；;]", text[a[-1][1] : b[0][0]]):
                continue  # 在A环节上…；在B环节上…: parallel, not a sequence
            for x in a:
                for y in b:
                    out.add(
                        "precedes", "step", x[2], "step", y[2], span, "rel.precedes.sequence", 0.6
                    )
                    if dep:
                        out.add(
                            "dependsOn", "step", y[2], "step", x[2], span, "rel.depends.cue", 0.6
                        )
        if c["item"].match(text, sent.start) and slots:
            items.append((slots[0][0][2], span))
        elif not c["item"].match(text, sent.start) and len(sent.text) > 40:
            items.append(("", span))
        for m in c["entry"].finditer(text, sent.start, sent.end):
            tgt = [x[2] for x in ments if x[3] == "stage" and m.start() <= x[0] < m.end()]
            if "转段" in step_labels and tgt:
                out.add(
                    "precedes", "step", "转段", "stage", tgt[0], span, "rel.precedes.entry", 0.6
                )
        if dep and "准备" in stage_labels and any(w in sent.text for w in c["start_words"]):
            first = next((s for s in c["stage_order"] if s in stage_labels and s != "准备"), None)
            if first and "准备" in sent.text:
                out.add(
                    "dependsOn", "stage", first, "stage", "准备", span, "rel.depends.start", 0.6
                )
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
                0.5,
            )
    return out.sorted()
