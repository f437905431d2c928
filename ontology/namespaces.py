"""Namespaces of the campaign knowledge graph and access to the ontology files.

Every namespace the project uses is imported from here, never spelled out
elsewhere:

* :class:`CK`, the project's own vocabulary, a *closed* namespace whose terms are
  exactly those declared in ``campaign.ttl`` (a typo raises ``AttributeError``);
* :class:`OA` and :class:`PPLAN`, closed namespaces for the Web Annotation and
  P-Plan terms the project uses;
* :data:`ID`, under which :mod:`kg.graph.iri` (and only it) mints instance IRIs, and
  :data:`SHAPES`, the namespace of the SHACL shapes in ``shapes.ttl``;
* rdflib's ``RDF``, ``RDFS``, ``OWL``, ``XSD``, ``SKOS``, ``DCTERMS``, ``PROV``,
  ``ORG``, ``TIME``, ``ODRL2`` and ``SH``, re-exported.

The data files ship inside the package; :func:`ontology_path`,
:func:`shapes_path` and :func:`context_path` locate them and
:func:`load_ontology`, :func:`load_shapes` and :func:`load_context` read them.

Examples
--------
>>> CK.Requirement
rdflib.term.URIRef('https://w3id.org/campaign-kg/ontology#Requirement')
>>> OA.exact
rdflib.term.URIRef('http://www.w3.org/ns/oa#exact')
>>> ID["actor/x"]
rdflib.term.URIRef('https://w3id.org/campaign-kg/id/actor/x')
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    ODRL2,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "CK",
    "DCTERMS",
    "ID",
    "OA",
    "ODRL2",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PPLAN",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SHAPES",
    "SKOS",
    "TIME",
    "XSD",
    "bind_prefixes",
    "context_path",
    "load_context",
    "load_ontology",
    "load_shapes",
    "ontology_path",
    "shapes_path",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/campaign-kg/ontology")
"""IRI of the ``owl:Ontology`` in ``campaign.ttl``."""

ID = Namespace("https://w3id.org/campaign-kg/id/")
"""Namespace of instance IRIs. Only :mod:`kg.graph.iri` mints IRIs under it."""

SHAPES = Namespace("https://w3id.org/campaign-kg/shapes#")
"""Namespace of the SHACL shapes in ``shapes.ttl`` (prefix ``cksh``)."""


class CK(DefinedNamespace):
    """The campaign-kg vocabulary; exactly the terms declared in ``campaign.ttl``.

    ``deadline`` is punned: a :attr:`TimeRole` individual and the property from a
    requirement to its deadline.

    Examples
    --------
    >>> CK.deadline
    rdflib.term.URIRef('https://w3id.org/campaign-kg/ontology#deadline')
    >>> CK.Nonexistent
    Traceback (most recent call last):
    ...
    AttributeError: term 'Nonexistent' not in namespace 'https://w3id.org/campaign-kg/ontology#'
    """

    _NS = Namespace("https://w3id.org/campaign-kg/ontology#")
    _fail = True

    # Classes
    Document: URIRef
    Actor: URIRef
    PartyCommittee: URIRef
    LeadingGroup: URIRef
    CampaignOffice: URIRef
    SupervisoryGroup: URIRef
    GovernmentBody: URIRef
    PartyBranch: URIRef
    MemberGroup: URIRef
    Person: URIRef
    Public: URIRef
    ActorKind: URIRef
    PhaseKind: URIRef
    Stage: URIRef
    Step: URIRef
    TimeExpression: URIRef
    Requirement: URIRef
    Quantity: URIRef
    Evidence: URIRef
    Modality: URIRef
    TimeRole: URIRef
    RelationAssertion: URIRef
    Campaign: URIRef

    # Individuals (ck:deadline is also an object property)
    obligation: URIRef
    prohibition: URIRef
    permission: URIRef
    exhortation: URIRef
    deadline: URIRef
    schedule: URIRef
    event: URIRef

    # Object properties
    mentionedIn: URIRef
    evidence: URIRef
    document: URIRef
    role: URIRef
    modality: URIRef
    responsibleActor: URIRef
    stage: URIRef
    quantity: URIRef
    reportsTo: URIRef
    approves: URIRef
    supervises: URIRef
    subOrganizationOf: URIRef
    precedes: URIRef
    dependsOn: URIRef
    actorKind: URIRef
    phaseKind: URIRef
    inStage: URIRef
    issuer: URIRef
    campaign: URIRef

    # Datatype properties
    normalized: URIRef
    comparator: URIRef
    value: URIRef
    unit: URIRef
    level: URIRef
    jurisdiction: URIRef
    scope: URIRef
    rule: URIRef
    confidence: URIRef
    sha256: URIRef
    encoding: URIRef
    mediaType: URIRef
    speechDate: URIRef
    year: URIRef
    batch: URIRef
    position: URIRef
    excludedCharacters: URIRef
    extractorVersion: URIRef


class OA(DefinedNamespace):
    """The Web Annotation terms the project uses.

    Examples
    --------
    >>> OA.TextPositionSelector
    rdflib.term.URIRef('http://www.w3.org/ns/oa#TextPositionSelector')
    """

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    start: URIRef
    end: URIRef
    exact: URIRef
    hasSource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef


class PPLAN(DefinedNamespace):
    """The P-Plan terms the ontology aligns to.

    Examples
    --------
    >>> PPLAN.MultiStep
    rdflib.term.URIRef('http://purl.org/net/p-plan#MultiStep')
    """

    _NS = Namespace("http://purl.org/net/p-plan#")
    _fail = True

    Plan: URIRef
    Step: URIRef
    MultiStep: URIRef
    isStepOfPlan: URIRef
    isPrecededBy: URIRef
    isDecomposedAsPlan: URIRef


PREFIXES: dict[str, Namespace] = {
    "ck": CK._NS,
    "cksh": SHAPES,
    "oa": OA._NS,
    "pplan": PPLAN._NS,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "org": Namespace(str(ORG)),
    "time": Namespace(str(TIME)),
    "odrl": Namespace(str(ODRL2)),
    "sh": Namespace(str(SH)),
}
"""Prefix bindings used when serializing the project's graphs."""


