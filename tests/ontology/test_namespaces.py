"""The closed ``CK`` namespace matches ``campaign.ttl`` both ways; every term is labelled."""

from __future__ import annotations

import doctest

import pytest
from rdflib import Graph, Literal, URIRef

import ontology.namespaces as ns
from ontology.namespaces import (
    CK,
    OA,
    PPLAN,
    context_path,
    load_ontology,
    ontology_path,
    shapes_path,
)

DECLARATIONS = (
    ns.OWL.Class,
    ns.OWL.ObjectProperty,
    ns.OWL.DatatypeProperty,
    ns.OWL.AnnotationProperty,
    ns.OWL.NamedIndividual,
)

# The terms DOMAIN.md section 4 fixes, with the declaration each must have.
CONTRACT: list[tuple[str, URIRef]] = [
    ("Document", ns.OWL.Class),
    ("Actor", ns.OWL.Class),
    ("Stage", ns.OWL.Class),
    ("Step", ns.OWL.Class),
    ("TimeExpression", ns.OWL.Class),
    ("Requirement", ns.OWL.Class),
    ("mentionedIn", ns.OWL.ObjectProperty),
    ("evidence", ns.OWL.ObjectProperty),
    ("document", ns.OWL.ObjectProperty),
    ("role", ns.OWL.ObjectProperty),
    ("modality", ns.OWL.ObjectProperty),
    ("responsibleActor", ns.OWL.ObjectProperty),
    ("stage", ns.OWL.ObjectProperty),
    ("deadline", ns.OWL.ObjectProperty),
    ("quantity", ns.OWL.ObjectProperty),
    ("reportsTo", ns.OWL.ObjectProperty),
    ("approves", ns.OWL.ObjectProperty),
    ("supervises", ns.OWL.ObjectProperty),
    ("subOrganizationOf", ns.OWL.ObjectProperty),
    ("precedes", ns.OWL.ObjectProperty),
    ("dependsOn", ns.OWL.ObjectProperty),
    ("normalized", ns.OWL.DatatypeProperty),
    ("comparator", ns.OWL.DatatypeProperty),
    ("value", ns.OWL.DatatypeProperty),
    ("unit", ns.OWL.DatatypeProperty),
    ("obligation", ns.OWL.NamedIndividual),
    ("prohibition", ns.OWL.NamedIndividual),
    ("permission", ns.OWL.NamedIndividual),
    ("exhortation", ns.OWL.NamedIndividual),
    ("deadline", ns.OWL.NamedIndividual),
    ("schedule", ns.OWL.NamedIndividual),
    ("event", ns.OWL.NamedIndividual),
]

ONTOLOGY: Graph = load_ontology()
CK_TERMS: list[URIRef] = sorted(dir(CK))  # a DefinedNamespace lists its terms as IRIs
DESCRIBED = (ns.RDFS.label, ns.SKOS.definition)


def declared_ck_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for kind in DECLARATIONS
        for s in graph.subjects(ns.RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(CK._NS))
    }


def test_every_ck_term_is_declared_in_the_ontology() -> None:
    assert set(CK_TERMS) - declared_ck_terms(ONTOLOGY) == set()


def test_every_declared_term_is_in_ck() -> None:
    assert {t for t in declared_ck_terms(ONTOLOGY) if t not in CK} == set()


@pytest.mark.parametrize("lookup", [lambda: CK.Nonexistent, lambda: CK["Nonexistent"]])
def test_ck_is_closed(lookup) -> None:
    with pytest.raises(AttributeError):
        lookup()


@pytest.mark.parametrize("namespace", [OA, PPLAN])
def test_helper_namespaces_are_closed(namespace) -> None:
    with pytest.raises(AttributeError):
        _ = namespace.Nonexistent


@pytest.mark.parametrize(("name", "kind"), CONTRACT, ids=[f"{n}-{k.fragment}" for n, k in CONTRACT])
def test_contract_term_is_declared(name: str, kind: URIRef) -> None:
    assert (CK[name], ns.RDF.type, kind) in ONTOLOGY


@pytest.mark.parametrize("predicate", DESCRIBED, ids=["label", "definition"])
@pytest.mark.parametrize("term", CK_TERMS, ids=[t.fragment for t in CK_TERMS])
def test_term_is_described_in_chinese_and_english(term: URIRef, predicate: URIRef) -> None:
    languages = sorted(
        o.language or "" for o in ONTOLOGY.objects(term, predicate) if isinstance(o, Literal)
    )
    assert languages == ["en", "zh"]


@pytest.mark.parametrize("locate", [ontology_path, shapes_path, context_path])
def test_data_file_ships_with_the_package(locate) -> None:
    assert locate().is_file()


def test_docstring_examples_run() -> None:
    failures, tried = doctest.testmod(ns, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0
