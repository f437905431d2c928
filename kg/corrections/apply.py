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
>>> from kg.graph.nquads import to_nquads
>>> from kg.graph.rdf import iter_quads
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

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.corrections.actions import Actions
from kg.corrections.edit import Orphaned
from kg.corrections.records import Correction
from kg.graph import iri
from kg.graph.nquads import to_nquads
from ontology.namespaces import XSD

__all__ = ["Applied", "Orphaned", "Outcome", "apply_document", "read_graph"]


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


def read_graph(nquads: str) -> Graph:
    """The triples of N-Quads text (one document's graph) as an rdflib graph.

    Parsed by pyoxigraph (the build's own N-Quads reader) and turned into
    rdflib terms: several times faster than rdflib's N-Quads parser.
    """
    g = Graph()
    add = g.add
    for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        add((_term(q.subject), URIRef(q.predicate.value), _term(q.object)))
    return g


_XSD_STRING = str(XSD.string)


def _term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    dt = t.datatype.value
    return Literal(t.value) if dt == _XSD_STRING else Literal(t.value, datatype=URIRef(dt))


def apply_document(
    nquads: str, name: str, corrections: Sequence[Correction], text: str | None = None
) -> Applied:
    """Apply ``corrections`` (in order) to the graph of document ``name``.

    Parameters
    ----------
    nquads : str
        The document's graph as N-Quads (its named graph ``kg.graph.iri.graph_iri(name)``).
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
            Actions(g, name, c, text).run()
            outcomes.append(Outcome(c))
        except Orphaned as e:
            outcomes.append(Outcome(c, str(e)))
    graph = iri.graph_iri(name)
    return Applied(to_nquads((s, p, o, graph) for s, p, o in g), tuple(outcomes))
