"""The extraction pipeline: :class:`Document` in, :class:`Extraction` out.

:func:`extract` runs named components (:data:`COMPONENTS`) in order over one
working object, :class:`Analysis`; each component reads what earlier ones added
and adds its own part:

====================  ==============================================================
``meta``              title, date, stated year, issuer, level, campaign
                      (:mod:`extract.meta`; the date and year anchor the times)
``actors``            actors and their mentions (:mod:`extract.actors`)
``sentences``         sentences and clauses (:mod:`extract.clauses`), cut once
``defaults``          addressee, issuer, audience, participants (:mod:`extract.addressee`)
``phases``            stage and step mentions (:mod:`extract.phases`)
``times``             time expressions (:mod:`extract.timex`)
``requirements``      directives with modality, actors, stage, deadline, quantities
                      (:mod:`extract.requirements`, the learned keep-or-drop of
                      :mod:`extract.directive_model`)
``deadlines``         the window of a stage or round for an item without its own time
                      (:mod:`extract.deadlines`)
``stages``            stages and steps as records
``relations``         relations (:mod:`extract.relations`)
``actor_filter``      actors that hold no requirement and take part in no relation,
                      kept or dropped by a learned filter (:mod:`extract.actor_filter`)
====================  ==============================================================

Facts that fall inside boilerplate spans (``doc.excluded``) are dropped. Every
output tuple is sorted, so the same input gives the same records. Rule ids and
confidences come from :mod:`extract.rules`.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> ex = extract(document_from_bytes("a.txt", "各党委要在3月15日前完成学习。".encode()))
>>> [a.label for a in ex.actors], [(t.normalized, t.role) for t in ex.times]
(['党委'], [('--03-15', 'deadline')])
>>> [(r.modality, r.actors, r.deadline) for r in ex.requirements]
[('obligation', ('党委',), '5-11')]
>>> [name for name, _ in COMPONENTS][:3]
['meta', 'actors', 'sentences']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from extract.actor_filter import filter_actors
from extract.actors import ActorIndex, actor_index
from extract.addressee import Defaults, document_defaults
from extract.clauses import Sentence, sentences
from extract.deadlines import fill_deadlines
from extract.meta import document_meta
from extract.phases import PhaseMention, find_phases, is_three_stage
from extract.records import (
    Actor,
    Document,
    DocumentMeta,
    Extraction,
    Phase,
    Relation,
    Requirement,
    Span,
    TimeExpression,
)
from extract.relations import find_relations
from extract.requirements import find_requirements
from extract.rules import prov
from extract.timex import find_times

EXTRACTOR_VERSION = "0.3.0"


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
                prov(rules[0]),
            )
        )
    return tuple(out)


@dataclass
class Analysis:
    """The working state of one document's extraction (see the module docstring)."""

    doc: Document
    decide: Callable | None = None
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    actors: ActorIndex | None = None
    sentences: list[Sentence] = field(default_factory=list)
    defaults: Defaults | None = None
    phase_mentions: list[PhaseMention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    time_offsets: list[tuple[int, int]] = field(default_factory=list)  # in ``doc.text``
    requirements: list[Requirement] = field(default_factory=list)
    stages: tuple[Phase, ...] = ()
    steps: tuple[Phase, ...] = ()
    relations: tuple[Relation, ...] = ()
    kept_actors: tuple[Actor, ...] | None = None

    def __post_init__(self) -> None:
        self.inside = _excluded(self.doc)

    @property
    def idx(self) -> ActorIndex:
        assert self.actors is not None, "the actors component runs first"
        return self.actors

    def result(self) -> Extraction:
        """The frozen, sorted records."""
        return Extraction(
            document=self.doc,
            meta=self.meta,
            actors=tuple(
                sorted(
                    self.idx.actors if self.kept_actors is None else self.kept_actors,
                    key=lambda a: a.key,
                )
            ),
            stages=self.stages,
            steps=self.steps,
            times=tuple(sorted(self.times, key=lambda t: (t.span.start, t.span.end))),
            requirements=tuple(sorted(self.requirements, key=lambda r: (r.span.start, r.span.end))),
            relations=tuple(sorted(self.relations, key=lambda r: (r.type, r.source, r.target))),
        )


def _meta(a: Analysis) -> None:
    a.meta = document_meta(a.doc)


def _actors(a: Analysis) -> None:
    a.actors = actor_index(a.doc, a.meta)


def _sentences(a: Analysis) -> None:
    a.sentences = sentences(a.doc.text)


def _defaults(a: Analysis) -> None:
    a.defaults = document_defaults(a.doc.text, a.idx, a.sentences, a.meta)


def _phase_mentions(a: Analysis) -> None:
    three = is_three_stage(a.meta.campaign, a.doc.text)
    a.phase_mentions = [
        p for p in find_phases(a.doc.text, three) if not a.inside(a.doc.span(p.start, p.end))
    ]


def _times(a: Analysis) -> None:
    for m, value, role in find_times(a.doc.text, a.meta.year, a.meta.date):
        span = a.doc.span(m.start(), m.end())
        if a.inside(span):
            continue
        rule = "time.pattern" if value else "time.pattern.unnormalized"
        a.times.append(TimeExpression(span, value, role, prov(rule)))  # type: ignore[arg-type]
        a.time_offsets.append((m.start(), m.end()))


def _requirements(a: Analysis) -> None:
    found = find_requirements(
        a.doc,
        a.idx,
        a.times,
        a.phase_mentions,
        a.time_offsets,
        a.decide,
        a.meta,
        a.defaults,
        a.sentences,
    )
    a.requirements = [r for r in found if not a.inside(r.span)]


def _deadlines(a: Analysis) -> None:
    a.requirements = fill_deadlines(a.doc, a.requirements, a.times, a.time_offsets)


def _stages(a: Analysis) -> None:
    a.stages = _phases(a.doc, a.phase_mentions, "stage")
    a.steps = _phases(a.doc, a.phase_mentions, "step")
    keys = {s.key for s in a.stages}
    a.requirements = [
        r if r.stage in keys or r.stage is None else replace(r, stage=None) for r in a.requirements
    ]


def _relations(a: Analysis) -> None:
    a.relations = find_relations(
        a.doc, a.idx, a.stages, a.steps, a.requirements, a.defaults, a.sentences
    )


def _actor_filter(a: Analysis) -> None:
    a.kept_actors = filter_actors(a)


COMPONENTS: tuple[tuple[str, Callable[[Analysis], None]], ...] = (
    ("meta", _meta),
    ("actors", _actors),
    ("sentences", _sentences),
    ("defaults", _defaults),
    ("phases", _phase_mentions),
    ("times", _times),
    ("requirements", _requirements),
    ("deadlines", _deadlines),
    ("stages", _stages),
    ("relations", _relations),
    ("actor_filter", _actor_filter),
)
"""The components of :func:`extract`, by name, in the order they run."""


def extract(doc: Document, decide: Callable | None = None) -> Extraction:
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
    a = Analysis(doc, decide)
    for _, component in COMPONENTS:
        component(a)
    return a.result()
