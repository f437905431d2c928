"""The ontology parses and aligns only to the intended external vocabularies."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

import ontology.namespaces as ns
from ontology.namespaces import CK, OA, ONTOLOGY_IRI, PPLAN, load_ontology

ALIGNED: dict[str, str] = {
    "prov": str(ns.PROV),
    "org": str(ns.ORG),
    "time": str(ns.TIME),
    "skos": str(ns.SKOS),
    "oa": str(OA._NS),
    "odrl": str(ns.ODRL2),
    "p-plan": str(PPLAN._NS),
}
ALLOWED = (*ALIGNED.values(), str(ns.RDF))
ALIGNMENT_PREDICATES = (
    ns.RDFS.subClassOf,
    ns.RDFS.subPropertyOf,
    ns.OWL.equivalentClass,
    ns.OWL.equivalentProperty,
    ns.OWL.inverseOf,
    ns.SKOS.closeMatch,
    ns.SKOS.exactMatch,
)

ONTOLOGY: Graph = load_ontology()


def _external(node: object) -> bool:
    return isinstance(node, URIRef) and node not in CK


def alignment_targets(graph: Graph) -> set[URIRef]:
    """External IRIs that ck terms are aligned to, property chains included."""
    targets: set[URIRef] = set()
    for predicate in ALIGNMENT_PREDICATES:
        for s, o in graph.subject_objects(predicate):
            if s in CK and _external(o):
                targets.add(o)  # type: ignore[arg-type]
    for chain in graph.objects(None, ns.OWL.propertyChainAxiom):
        for link in Collection(graph, chain):
            inverse = graph.value(link, ns.OWL.inverseOf) if isinstance(link, BNode) else link
            if _external(inverse):
                targets.add(inverse)  # type: ignore[arg-type]
    return targets


def test_ontology_header_has_version() -> None:
    assert (ONTOLOGY_IRI, ns.RDF.type, ns.OWL.Ontology) in ONTOLOGY
    assert isinstance(ONTOLOGY.value(ONTOLOGY_IRI, ns.OWL.versionInfo), Literal)


@pytest.mark.parametrize("predicate", [ns.RDFS.subClassOf, ns.RDFS.subPropertyOf])
def test_external_super_terms_come_from_aligned_vocabularies(predicate: URIRef) -> None:
    stray = {
        o
        for s, o in ONTOLOGY.subject_objects(predicate)
        if _external(o) and not str(o).startswith(ALLOWED)
    }
    assert stray == set()


@pytest.mark.parametrize("namespace", ALIGNED.values(), ids=list(ALIGNED))
def test_vocabulary_is_used_in_an_alignment(namespace: str) -> None:
    assert any(str(t).startswith(namespace) for t in alignment_targets(ONTOLOGY))


@pytest.mark.parametrize(
    ("modality", "odrl_class"),
    [
        (CK.obligation, ns.ODRL2.Duty),
        (CK.prohibition, ns.ODRL2.Prohibition),
        (CK.permission, ns.ODRL2.Permission),
    ],
)
def test_modality_matches_odrl_rule_class(modality: URIRef, odrl_class: URIRef) -> None:
    assert (modality, ns.SKOS.closeMatch, odrl_class) in ONTOLOGY


def test_precedes_is_inverse_of_pplan_is_preceded_by() -> None:
    assert (CK.precedes, ns.OWL.inverseOf, PPLAN.isPrecededBy) in ONTOLOGY


def test_every_ck_class_reaches_an_external_class() -> None:
    classes = {c for c in ONTOLOGY.subjects(ns.RDF.type, ns.OWL.Class) if c in CK}
    unaligned = {
        c
        for c in classes
        if not any(_external(sup) for sup in ONTOLOGY.transitive_objects(c, ns.RDFS.subClassOf))
    }
    assert unaligned == {CK.Quantity}
