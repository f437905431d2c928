"""Corrections applied to one document's graph, with their PROV-O provenance.

:func:`apply_document` takes a document's N-Quads (its named graph, as the
build caches it) and the corrections that target it, in file order, and
returns the corrected N-Quads (sorted: the same input gives the same bytes)
and one :class:`Outcome` per correction. A correction whose target is not
in the graph (the document changed, a fact is no longer extracted, a quote
no longer matches the text) changes nothing and is *orphaned*, with the
reason; it is never silently dropped.

Each applied correction adds, in the document's graph::

    <correction> a ck:Correction ;                  # a prov:Activity
        ck:correctionKind "modality" ;
        prov:used <fact> ;
        prov:wasAssociatedWith <agent> ;            # a prov:Agent, rdfs:label its name
        prov:endedAtTime "..."^^xsd:dateTime ;
        ck:correctedProperty ck:modality ;
        ck:extractedValue ck:obligation ;           # what it replaced, kept
        ck:correctedValue ck:prohibition ;
        rdfs:comment "memo" .
    <fact> ck:correctedBy <correction> .

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> from kg.nquads import to_nquads
>>> from kg.rdf import iter_quads
>>> from kg.corrections.records import Change, Correction, Target
>>> nq = to_nquads(iter_quads(extract(document_from_bytes("a.txt", "各党委要认真学习。".encode()))))
>>> c = Correction(action="modality", change=Change(modality="exhortation"),
...     target=Target(document="a.txt", kind="requirement", start=0, end=8),
...     author="王", time="2026-01-02T03:04:05Z")
>>> done = apply_document(nq, "a.txt", [c])
>>> [o.applied for o in done.outcomes], "#exhortation>" in done.nquads
([True], True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg import iri
from kg.corrections.records import Amount, Correction
from kg.nquads import to_nquads
from ontology.namespaces import CK, OA, PROV, RDF, RDFS, SKOS, XSD

ZH = "zh"
RULE = "correction"
"""The ``ck:rule`` of facts a correction adds."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one correction: applied, or orphaned with a reason."""

    correction: Correction
    reason: str = ""

    @property
    def applied(self) -> bool:
        """True when the correction changed the graph."""
        return not self.reason


@dataclass(frozen=True, slots=True)
class Applied:
    """The corrected N-Quads of a document and the outcome of each correction."""

    nquads: str
    outcomes: tuple[Outcome, ...]


class Orphaned(Exception):
    """Raised by a handler, before it changes anything, when its target is missing."""


def read_graph(nquads: str) -> Graph:
    """The triples of N-Quads text (one document's graph) as an rdflib graph."""
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def apply_document(
    nquads: str, name: str, corrections: Sequence[Correction], text: str | None = None
) -> Applied:
    """Apply ``corrections`` (in order) to the graph of document ``name``.

    Parameters
    ----------
    nquads : str
        The document's graph as N-Quads (its named graph ``kg.iri.graph_iri(name)``).
    name : str
        The document name the corrections target.
    corrections : sequence of Correction
        Those that target ``name``, in the order they were made.
    text : str, optional
        The document's text as read; when given, the quote of every span a
        correction adds must equal ``text[start:end]``.

    Returns
    -------
    Applied
    """
    g = read_graph(nquads)
    outcomes = []
    for c in corrections:
        try:
            _Apply(g, name, c, text).run()
            outcomes.append(Outcome(c))
        except Orphaned as e:
            outcomes.append(Outcome(c, str(e)))
    graph = iri.graph_iri(name)
    return Applied(to_nquads((s, p, o, graph) for s, p, o in g), tuple(outcomes))


