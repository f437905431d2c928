"""Small hand-written extractions for tests that must not depend on the extractor."""

from __future__ import annotations

from extract.records import Actor, Document, Extraction, Provenance, Requirement, Span
from kg.graph.nquads import to_nquads
from kg.graph.rdf import iter_quads


def _span(raw: str, word: str, start: int = 0) -> Span:
    i = raw.index(word, start)
    return Span(i, i + len(word), word)


def extraction(name: str, raw: str, actors: list[tuple[str, str]]) -> Extraction:
    """A document ``raw`` whose actors ``(label, scope)`` each carry one requirement."""
    doc = Document(name=name, raw=raw, text=raw, sha256=name)
    acts = tuple(
        Actor(
            label=label,
            type="PartyCommittee",
            mentions=(_span(raw, label),),
            scope=scope,
            prov=Provenance("test.handmade"),
        )
        for label, scope in actors
    )
    reqs = tuple(
        Requirement(
            span=_span(raw, label),
            modality="obligation",
            actors=(a.key,),
            prov=Provenance("test.handmade"),
        )
        for (label, _), a in zip(actors, acts, strict=True)
    )
    return Extraction(document=doc, actors=acts, requirements=reqs)


def nquads(ex: Extraction) -> str:
    """The document's named graph as sorted N-Quads."""
    return to_nquads(iter_quads(ex))
