"""What a finished graph's nodes are, in one table: class -> kind, and what names them.

Every reader of a built graph (the NetworkX projection, GraphML/GEXF and CSV export,
the HTML views, the summary's counts) takes its class-to-kind map from
:data:`CLASSES`, in this order, rather than keeping its own. Adding a class of
node to the graph is one row here (and its terms in ``ontology/``).

Examples
--------
>>> [c.kind for c in CLASSES if c.view]
['Document', 'Actor', 'Stage', 'Step', 'TimeExpression', 'Requirement']
>>> KINDS[CK.Requirement].view, KINDS[CK.RelationAssertion].kind
('requirement', 'Relation')
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from ontology.namespaces import CK, DCTERMS, RDFS, SKOS


@dataclass(frozen=True)
class NodeClass:
    """One class of node of a built graph.

    Attributes
    ----------
    iri : URIRef
        The class (``rdf:type`` of its nodes).
    kind : str
        Its name as a node type: the projection's ``type``, the export's main type,
        the key of the summary's and the manifest's counts.
    view : str or None
        Its kind in the HTML views (which draw only the classes that have one).
    counted : bool
        Counted per document in the manifest and ``summary.md``.
    """

    iri: URIRef
    kind: str
    view: str | None = None
    counted: bool = False


CLASSES: tuple[NodeClass, ...] = (
    NodeClass(CK.Document, "Document", "document", counted=True),
    NodeClass(CK.Actor, "Actor", "actor", counted=True),
    NodeClass(CK.Stage, "Stage", "stage", counted=True),
    NodeClass(CK.Step, "Step", "step", counted=True),
    NodeClass(CK.PhaseKind, "PhaseKind"),
    NodeClass(CK.TimeExpression, "TimeExpression", "time", counted=True),
    NodeClass(CK.Requirement, "Requirement", "requirement", counted=True),
    NodeClass(CK.Quantity, "Quantity", counted=True),
    NodeClass(CK.ActorKind, "ActorKind"),
    NodeClass(CK.Campaign, "Campaign"),
    NodeClass(CK.RelationAssertion, "Relation", counted=True),
)
"""The classes of node, in the order a node with several types takes its main one."""

KINDS: dict[URIRef, NodeClass] = {c.iri: c for c in CLASSES}
"""Class IRI -> its row of :data:`CLASSES`."""

VIEWED: tuple[NodeClass, ...] = tuple(c for c in CLASSES if c.view)
"""The classes the projection and the views hold as nodes (the others are folded away)."""

LABEL_PROPERTIES: tuple[URIRef, ...] = (RDFS.label, SKOS.prefLabel, DCTERMS.identifier)
"""Where a node's display label comes from, first found first."""

NAME_PROPERTIES: tuple[URIRef, ...] = (RDFS.label, SKOS.altLabel)
"""What a node is called by (its label and its aliases), as names are matched."""