class _Apply:
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

    # -- the actions --------------------------------------------------------------
    def run(self) -> None:
        if self.t.document != self.name:
            raise Orphaned(f"no document {self.t.document} in the graph of {self.name}")
        getattr(self, "do_" + self.c.action.replace(".", "_"))()

    def do_actors_add(self) -> None:
        fact = self.fact()
        new = self.actors(self.ch.actors)
        for a in new:
            self.g.add((fact, CK.responsibleActor, a))
        self.provenance([fact], CK.responsibleActor, (), new)

    def do_actors_remove(self) -> None:
        fact = self.fact()
        gone = self.actors(self.ch.actors)
        for a in gone:
            if (fact, CK.responsibleActor, a) not in self.g:
                raise Orphaned(f"{self.ch.actors[gone.index(a)]!r} is not responsible for it")
        for a in gone:
            self.g.remove((fact, CK.responsibleActor, a))
        self.provenance([fact], CK.responsibleActor, gone, ())

    def do_modality(self) -> None:
        self.replace(self.fact(), CK.modality, [CK[self.ch.modality or ""]])

    def do_stage(self) -> None:
        fact = self.fact()
        stage = self.stage(self.ch.stage or "")
        self.replace(fact, CK.stage, [stage] if stage is not None else [])

    def do_deadline(self) -> None:
        fact = self.fact()
        time = self.time(self.ch.deadline or "")
        self.replace(fact, CK.deadline, [time] if time is not None else [])

    def do_quantity(self) -> None:
        fact = self.fact()
        old = sorted(self.g.objects(fact, CK.quantity))
        self.g.remove((fact, CK.quantity, None))  # the old nodes stay, for the record
        new = self.quantities(fact, self.ch.quantities or ())
        for q in new:
            self.g.add((fact, CK.quantity, q))
        self.provenance([fact], CK.quantity, old, new)

    def do_reject(self) -> None:
        if self.t.kind == "relation":
            prop = CK[self.t.label or ""]
            s, o = self.end(self.t.source or ""), self.end(self.t.dest or "")
            if (s, prop, o) not in self.g:
                raise Orphaned(f"no {self.t.label} from {self.t.source!r} to {self.t.dest!r}")
            self.g.remove((s, prop, o))
            for n in list(self.g.subjects(RDF.predicate, prop)):
                if (n, RDF.subject, s) in self.g and (n, RDF.object, o) in self.g:
                    self.drop(n)
            self.provenance([s], prop, [o], ())
            return
        fact = self.fact()
        types = sorted(self.g.objects(fact, RDF.type))
        evidence = sorted(self.g.objects(fact, CK.evidence))
        self.drop(fact)
        self.provenance([fact], RDF.type, types, ())
        for ev in evidence:  # where the rejected fact was read, kept
            self.g.add((self.node, CK.evidence, ev))

    def do_add_requirement(self) -> None:
        self.check_quote()
        fact = iri.requirement_iri(self.name, self.t.key or "")
        ch = self.ch
        actors = self.actors(ch.actors)
        stage = self.stage(ch.stage or "")
        time = self.time(ch.deadline or "")
        self.added(fact, CK.Requirement)
        for prop, values in (
            (CK.modality, [CK[ch.modality or ""]]),
            (CK.responsibleActor, actors),
            (CK.stage, [stage] if stage else []),
            (CK.deadline, [time] if time else []),
        ):
            self.g.remove((fact, prop, None))
            for v in values:
                self.g.add((fact, prop, v))
        if ch.quantities is not None:
            self.g.remove((fact, CK.quantity, None))
            for q in self.quantities(fact, ch.quantities):
                self.g.add((fact, CK.quantity, q))
        self.provenance([fact], RDF.type, (), [CK.Requirement])

    def do_add_actor(self) -> None:
        self.check_quote()
        label = self.t.label or ""
        node = iri.actor_iri(label, scope="local", document=self.name)
        self.added(node, CK.Actor)
        self.g.add((node, RDF.type, CK[self.ch.actor_type or ""]))
        self.g.add((node, RDFS.label, Literal(label, lang=ZH)))
        self.g.add((node, CK.scope, Literal("local")))
        self.provenance([node], RDF.type, (), [CK.Actor])

    def do_add_relation(self) -> None:
        self.check_quote()
        prop = CK[self.t.label or ""]
        s, o = self.end(self.t.source or ""), self.end(self.t.dest or "")
        node = iri.relation_iri(self.name, self.t.label or "", str(s), str(o))
        self.g.add((s, prop, o))
        self.added(node, CK.RelationAssertion)
        for p, v in (
            (RDF.type, RDF.Statement),
            (RDF.subject, s),
            (RDF.predicate, prop),
            (RDF.object, o),
        ):
            self.g.add((node, p, v))
        self.provenance([s], prop, (), [o])

    def do_merge(self) -> None:
        gone = self.fact()
        into = self.named(CK.Actor, self.ch.label or "", "actor")
        if gone == into:
            raise Orphaned(f"{self.t.label!r} and {self.ch.label!r} are one actor already")
        g = self.g
        own = {
            RDF.type,
            CK.scope,
            CK.jurisdiction,
            CK.level,
            CK.actorKind,
            CK.rule,
            CK.confidence,
            CK.position,
        }
        for p, o in list(g.predicate_objects(gone)):
            if p == RDFS.label:
                g.add((into, SKOS.altLabel, o))
            elif p not in own:
                g.add((into, p, o))
        for s, p in list(g.subject_predicates(gone)):
            if (s, RDF.type, CK.Correction) in g:  # history keeps naming it
                continue
            g.remove((s, p, gone))
            if s != into:
                g.add((s, p, into))
        g.remove((gone, None, None))
        g.remove((into, SKOS.altLabel, Literal(str(g.value(into, RDFS.label)), lang=ZH)))
        self.provenance([gone, into], None, [gone], [into])

    def do_split(self) -> None:
        whole = self.fact()
        label = self.ch.label or ""
        reqs = [iri.requirement_iri(self.name, k) for k in self.ch.requirements]
        for k, r in zip(self.ch.requirements, reqs, strict=True):
            if (r, CK.responsibleActor, whole) not in self.g:
                raise Orphaned(f"{self.t.label!r} is not responsible for the requirement at {k}")
        g = self.g
        part = iri.actor_iri(label, scope="local", document=self.name)
        types = [CK[self.ch.actor_type]] if self.ch.actor_type else list(g.objects(whole, RDF.type))
        for cls in {CK.Actor, *types}:
            g.add((part, RDF.type, cls))
        g.add((part, RDFS.label, Literal(label, lang=ZH)))
        g.add((part, CK.scope, Literal("local")))
        g.add((part, CK.mentionedIn, self.doc))
        for kind in g.objects(whole, CK.actorKind):
            g.add((part, CK.actorKind, kind))
        for ev in self._mentions_within(whole, reqs):
            g.add((part, CK.evidence, ev))
        g.add((part, CK.rule, Literal(RULE)))
        g.add((part, CK.confidence, Literal("1", datatype=XSD.decimal)))
        for r in reqs:
            g.remove((r, CK.responsibleActor, whole))
            g.add((r, CK.responsibleActor, part))
        self.provenance([whole, part, *reqs], CK.responsibleActor, [whole], [part])

    def _mentions_within(self, actor: URIRef, reqs: Sequence[URIRef]) -> list[URIRef]:
        """The actor's mentions inside the requirements' spans (all of them if none is)."""

        def span(ev: Node) -> tuple[int, int]:
            return int(self.g.value(ev, OA.start)), int(self.g.value(ev, OA.end))

        mentions = sorted(self.g.objects(actor, CK.evidence))
        spans = [span(ev) for r in reqs for ev in self.g.objects(r, CK.evidence)]
        inside = [m for m in mentions if any(a <= span(m)[0] < b for a, b in spans)]
        return inside or mentions

    def do_review(self) -> None:
        self.provenance([self.fact()])
