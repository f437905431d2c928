"""Records to RDF: the triples of one document's named graph (DOMAIN.md section 4).

Everything said about an entity mentioned in a document goes into that
document's graph: the union of the graphs merges shared actors and stages,
and dropping a graph drops exactly that document's facts.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> ex = extract(document_from_bytes("a.txt", "各党委要在3月15日前完成学习。".encode()))
>>> g = to_graph(ex)
>>> len(list(g.subjects(RDF.type, CK.Requirement)))
1
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from extract.records import MODALITIES as MODALITY_NAMES
from extract.records import RELATION_TYPES, TIME_ROLES, Extraction, Provenance, Quantity, Span
from kg.graph import iri
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS, SKOS, XSD

Triple = tuple[Node, Node, Node]

ZH = "zh"
# The ck: terms carry the records' names (DOMAIN.md section 4).
RELATION_PROPERTIES = {t: CK[t] for t in RELATION_TYPES}
MODALITIES = {m: CK[m] for m in MODALITY_NAMES}
ROLES = {r: CK[r] for r in TIME_ROLES}


def decimal_literal(value: Decimal) -> Literal:
    """An ``xsd:decimal`` literal in the canonical form Oxigraph stores and writes.

    No trailing zeros, no exponent, no point for a whole number: files and
    the store (hence the SPARQL endpoint) then hold the very same term.

    Examples
    --------
    >>> [str(decimal_literal(Decimal(v))) for v in ("0.800", "1.000", "12.50", "-0.0", "1E+2")]
    ['0.8', '1', '12.5', '0', '100']
    """
    text = format(value.normalize(), "f")
    return Literal("0" if text in ("-0", "0") else text, datatype=XSD.decimal)


def _confidence(value: float) -> Literal:
    return decimal_literal(Decimal(f"{max(0.0, min(1.0, value)):.3f}"))


def _value(v: int | float | str) -> Literal:
    if isinstance(v, bool):
        return Literal(str(v))
    if isinstance(v, int):
        return Literal(v, datatype=XSD.integer)
    if isinstance(v, float):
        return (
            Literal(int(v), datatype=XSD.integer)
            if v == int(v)
            else decimal_literal(Decimal(repr(v)))
        )
    return Literal(str(v))


class _Builder:
    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.name = ex.document.name
        self.doc = iri.document_iri(self.name)
        self.out: list[Triple] = []
        self.actor_iris = {
            a.key: iri.actor_iri(
                a.label, scope=a.scope, jurisdiction=a.jurisdiction, document=self.name
            )
            for a in ex.actors
        }
        self.stage_iris = {p.key: iri.stage_iri(p.label, self.name) for p in ex.stages}
        self.step_iris = {p.key: iri.step_iri(p.label, self.name) for p in ex.steps}
        self.time_iris = {t.key: iri.time_iri(self.name, t.key) for t in ex.times}
        self.req_iris = {r.key: iri.requirement_iri(self.name, r.key) for r in ex.requirements}

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.out.append((s, p, o))

    def evidence(self, subject: URIRef, span: Span) -> None:
        ev = iri.evidence_iri(self.name, span.start, span.end)
        self.add(subject, CK.evidence, ev)
        self.add(ev, RDF.type, CK.Evidence)
        self.add(ev, CK.document, self.doc)
        self.add(ev, OA.start, Literal(span.start, datatype=XSD.integer))
        self.add(ev, OA.end, Literal(span.end, datatype=XSD.integer))
        self.add(ev, OA.exact, Literal(span.text))

    def provenance(self, subject: URIRef, rule: str, confidence: float) -> None:
        self.add(subject, CK.rule, Literal(rule))
        self.add(subject, CK.confidence, _confidence(confidence))

    def document(self) -> None:
        d, doc, meta = self.doc, self.ex.document, self.ex.meta
        self.add(d, RDF.type, CK.Document)
        self.add(d, DCTERMS.identifier, Literal(doc.name))
        self.add(d, CK.sha256, Literal(doc.sha256))
        self.add(d, CK.encoding, Literal(doc.encoding))
        self.add(d, CK.mediaType, Literal(doc.media_type))
        excluded = sum(s.end - s.start for s in doc.excluded)
        self.add(d, CK.excludedCharacters, Literal(excluded, datatype=XSD.integer))
        if meta.title:
            self.add(d, DCTERMS.title, Literal(meta.title, lang=ZH))
        if meta.date:
            self.add(d, CK.speechDate, Literal(meta.date))
            self.add(d, DCTERMS.date, Literal(meta.date))
        if meta.year is not None:
            self.add(d, CK.year, Literal(meta.year, datatype=XSD.integer))
        if meta.issuer:
            self.add(d, DCTERMS.creator, Literal(meta.issuer, lang=ZH))
            if (issuer := self._issuer_iri(meta.issuer)) is not None:
                self.add(d, CK.issuer, issuer)
        if meta.level:
            self.add(d, CK.level, Literal(meta.level))
        if meta.batch:
            self.add(d, CK.batch, Literal(meta.batch, lang=ZH))
        if meta.campaign:
            campaign = iri.campaign_iri(meta.campaign)
            self.add(d, CK.campaign, campaign)
            self.add(campaign, RDF.type, CK.Campaign)
            self.add(campaign, RDFS.label, Literal(meta.campaign, lang=ZH))

    def _issuer_iri(self, name: str) -> URIRef | None:
        """The actor the issuer names: by its label, else by one of its aliases."""
        if name in self.actor_iris:
            return self.actor_iris[name]
        hits = sorted(a.key for a in self.ex.actors if name in a.aliases)
        return self.actor_iris[hits[0]] if hits else None

    def named(
        self,
        node: URIRef,
        cls: URIRef,
        label: str,
        aliases: tuple[str, ...],
        mentions: tuple[Span, ...],
        prov: Provenance,
    ) -> None:
        """Type, label, aliases, mentions and provenance of an actor, stage or step."""
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, Literal(label, lang=ZH))
        for alias in aliases:
            if alias != label:
                self.add(node, SKOS.altLabel, Literal(alias, lang=ZH))
        self.add(node, CK.mentionedIn, self.doc)
        for span in mentions:
            self.evidence(node, span)
        self.provenance(node, prov.rule, prov.confidence)

    def actors(self) -> None:
        for a in self.ex.actors:
            node = self.actor_iris[a.key]
            self.named(node, CK.Actor, a.label, a.aliases, a.mentions, a.prov)
            self.add(node, RDF.type, CK[a.type])
            self.add(node, CK.scope, Literal(a.scope))
            if a.level:
                self.add(node, CK.level, Literal(a.level))
            if a.jurisdiction:
                self.add(node, CK.jurisdiction, Literal(a.jurisdiction))
            if a.role:
                self.add(node, CK.position, Literal(a.role))
            if a.kind:
                kind = iri.actor_kind_iri(a.kind)
                self.add(node, CK.actorKind, kind)
                self.add(kind, RDF.type, CK.ActorKind)
                self.add(kind, RDFS.label, Literal(a.kind, lang=ZH))

    def phases(self) -> None:
        for phases, iris, cls in (
            (self.ex.stages, self.stage_iris, CK.Stage),
            (self.ex.steps, self.step_iris, CK.Step),
        ):
            for p in phases:
                node = iris[p.key]
                self.named(node, cls, p.label, p.aliases, p.mentions, p.prov)
                kind = iri.phase_kind_iri(p.kind, p.label)
                self.add(node, CK.phaseKind, kind)
                self.add(kind, RDF.type, CK.PhaseKind)
                self.add(kind, RDFS.label, Literal(p.label, lang=ZH))

    def times(self) -> None:
        for t in self.ex.times:
            node = self.time_iris[t.key]
            self.add(node, RDF.type, CK.TimeExpression)
            self.add(node, RDFS.label, Literal(t.span.text, lang=ZH))
            if t.normalized:
                self.add(node, CK.normalized, Literal(t.normalized))
            self.add(node, CK.role, ROLES[t.role])
            self.add(node, CK.mentionedIn, self.doc)
            self.evidence(node, t.span)
            self.provenance(node, t.prov.rule, t.prov.confidence)

    def quantity(self, req_key: str, index: int, q: Quantity) -> URIRef:
        node = iri.quantity_iri(self.name, req_key, index)
        self.add(node, RDF.type, CK.Quantity)
        self.add(node, CK.comparator, Literal(q.comparator))
        if q.value is not None:
            self.add(node, CK.value, _value(q.value))
        self.add(node, CK.unit, Literal(q.unit))
        self.evidence(node, q.span)
        return node

    def requirements(self) -> None:
        for r in self.ex.requirements:
            node = self.req_iris[r.key]
            self.add(node, RDF.type, CK.Requirement)
            self.add(node, CK.modality, MODALITIES[r.modality])
            self.add(node, CK.mentionedIn, self.doc)
            for key in r.actors:
                if key in self.actor_iris:
                    self.add(node, CK.responsibleActor, self.actor_iris[key])
            if r.stage and r.stage in self.stage_iris:
                self.add(node, CK.stage, self.stage_iris[r.stage])
            if r.deadline and r.deadline in self.time_iris:
                self.add(node, CK.deadline, self.time_iris[r.deadline])
            for i, q in enumerate(r.quantities):
                self.add(node, CK.quantity, self.quantity(r.key, i, q))
            self.evidence(node, r.span)
            self.provenance(node, r.prov.rule, r.prov.confidence)

    def node_of(self, kind: str, key: str) -> URIRef | None:
        table = {
            "actor": self.actor_iris,
            "stage": self.stage_iris,
            "step": self.step_iris,
            "time": self.time_iris,
            "requirement": self.req_iris,
        }[kind]
        return table.get(key)

    def relations(self) -> None:
        for rel in self.ex.relations:
            s = self.node_of(rel.source_kind, rel.source)
            o = self.node_of(rel.target_kind, rel.target)
            if s is None or o is None or s == o:
                continue
            prop = RELATION_PROPERTIES[rel.type]
            self.add(s, prop, o)
            node = iri.relation_iri(self.name, rel.type, str(s), str(o))
            self.add(node, RDF.type, CK.RelationAssertion)
            self.add(node, RDF.type, RDF.Statement)
            self.add(node, RDF.subject, s)
            self.add(node, RDF.predicate, prop)
            self.add(node, RDF.object, o)
            self.add(node, CK.mentionedIn, self.doc)
            if rel.evidence is not None:
                self.evidence(node, rel.evidence)
            self.provenance(node, rel.prov.rule, rel.prov.confidence)


def document_triples(ex: Extraction) -> list[Triple]:
    """All triples of one document's named graph, sorted and without duplicates.

    Parameters
    ----------
    ex : Extraction
        The records of one document.

    Returns
    -------
    list of (subject, predicate, object)
        rdflib terms, deterministic order.
    """
    b = _Builder(ex)
    b.document()
    b.actors()
    b.phases()
    b.times()
    b.requirements()
    b.relations()
    return sorted(set(b.out), key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))


def to_graph(ex: Extraction) -> Graph:
    """One document's facts as an rdflib :class:`~rdflib.Graph`."""
    g = Graph()
    for t in document_triples(ex):
        g.add(t)
    return g


def iter_quads(ex: Extraction) -> Iterator[tuple[Node, Node, Node, URIRef]]:
    """The document's triples as quads in its named graph."""
    graph = iri.graph_iri(ex.document.name)
    for s, p, o in document_triples(ex):
        yield s, p, o, graph
