"""A small instance graph that follows the RDF contract, shared by the ontology tests.

Tests call :func:`build_mini_graph` for a fresh copy and break it as they need.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from ontology.namespaces import CK, DCTERMS, ID, OA, RDF, RDFS, SKOS, bind_prefixes

DOC = ID["document/a.txt"]
ACTOR = ID["actor/a.txt/区委"]
PARENT = ID["actor/global/中央"]
ACTOR_EVIDENCE = ID["evidence/a.txt/0-2"]
STAGE = ID["stage/学习动员"]
NEXT_STAGE = ID["stage/分析评议"]
STEP = ID["step/转段"]
TIME_EXPRESSION = ID["time/a.txt/10-15"]
TIME_EVIDENCE = ID["evidence/a.txt/10-15"]
REQUIREMENT = ID["requirement/a.txt/2-20"]
REQUIREMENT_EVIDENCE = ID["evidence/a.txt/2-20"]
QUANTITY = ID["quantity/a.txt/2-20/0"]
ASSERTION = ID["relation/a.txt/0"]


def _evidence(g: Graph, node: URIRef, start: int, end: int, exact: str) -> None:
    g.add((node, RDF.type, CK.Evidence))
    g.add((node, CK.document, DOC))
    g.add((node, OA.start, Literal(start)))
    g.add((node, OA.end, Literal(end)))
    g.add((node, OA.exact, Literal(exact)))


def build_mini_graph() -> Graph:
    """Return a small graph that follows the RDF contract and the shapes."""
    g = bind_prefixes(Graph())
    g.add((DOC, RDF.type, CK.Document))
    g.add((DOC, DCTERMS.identifier, Literal("a.txt")))
    g.add((DOC, CK.sha256, Literal("0" * 64)))

    for actor, label in ((ACTOR, "区委"), (PARENT, "中央")):
        g.add((actor, RDF.type, CK.Actor))
        g.add((actor, RDF.type, CK.PartyCommittee))
        g.add((actor, RDFS.label, Literal(label, lang="zh")))
        g.add((actor, CK.mentionedIn, DOC))
        g.add((actor, CK.evidence, ACTOR_EVIDENCE))
    g.add((ACTOR, SKOS.altLabel, Literal("區委", lang="zh")))
    g.add((ACTOR, CK.level, Literal("县")))
    g.add((ACTOR, CK.reportsTo, PARENT))
    _evidence(g, ACTOR_EVIDENCE, 0, 2, "区委")

    for node, cls, label in (
        (STAGE, CK.Stage, "学习动员"),
        (NEXT_STAGE, CK.Stage, "分析评议"),
        (STEP, CK.Step, "转段"),
    ):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
        g.add((node, CK.mentionedIn, DOC))
    g.add((STAGE, CK.precedes, NEXT_STAGE))
    g.add((STEP, CK.inStage, STAGE))
    g.add((NEXT_STAGE, CK.dependsOn, STEP))

    g.add((TIME_EXPRESSION, RDF.type, CK.TimeExpression))
    g.add((TIME_EXPRESSION, RDFS.label, Literal("3月15日", lang="zh")))
    g.add((TIME_EXPRESSION, CK.normalized, Literal("--03-15")))
    g.add((TIME_EXPRESSION, CK.role, CK.deadline))
    g.add((TIME_EXPRESSION, CK.evidence, TIME_EVIDENCE))
    _evidence(g, TIME_EVIDENCE, 10, 15, "3月15日")

    g.add((REQUIREMENT, RDF.type, CK.Requirement))
    g.add((REQUIREMENT, CK.modality, CK.obligation))
    g.add((REQUIREMENT, CK.responsibleActor, ACTOR))
    g.add((REQUIREMENT, CK.stage, STAGE))
    g.add((REQUIREMENT, CK.deadline, TIME_EXPRESSION))
    g.add((REQUIREMENT, CK.quantity, QUANTITY))
    g.add((REQUIREMENT, CK.evidence, REQUIREMENT_EVIDENCE))
    g.add((REQUIREMENT, CK.rule, Literal("requirement.cue")))
    g.add((REQUIREMENT, CK.confidence, Literal(Decimal("0.9"))))
    _evidence(g, REQUIREMENT_EVIDENCE, 2, 20, "要" * 18)

    g.add((QUANTITY, RDF.type, CK.Quantity))
    g.add((QUANTITY, CK.comparator, Literal(">=")))
    g.add((QUANTITY, CK.value, Literal(45)))
    g.add((QUANTITY, CK.unit, Literal("学时")))

    g.add((ASSERTION, RDF.type, CK.RelationAssertion))
    g.add((ASSERTION, RDF.subject, ACTOR))
    g.add((ASSERTION, RDF.predicate, CK.reportsTo))
    g.add((ASSERTION, RDF.object, PARENT))
    g.add((ASSERTION, CK.rule, Literal("relation.pattern")))
    g.add((ASSERTION, CK.evidence, ACTOR_EVIDENCE))
    return g
