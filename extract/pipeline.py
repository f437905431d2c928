"""The extraction pipeline: :class:`Document` in, :class:`Extraction` out.

Order: document metadata (:mod:`extract.meta`: the speech's date and stated year
anchor the time expressions), actors (:mod:`extract.actors`), stages and steps
(:mod:`extract.phases`), time expressions (:mod:`extract.timex`), requirements
(:mod:`extract.requirements`; a requirement with no time of its own takes the
window of its stage or round, :mod:`extract.deadlines`), relations
(:mod:`extract.relations`). Facts that
fall inside boilerplate spans (``doc.excluded``) are dropped. Every output tuple
is sorted, so the same input gives the same records.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> ex = extract(document_from_bytes("a.txt", "各党委要在3月15日前完成学习。".encode()))
>>> [a.label for a in ex.actors], [(t.normalized, t.role) for t in ex.times]
(['党委'], [('--03-15', 'deadline')])
>>> [(r.modality, r.actors, r.deadline) for r in ex.requirements]
[('obligation', ('党委',), '5-11')]
"""

from __future__ import annotations

from extract.actors import actor_index
from extract.addressee import document_defaults
from extract.clauses import sentences
from extract.deadlines import fill_deadlines
from extract.meta import document_meta
from extract.phases import PhaseMention, find_phases, is_three_stage
from extract.records import Document, Extraction, Phase, Provenance, Span, TimeExpression
from extract.relations import find_relations
from extract.requirements import find_requirements
from extract.timex import find_times

EXTRACTOR_VERSION = "0.2.0"


def _excluded(doc: Document):
    spans = [(s.start, s.end) for s in doc.excluded]

    def inside(span: Span) -> bool:
        return any(span.start < b and a < span.end for a, b in spans)

    return inside


def _phases(doc: Document, mentions: list[PhaseMention], kind: str) -> tuple[Phase, ...]:
    by_label: dict[str, list[PhaseMention]] = {}
    for m in mentions:
        if m.kind == kind:
            by_label.setdefault(m.label, []).append(m)
    out = []
    for label in sorted(by_label):
        ms = by_label[label]
        spans = tuple(sorted({doc.span(m.start, m.end) for m in ms}))
        aliases = tuple(sorted({s.text for s in spans} - {label}))
        rules = sorted({m.rule for m in ms})
        out.append(
            Phase(
                label,
                kind,
                spans,
                aliases,  # type: ignore[arg-type]
                Provenance(rules[0], 0.9 if rules[0].startswith("phase.lexicon") else 0.7),
            )
        )
    return tuple(out)


def extract(doc: Document, decide=None) -> Extraction:
    """Extract every record from one document.

    Parameters
    ----------
    doc : Document
        A document from :mod:`extract.ingest.reader`.
    decide : callable, optional
        ``decide(unit, features) -> bool`` overrides the keep-or-drop decision on
        candidate requirement units (see :func:`extract.requirements.find_requirements`).

    Returns
    -------
    Extraction
        Metadata, actors, stages, steps, time expressions, requirements, relations.
    """
    inside = _excluded(doc)
    meta = document_meta(doc)
    idx = actor_index(doc, meta)
    sents = sentences(doc.text)
    defaults = document_defaults(doc.text, idx, sents, meta)
    phase_mentions = [
        p
        for p in find_phases(doc.text, is_three_stage(meta.campaign, doc.text))
        if not inside(doc.span(p.start, p.end))
    ]
    times: list[TimeExpression] = []
    offsets: list[tuple[int, int]] = []
    for m, value, role in find_times(doc.text, meta.year, meta.date):
        span = doc.span(m.start(), m.end())
        if inside(span):
            continue
        rule = "time.pattern" if value else "time.pattern.unnormalized"
        times.append(TimeExpression(span, value, role, Provenance(rule, 0.9)))  # type: ignore[arg-type]
        offsets.append((m.start(), m.end()))
    reqs = [
        r
        for r in find_requirements(
            doc, idx, times, phase_mentions, offsets, decide, meta, defaults, sents
        )
        if not inside(r.span)
    ]
    reqs = fill_deadlines(doc, reqs, times, offsets)  # the window of a stage or round
    stages = _phases(doc, phase_mentions, "stage")
    steps = _phases(doc, phase_mentions, "step")
    stage_keys = {s.key for s in stages}
    reqs = [r if r.stage in stage_keys or r.stage is None else _no_stage(r) for r in reqs]
    relations = find_relations(doc, idx, stages, steps, reqs, defaults, sents)
    return Extraction(
        document=doc,
        meta=meta,
        actors=tuple(sorted(idx.actors, key=lambda a: a.key)),
        stages=stages,
        steps=steps,
        times=tuple(sorted(times, key=lambda t: (t.span.start, t.span.end))),
        requirements=tuple(sorted(reqs, key=lambda r: (r.span.start, r.span.end))),
        relations=tuple(sorted(relations, key=lambda r: (r.type, r.source, r.target))),
    )


def _no_stage(r):
    from dataclasses import replace

    return replace(r, stage=None)