def _resource(name: str) -> Path:
    """Return the path of a data file shipped in this package."""
    return Path(str(files(__package__ or "ontology").joinpath(name)))


def ontology_path() -> Path:
    """Return the path of ``campaign.ttl``, the OWL ontology.

    Returns
    -------
    pathlib.Path
        The file inside the installed package.

    Examples
    --------
    >>> ontology_path().name
    'campaign.ttl'
    >>> ontology_path().is_file()
    True
    """
    return _resource("campaign.ttl")


def shapes_path() -> Path:
    """Return the path of ``shapes.ttl``, the SHACL shapes.

    Returns
    -------
    pathlib.Path
        The file inside the installed package.

    Examples
    --------
    >>> shapes_path().name
    'shapes.ttl'
    """
    return _resource("shapes.ttl")


def context_path() -> Path:
    """Return the path of ``context.jsonld``, the JSON-LD context.

    Returns
    -------
    pathlib.Path
        The file inside the installed package.

    Examples
    --------
    >>> context_path().name
    'context.jsonld'
    """
    return _resource("context.jsonld")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (:data:`PREFIXES`) on ``graph`` and return it.

    Parameters
    ----------
    graph : rdflib.Graph
        The graph to bind on; modified in place.

    Returns
    -------
    rdflib.Graph
        ``graph`` itself.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> g.namespace_manager.qname(CK.Actor)
    'ck:Actor'
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def load_ontology() -> Graph:
    """Parse ``campaign.ttl`` into a new graph.

    Returns
    -------
    rdflib.Graph
        A fresh graph; callers may modify it.

    Examples
    --------
    >>> g = load_ontology()
    >>> (CK.Requirement, RDF.type, OWL.Class) in g
    True
    """
    return bind_prefixes(Graph()).parse(ontology_path(), format="turtle")


def load_shapes() -> Graph:
    """Parse ``shapes.ttl`` into a new graph.

    Returns
    -------
    rdflib.Graph
        A fresh graph, ready to pass to ``pyshacl.validate(shacl_graph=...)``.

    Examples
    --------
    >>> g = load_shapes()
    >>> (SHAPES.Requirement, SH.targetClass, CK.Requirement) in g
    True
    """
    return bind_prefixes(Graph()).parse(shapes_path(), format="turtle")


def load_context() -> dict[str, Any]:
    """Read ``context.jsonld``.

    Returns
    -------
    dict
        The whole document, ``{"@context": {...}}``; pass it as the ``context``
        argument of rdflib's JSON-LD serializer.

    Examples
    --------
    >>> load_context()["@context"]["ck"]
    'https://w3id.org/campaign-kg/ontology#'
    """
    with context_path().open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data
