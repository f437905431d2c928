"""Records to RDF: a hand-made extraction gives exactly the expected triples."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from extract.records import (
    Actor,
    Document,
    DocumentMeta,
    Extraction,
    Phase,
    Provenance,
    Quantity,
    Relation,
    Requirement,
    Span,
    TimeExpression,
)
from kg.graph import iri
from kg.graph.nquads import to_nquads
from kg.graph.rdf import decimal_literal, document_triples, iter_quads, to_graph
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS, SKOS, XSD

RAW = "各党支部要在3月15日前完成学习，集中学习不少于40个学时。"
NAME = "a.txt"
SHA = "0" * 64


def _span(text: str, start: int = 0) -> Span:
    i = RAW.index(text, start)
    return Span(i, i + len(text), text)


DOC = Document(NAME, RAW, RAW, sha256=SHA)
BRANCH = Actor(
    "党支部", "PartyBranch", (_span("党支部"),), aliases=("支部", "党支部"), scope="global"
)
COMMITTEE = Actor("县委", "PartyCommittee", (), jurisdiction="云溪县", kind="县委")
STAGE = Phase("学习动员", "stage", (_span("学习", 16),))
TIME = TimeExpression(_span("3月15日前"), "--03-15", "deadline", Provenance("time.rule", 0.9))
QTY = Quantity(">=", 40, "学时", _span("不少于40个学时"))
REQ = Requirement(
    _span("各党支部要在3月15日前完成学习，"),
    "obligation",
    actors=("党支部", "无名"),
    stage="学习动员",
    deadline=TIME.key,
    quantities=(QTY,),
    prov=Provenance("req.rule", 0.75),
)
REL = Relation("reportsTo", "actor", "党支部", "actor", "县委", evidence=_span("党支部"))
EXTRACTION = Extraction(
    DOC,
    DocumentMeta(title="通知", year=2005, issuer="县委", campaign="先进性教育活动"),
    actors=(BRANCH, COMMITTEE),
    stages=(STAGE,),
    times=(TIME,),
    requirements=(REQ,),
    relations=(REL,),
)


def _expected() -> Graph:
    g = Graph()
    d = iri.document_iri(NAME)
    branch = iri.actor_iri("党支部", scope="global", document=NAME)
    committee = iri.actor_iri("县委", jurisdiction="云溪县", document=NAME)
    stage, time = iri.stage_iri("学习动员", NAME), iri.time_iri(NAME, TIME.key)
    phase = iri.phase_kind_iri("stage", "学习动员")
    req, qty = iri.requirement_iri(NAME, REQ.key), iri.quantity_iri(NAME, REQ.key, 0)
    campaign, kind = iri.campaign_iri("先进性教育活动"), iri.actor_kind_iri("县委")
    rel = iri.relation_iri(NAME, "reportsTo", str(branch), str(committee))
    zh = lambda s: Literal(s, lang="zh")  # noqa: E731
    conf = lambda v: Literal(v, datatype=XSD.decimal)  # noqa: E731

    def ev(node, span: Span) -> None:
        e = iri.evidence_iri(NAME, span.start, span.end)
        g.add((node, CK.evidence, e))
        g.add((e, RDF.type, CK.Evidence))
        g.add((e, CK.document, d))
        g.add((e, OA.start, Literal(span.start, datatype=XSD.integer)))
        g.add((e, OA.end, Literal(span.end, datatype=XSD.integer)))
        g.add((e, OA.exact, Literal(span.text)))

    for t in [
        (d, RDF.type, CK.Document),
        (d, DCTERMS.identifier, Literal(NAME)),
        (d, CK.sha256, Literal(SHA)),
        (d, CK.encoding, Literal("utf-8")),
        (d, CK.mediaType, Literal("text/plain")),
        (d, CK.excludedCharacters, Literal(0, datatype=XSD.integer)),
        (d, DCTERMS.title, zh("通知")),
        (d, CK.year, Literal(2005, datatype=XSD.integer)),
        (d, CK.issuer, committee),
        (d, DCTERMS.creator, zh("县委")),
        (d, CK.campaign, campaign),
        (campaign, RDF.type, CK.Campaign),
        (campaign, RDFS.label, zh("先进性教育活动")),
        (branch, RDF.type, CK.Actor),
        (branch, RDF.type, CK.PartyBranch),
        (branch, RDFS.label, zh("党支部")),
        (branch, SKOS.altLabel, zh("支部")),
        (branch, CK.mentionedIn, d),
        (branch, CK.scope, Literal("global")),
        (branch, CK.rule, Literal("actor.lexicon")),
        (branch, CK.confidence, conf("1")),
        (committee, RDF.type, CK.Actor),
        (committee, RDF.type, CK.PartyCommittee),
        (committee, RDFS.label, zh("县委")),
        (committee, CK.mentionedIn, d),
        (committee, CK.scope, Literal("local")),
        (committee, CK.jurisdiction, Literal("云溪县")),
        (committee, CK.actorKind, kind),
        (kind, RDF.type, CK.ActorKind),
        (kind, RDFS.label, zh("县委")),
        (committee, CK.rule, Literal("actor.lexicon")),
        (committee, CK.confidence, conf("1")),
        (stage, RDF.type, CK.Stage),
        (stage, RDFS.label, zh("学习动员")),
        (stage, CK.mentionedIn, d),
        (stage, CK.phaseKind, phase),
        (stage, CK.rule, Literal("phase.lexicon")),
        (stage, CK.confidence, conf("1")),
        (phase, RDF.type, CK.PhaseKind),
        (phase, RDFS.label, zh("学习动员")),
        (time, RDF.type, CK.TimeExpression),
        (time, RDFS.label, zh("3月15日前")),
        (time, CK.normalized, Literal("--03-15")),
        (time, CK.role, CK.deadline),
        (time, CK.mentionedIn, d),
        (time, CK.rule, Literal("time.rule")),
        (time, CK.confidence, conf("0.9")),
        (req, RDF.type, CK.Requirement),
        (req, CK.modality, CK.obligation),
        (req, CK.mentionedIn, d),
        (req, CK.responsibleActor, branch),
        (req, CK.stage, stage),
        (req, CK.deadline, time),
        (req, CK.quantity, qty),
        (req, CK.rule, Literal("req.rule")),
        (req, CK.confidence, conf("0.75")),
        (qty, RDF.type, CK.Quantity),
        (qty, CK.comparator, Literal(">=")),
        (qty, CK.value, Literal(40, datatype=XSD.integer)),
        (qty, CK.unit, Literal("学时")),
        (branch, CK.reportsTo, committee),
        (rel, RDF.type, CK.RelationAssertion),
        (rel, RDF.type, RDF.Statement),
        (rel, RDF.subject, branch),
        (rel, RDF.predicate, CK.reportsTo),
        (rel, RDF.object, committee),
        (rel, CK.mentionedIn, d),
        (rel, CK.rule, Literal("relation.pattern")),
        (rel, CK.confidence, conf("1")),
    ]:
        g.add(t)
    ev(branch, BRANCH.mentions[0])
    ev(stage, STAGE.mentions[0])
    ev(time, TIME.span)
    ev(req, REQ.span)
    ev(qty, QTY.span)
    ev(rel, REL.evidence)
    return g


def test_extraction_gives_exactly_the_expected_graph() -> None:
    assert isomorphic(to_graph(EXTRACTION), _expected())


def test_triples_are_sorted_and_unique() -> None:
    triples = document_triples(EXTRACTION)
    assert triples == document_triples(EXTRACTION)
    assert len(triples) == len(set(triples))
    assert triples == sorted(triples, key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))


def test_every_quad_is_in_the_document_graph() -> None:
    assert {q[3] for q in iter_quads(EXTRACTION)} == {iri.graph_iri(NAME)}


def _quantity_value(value) -> Literal | None:
    req = Requirement(REQ.span, "obligation", quantities=(Quantity("=", value, "次", QTY.span),))
    g = to_graph(Extraction(DOC, requirements=(req,)))
    return g.value(iri.quantity_iri(NAME, req.key, 0), CK.value)


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (40, Literal(40, datatype=XSD.integer)),
        (2.0, Literal(2, datatype=XSD.integer)),
        (1.5, Literal(Decimal("1.5"), datatype=XSD.decimal)),
        ("1-2", Literal("1-2")),
        (None, None),
    ],
)
def test_quantity_value_literal(value, literal) -> None:
    assert _quantity_value(value) == literal


def test_redacted_time_has_no_normalized_value() -> None:
    t = TimeExpression(_span("3月15日前"), None, "event")
    g = to_graph(Extraction(DOC, times=(t,)))
    assert g.value(iri.time_iri(NAME, t.key), CK.normalized) is None


@pytest.mark.parametrize(
    "relation",
    [
        Relation("reportsTo", "actor", "党支部", "actor", "没有的"),
        Relation("approves", "actor", "党支部", "actor", "党支部"),
        Relation("precedes", "stage", "学习动员", "step", "转段"),
    ],
)
def test_relation_with_a_missing_or_same_end_is_dropped(relation: Relation) -> None:
    g = to_graph(Extraction(DOC, actors=(BRANCH,), stages=(STAGE,), relations=(relation,)))
    assert not list(g.subjects(RDF.type, CK.RelationAssertion))


@pytest.mark.parametrize(
    ("meta", "expected", "absent"),
    [
        # an issuer named by an alias of an actor links that actor
        (
            DocumentMeta(issuer="支部"),
            {(CK.issuer, "branch"), (DCTERMS.creator, Literal("支部", lang="zh"))},
            set(),
        ),
        # an issuer that is no actor of the document keeps its name only
        (
            DocumentMeta(issuer="人民日报"),
            {(DCTERMS.creator, Literal("人民日报", lang="zh"))},
            {CK.issuer},
        ),
        (
            DocumentMeta(date="2019-06-10", batch="第二批"),
            {
                (DCTERMS.date, Literal("2019-06-10")),
                (CK.speechDate, Literal("2019-06-10")),
                (CK.batch, Literal("第二批", lang="zh")),
            },
            {CK.issuer, DCTERMS.creator},
        ),
    ],
)
def test_document_metadata(meta: DocumentMeta, expected: set, absent: set) -> None:
    g = to_graph(Extraction(DOC, meta, actors=(BRANCH, COMMITTEE)))
    d = iri.document_iri(NAME)
    branch = iri.actor_iri("党支部", scope="global", document=NAME)
    got = {(p, branch if o == branch else o) for p, o in g.predicate_objects(d)}
    want = {(p, branch if o == "branch" else o) for p, o in expected}
    assert want <= got
    assert not absent & {p for p, _ in got}


def _quantity_extraction(value: float) -> Extraction:
    req = Requirement(REQ.span, "obligation", quantities=(Quantity("=", value, "次", QTY.span),))
    return Extraction(DOC, actors=(BRANCH,), times=(TIME,), requirements=(req,))


@pytest.mark.parametrize("extraction", [EXTRACTION, _quantity_extraction(12.50)])
def test_literals_are_written_as_the_store_writes_them(extraction: Extraction) -> None:
    # the store keeps one canonical form per value (0.8 for 0.800): files must say the same
    text = to_nquads(iter_quads(extraction))
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.N_QUADS)
    stored = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert sorted(stored.splitlines()) == sorted(text.splitlines())


@pytest.mark.parametrize(
    ("value", "lexical"), [("0.800", "0.8"), ("1.000", "1"), ("12.50", "12.5"), ("-0.0", "0")]
)
def test_decimal_literal_is_canonical(value: str, lexical: str) -> None:
    assert str(decimal_literal(Decimal(value))) == lexical
