"""SHACL shapes: a valid mini graph conforms; each kind of breakage is caught."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pyshacl
import pytest
from rdflib import Graph, Literal, Node, URIRef

import ontology.namespaces as ns
from ontology.namespaces import CK, OA, SHAPES, load_ontology, load_shapes
from tests.ontology.ontology_minigraph import (
    ACTOR,
    ACTOR_EVIDENCE,
    ASSERTION,
    DOC,
    QUANTITY,
    REQUIREMENT,
    STAGE,
    TIME_EVIDENCE,
    TIME_EXPRESSION,
    build_mini_graph,
)

Breakage = Callable[[Graph], None]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    return bool(conforms), report


def results(report: Graph) -> set[tuple[Node | None, Node | None, Node | None]]:
    """(focus node, shape or constraint, path) of every violation in ``report``."""
    found: set[tuple[Node | None, Node | None, Node | None]] = set()
    for result in report.subjects(ns.RDF.type, ns.SH.ValidationResult):
        focus = report.value(result, ns.SH.focusNode)
        path = report.value(result, ns.SH.resultPath)
        for source in (ns.SH.sourceShape, ns.SH.sourceConstraint):
            found.add((focus, report.value(result, source), path))
    return found


def _set(subject: URIRef, predicate: URIRef, value: Node) -> Breakage:
    return lambda g: g.set((subject, predicate, value))


def _drop(subject: URIRef, predicate: URIRef) -> Breakage:
    return lambda g: g.remove((subject, predicate, None))


def _add(subject: URIRef, predicate: URIRef, value: Node) -> Breakage:
    return lambda g: g.add((subject, predicate, value))


def _start_after_end(g: Graph) -> None:
    g.set((TIME_EVIDENCE, OA.start, Literal(16)))


def _untyped_actor(g: Graph) -> None:
    g.remove((ACTOR, ns.RDF.type, CK.Actor))


def _unasserted_edge(g: Graph) -> None:
    g.remove((ACTOR, CK.reportsTo, None))


BROKEN: list[tuple[str, Breakage, URIRef, URIRef, URIRef | None]] = [
    # id, breakage, focus node, shape or constraint, result path
    (
        "requirement-without-modality",
        _drop(REQUIREMENT, CK.modality),
        REQUIREMENT,
        SHAPES["Requirement-modality"],
        CK.modality,
    ),
    (
        "modality-not-one-of-four",
        _set(REQUIREMENT, CK.modality, CK.schedule),
        REQUIREMENT,
        SHAPES["Requirement-modality"],
        CK.modality,
    ),
    (
        "evidence-start-after-end",
        _start_after_end,
        TIME_EVIDENCE,
        SHAPES["Evidence-startNotAfterEnd"],
        None,
    ),
    (
        "evidence-without-exact",
        _drop(ACTOR_EVIDENCE, OA.exact),
        ACTOR_EVIDENCE,
        SHAPES["Evidence-exact"],
        OA.exact,
    ),
    (
        "evidence-negative-start",
        _set(ACTOR_EVIDENCE, OA.start, Literal(-1)),
        ACTOR_EVIDENCE,
        SHAPES["Evidence-start"],
        OA.start,
    ),
    (
        "time-with-two-roles",
        _add(TIME_EXPRESSION, CK.role, CK.event),
        TIME_EXPRESSION,
        SHAPES["TimeExpression-role"],
        CK.role,
    ),
    (
        "time-with-bad-normalized",
        _set(TIME_EXPRESSION, CK.normalized, Literal("3月15日")),
        TIME_EXPRESSION,
        SHAPES["TimeExpression-normalized"],
        CK.normalized,
    ),
    (
        "quantity-with-bad-comparator",
        _set(QUANTITY, CK.comparator, Literal("≥")),
        QUANTITY,
        SHAPES["Quantity-comparator"],
        CK.comparator,
    ),
    ("quantity-without-unit", _drop(QUANTITY, CK.unit), QUANTITY, SHAPES["Quantity-unit"], CK.unit),
    ("actor-without-label", _drop(ACTOR, ns.RDFS.label), ACTOR, SHAPES.label, ns.RDFS.label),
    ("actor-not-typed-directly", _untyped_actor, ACTOR, SHAPES["Actor-type"], ns.RDF.type),
    (
        "document-without-identifier",
        _drop(DOC, ns.DCTERMS.identifier),
        DOC,
        SHAPES["Document-identifier"],
        ns.DCTERMS.identifier,
    ),
    (
        "confidence-above-one",
        _set(REQUIREMENT, CK.confidence, Literal(Decimal("1.5"))),
        REQUIREMENT,
        SHAPES["Requirement-confidence"],
        CK.confidence,
    ),
    (
        "confidence-not-decimal",
        _set(REQUIREMENT, CK.confidence, Literal(0.5)),
        REQUIREMENT,
        SHAPES["Requirement-confidence"],
        CK.confidence,
    ),
    (
        "requirement-without-rule",
        _drop(REQUIREMENT, CK.rule),
        REQUIREMENT,
        SHAPES["Requirement-rule"],
        CK.rule,
    ),
    (
        "responsible-actor-not-actor",
        _add(REQUIREMENT, CK.responsibleActor, STAGE),
        REQUIREMENT,
        SHAPES["Requirement-responsibleActor"],
        CK.responsibleActor,
    ),
    (
        "reports-to-non-actor",
        _add(ACTOR, CK.reportsTo, STAGE),
        STAGE,
        SHAPES.ActorRelationObject,
        None,
    ),
    (
        "precedes-from-requirement",
        _add(REQUIREMENT, CK.precedes, STAGE),
        REQUIREMENT,
        SHAPES.PrecedesEnd,
        None,
    ),
    ("depends-on-document", _add(REQUIREMENT, CK.dependsOn, DOC), DOC, SHAPES.DependsOnEnd, None),
    (
        "reified-edge-not-asserted",
        _unasserted_edge,
        ASSERTION,
        SHAPES["RelationAssertion-asserted"],
        None,
    ),
    (
        "stage-without-mention",
        _drop(STAGE, CK.mentionedIn),
        STAGE,
        SHAPES.mentionedIn,
        CK.mentionedIn,
    ),
]


def test_mini_graph_conforms(shapes: Graph, ontology: Graph) -> None:
    conforms, report = validate(build_mini_graph(), shapes, ontology)
    assert conforms, report.serialize(format="turtle")


@pytest.mark.parametrize(
    ("breakage", "focus", "shape", "path"),
    [pytest.param(*row[1:], id=row[0]) for row in BROKEN],
)
def test_broken_graph_violates_expected_shape(
    shapes: Graph,
    ontology: Graph,
    breakage: Breakage,
    focus: URIRef,
    shape: URIRef,
    path: URIRef | None,
) -> None:
    graph = build_mini_graph()
    breakage(graph)
    conforms, report = validate(graph, shapes, ontology)
    assert not conforms
    assert (focus, shape, path) in results(report)


def test_every_class_has_a_shape(shapes: Graph, ontology: Graph) -> None:
    targeted = set(shapes.objects(None, ns.SH.targetClass))
    actor_subclasses = set(ontology.subjects(ns.RDFS.subClassOf, CK.Actor))
    classes = {c for c in ontology.subjects(ns.RDF.type, ns.OWL.Class) if c in CK}
    assert classes - actor_subclasses - targeted == set()


def test_every_shape_reference_is_defined(shapes: Graph) -> None:
    referenced = {s for s in shapes.objects(None, ns.SH.property) if isinstance(s, URIRef)}
    undefined = {s for s in referenced if shapes.value(s, ns.SH.path) is None}
    assert undefined == set()
