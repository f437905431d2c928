"""The extraction pipeline: :class:`Document` in, :class:`Extraction` out.

A baseline: lexicon actors, stage/step names, date patterns and modal-cue
requirements. Components are plain functions over the document; each returns
frozen records with spans into the raw text.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> ex = extract(document_from_bytes("a.txt", "各党委要在3月15日前完成学习。".encode()))
>>> [a.label for a in ex.actors], [t.normalized for t in ex.times]
(['党委'], ['--03-15'])
"""

from __future__ import annotations

import re

from extract.records import (
    Actor,
    Document,
    DocumentMeta,
    Extraction,
    Phase,
    Provenance,
    Requirement,
    Span,
    TimeExpression,
)
from extract.segment import clauses, sentences

EXTRACTOR_VERSION = "0.1.0"

_ACTORS = {
    "党委": "PartyCommittee",
    "工委": "PartyCommittee",
    "县委": "PartyCommittee",
    "区委": "PartyCommittee",
    "市委": "PartyCommittee",
    "省委": "PartyCommittee",
    "督导组": "SupervisoryGroup",
    "党支部": "PartyBranch",
    "党员": "MemberGroup",
    "群众": "Public",
    "领导小组": "LeadingGroup",
    "先教办": "CampaignOffice",
}
_STAGES = ("学习动员", "分析评议", "整改提高")
_STEPS = ("转段", "回头看", "大讨论", "四讲")
_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
_CUES = (
    ("不得", "prohibition"),
    ("严禁", "prohibition"),
    ("必须", "obligation"),
    ("要", "obligation"),
    ("可以", "permission"),
    ("希望", "exhortation"),
)


def _mentions(doc: Document, word: str) -> tuple[Span, ...]:
    return tuple(doc.span(m.start(), m.end()) for m in re.finditer(re.escape(word), doc.text))


def extract(doc: Document) -> Extraction:
    """Extract every record from one document."""
    actors = tuple(
        Actor(w, t, ms, prov=Provenance("actor.baseline", 0.5))  # type: ignore[arg-type]
        for w, t in _ACTORS.items()
        if (ms := _mentions(doc, w))
    )
    stages = tuple(Phase(w, "stage", ms) for w in _STAGES if (ms := _mentions(doc, w)))
    steps = tuple(Phase(w, "step", ms) for w in _STEPS if (ms := _mentions(doc, w)))
    times = tuple(
        TimeExpression(doc.span(m.start(), m.end()), f"--{int(m[1]):02d}-{int(m[2]):02d}", "event")
        for m in _DATE.finditer(doc.text)
    )
    reqs = []
    for sent in sentences(doc.text):
        for cl in clauses(sent.text, sent.start):
            for cue, modality in _CUES:
                if cue in cl.text:
                    reqs.append(
                        Requirement(
                            doc.span(cl.start, cl.end),
                            modality,  # type: ignore[arg-type]
                            prov=Provenance("requirement.baseline", 0.5),
                        )
                    )
                    break
    return Extraction(doc, DocumentMeta(), actors, stages, steps, times, tuple(reqs))
