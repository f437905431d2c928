"""Finding a correction's target in a document's graph, and the changes every action makes.

:class:`Edit` holds one correction and one graph: the lookups (a fact by
span, an actor, stage or step by label or alias, a time by span) raise
:class:`Orphaned` when the target is missing, *before* anything changes;
the writers add the correction's PROV-O provenance, replace a property's
values, mint the evidence and the rule of added facts, and drop a fact
with the edges to it. The actions themselves are in :mod:`kg.corrections.actions`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.corrections.records import Amount, Correction
from kg.graph import iri
from ontology.namespaces import CK, OA, PROV, RDF, RDFS, SKOS, XSD

ZH = "zh"
RULE = "correction"
"""The ``ck:rule`` of facts a correction adds."""


class Orphaned(Exception):
    """Raised by a handler, before it changes anything, when its target is missing."""


class Edit:
    """One correction on one graph: find the target (or raise Orphaned), then change it."""

    def __init__(self, g: Graph, name: str, c: Correction, text: str | None) -> None:
        self.g, self.name, self.c, self.text = g, name, c, text
        self.doc = iri.document_iri(name)
        self.node = iri.correction_iri(c.id)
        self.t, self.ch = c.target, c.change

    # -- finding things -------------------------------------------------------
    def fact(self) -> URIRef:
        t = self.t
        if t.kind == "document":
            if (self.doc, RDF.type, CK.Document) not in self.g:
                raise Orphaned(f"no document {self.name} in the graph")
            return self.doc
        if t.kind == "actor":
            return self.named(CK.Actor, t.label or "", "actor")
        table = {
            "requirement": (iri.requirement_iri, CK.Requirement),
            "time": (iri.time_iri, CK.TimeExpression),
        }
        mint, cls = table[t.kind]
        node = mint(self.name, t.key or "")
        if (node, RDF.type, cls) not in self.g:
            raise Orphaned(f"no {t.kind} at {t.key}")
        return node

    def named(self, cls: URIRef, label: str, what: str) -> URIRef:
        """The node of class ``cls`` labelled (else aliased) ``label``; the first by IRI."""
        nodes = sorted(self.g.subjects(RDF.type, cls))
        for prop in (RDFS.label, SKOS.altLabel):
            hits = [n for n in nodes if label in {str(x) for x in self.g.objects(n, prop)}]
            if hits:
                return hits[0]
        raise Orphaned(f"no {what} {label!r}")

    def end(self, label: str) -> URIRef:
        """An actor, stage or step by label (the end of a relation)."""
        for cls, what in ((CK.Actor, "actor"), (CK.Stage, "stage"), (CK.Step, "step")):
            try:
                return self.named(cls, label, what)
            except Orphaned:
                continue
        raise Orphaned(f"no actor, stage or step {label!r}")

    def actors(self, labels: Sequence[str]) -> list[URIRef]:
        return [self.named(CK.Actor, a, "actor") for a in labels]

    def stage(self, label: str) -> URIRef | None:
        return self.named(CK.Stage, label, "stage") if label else None

    def time(self, key: str) -> URIRef | None:
        if not key:
            return None
        node = iri.time_iri(self.name, key)
        if (node, RDF.type, CK.TimeExpression) not in self.g:
            raise Orphaned(f"no time at {key}")
        return node

    def check_quote(self) -> None:
        t, quote = self.t, self.ch.quote
        if t.start is None or quote is None or self.text is None:
            return
        if self.text[t.start : t.end] != quote:
            raise Orphaned(f"the text at {t.key} is no longer {quote!r}")

    # -- writing ----------------------------------------------------------------
    def provenance(
        self,
        used: Sequence[URIRef],
        prop: URIRef | None = None,
        old: Sequence[Node] = (),
        new: Sequence[Node] = (),
    ) -> None:
        g, c, n = self.g, self.c, self.node
        agent = iri.agent_iri(c.author)
        g.add((n, RDF.type, CK.Correction))
        g.add((n, CK.correctionKind, Literal(c.action)))
        g.add((n, PROV.wasAssociatedWith, agent))
        g.add((agent, RDF.type, PROV.Agent))
        g.add((agent, RDFS.label, Literal(c.author)))
        g.add((n, PROV.endedAtTime, Literal(c.time, datatype=XSD.dateTime)))
        if c.memo:
            g.add((n, RDFS.comment, Literal(c.memo, lang=ZH)))
        for u in used:
            g.add((n, PROV.used, u))
            g.add((u, CK.correctedBy, n))
        if prop is not None:
            g.add((n, CK.correctedProperty, prop))
        for v in old:
            g.add((n, CK.extractedValue, v))
        for v in new:
            g.add((n, CK.correctedValue, v))

    def replace(self, fact: URIRef, prop: URIRef, new: Sequence[Node]) -> None:
        old = sorted(self.g.objects(fact, prop))
        self.g.remove((fact, prop, None))
        for v in new:
            self.g.add((fact, prop, v))
        self.provenance([fact], prop, old, new)

    def evidence(self, start: int, end: int, quote: str) -> URIRef:
        ev = iri.evidence_iri(self.name, start, end)
        for p, o in (
            (RDF.type, CK.Evidence),
            (CK.document, self.doc),
            (OA.start, Literal(start, datatype=XSD.integer)),
            (OA.end, Literal(end, datatype=XSD.integer)),
            (OA.exact, Literal(quote)),
        ):
            self.g.add((ev, p, o))
        return ev

    def added(self, node: URIRef, cls: URIRef) -> None:
        """Type, document, evidence and rule of a fact a correction adds."""
        g, t = self.g, self.t
        g.add((node, RDF.type, cls))
        g.add((node, CK.mentionedIn, self.doc))
        if t.start is not None and t.end is not None and self.ch.quote is not None:
            g.add((node, CK.evidence, self.evidence(t.start, t.end, self.ch.quote)))
        g.add((node, CK.rule, Literal(RULE)))
        g.add((node, CK.confidence, Literal("1", datatype=XSD.decimal)))

    def quantities(self, req: URIRef, amounts: Sequence[Amount]) -> list[URIRef]:
        evidence = sorted(self.g.objects(req, CK.evidence))
        out = []
        for i, a in enumerate(amounts):
            q = iri.corrected_quantity_iri(self.c.id, i)
            self.g.add((q, RDF.type, CK.Quantity))
            self.g.add((q, CK.comparator, Literal(a.comparator)))
            if a.value is not None:
                v = a.value
                lit = Literal(v, datatype=XSD.integer) if isinstance(v, int) else Literal(str(v))
                if isinstance(v, float):
                    lit = Literal(repr(v), datatype=XSD.decimal)
                self.g.add((q, CK.value, lit))
            self.g.add((q, CK.unit, Literal(a.unit)))
            for ev in evidence:
                self.g.add((q, CK.evidence, ev))
            out.append(q)
        return out

    def drop(self, node: URIRef) -> None:
        """Remove a fact: its triples, edges to it (not a correction's) and its reifications."""
        g = self.g
        for s, p, _ in list(g.triples((None, None, node))):
            if (s, RDF.type, CK.Correction) in g:
                continue
            g.remove((s, p, node))
            if p in (RDF.subject, RDF.object):
                self.drop(s)
        owned = [q for q in g.objects(node, CK.quantity)]
        g.remove((node, None, None))
        for q in owned:
            g.remove((q, None, None))
