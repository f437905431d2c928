"""The one place where IRIs of instances are minted.

IRIs are stable: they derive from content (document name, labels, spans),
never from counters or run order, so the same input always yields the same
graph. Document-bound facts (requirements, time expressions, evidence) are
named by document and span; actors, stages and steps by label and scope.

Examples
--------
>>> str(document_iri("a.txt"))
'https://w3id.org/campaign-kg/id/doc/a.txt'
>>> str(requirement_iri("a.txt", "3-9"))
'https://w3id.org/campaign-kg/id/req/a.txt/3-9'
>>> actor_iri("党员", scope="global") == actor_iri("党员", scope="global", document="b.txt")
True
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef

from ontology.namespaces import ID

KEY_MAX = 200
"""Longest document key kept whole in an IRI; a longer one is cut and ends with its hash."""


def _key(name: str) -> str:
    """``name`` percent-encoded for a path segment, bounded in length.

    A key longer than :data:`KEY_MAX` keeps its first ``KEY_MAX`` characters
    (never half an escape) and gets ``~`` and a hash of the whole name, so
    it is longer than any whole key and cannot equal one: a 1 MB JSON Lines
    id does not make every IRI of its document 1 MB long.

    Examples
    --------
    >>> len(_key("x" * 10**6)), _key("x" * 10**6) == _key("x" * (10**6 + 1))
    (217, False)
    """
    key = quote(name, safe="")
    if len(key) <= KEY_MAX:
        return key
    head = key[:KEY_MAX]
    cut = head.rfind("%", KEY_MAX - 2)
    if cut >= 0:  # do not end inside a %XX escape
        head = head[:cut]
    return f"{head}~{_h('key', name)}"


def _h(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def document_iri(name: str) -> URIRef:
    """IRI of the ``ck:Document`` for file ``name``."""
    return ID[f"doc/{_key(name)}"]


def graph_iri(name: str) -> URIRef:
    """IRI of the named graph that holds document ``name``'s facts."""
    return ID[f"graph/{_key(name)}"]


# Outside the graph/ space of documents, so no document name can collide with it.
ONTOLOGY_GRAPH = ID["vocabulary/ontology"]


def actor_iri(
    label: str, *, scope: str = "local", jurisdiction: str | None = None, document: str = ""
) -> URIRef:
    """IRI of an actor: global ones by label; local ones by jurisdiction (or document) and label."""
    if scope == "global":
        return ID[f"actor/{_h('global', label)}"]
    where = f"j:{jurisdiction}" if jurisdiction else f"d:{document}"
    return ID[f"actor/{_h('local', where, label)}"]


def actor_kind_iri(kind: str) -> URIRef:
    """IRI of the generic actor type (``ck:ActorKind``), e.g. 督导组."""
    return ID[f"kind/{_h('kind', kind)}"]


def campaign_iri(label: str) -> URIRef:
    """IRI of a campaign (``ck:Campaign``), by its name."""
    return ID[f"campaign/{_h('campaign', label)}"]


def stage_iri(label: str, document: str) -> URIRef:
    """IRI of a document's stage (each document has its own; ``phase_kind_iri`` joins them)."""
    return ID[f"stage/{_key(document)}/{_h('stage', label)}"]


def step_iri(label: str, document: str) -> URIRef:
    """IRI of a document's step (each document has its own; ``phase_kind_iri`` joins them)."""
    return ID[f"step/{_key(document)}/{_h('step', label)}"]


def phase_kind_iri(kind: str, label: str) -> URIRef:
    """IRI of the generic stage or step (``ck:PhaseKind``) shared across documents."""
    return ID[f"phase/{_h(kind, label)}"]


def time_iri(document: str, key: str) -> URIRef:
    """IRI of a time expression, by document and span key ``"start-end"``."""
    return ID[f"time/{_key(document)}/{key}"]


def requirement_iri(document: str, key: str) -> URIRef:
    """IRI of a requirement, by document and span key ``"start-end"``."""
    return ID[f"req/{_key(document)}/{key}"]


def quantity_iri(document: str, requirement_key: str, index: int) -> URIRef:
    """IRI of the ``index``-th quantity of a requirement."""
    return ID[f"qty/{_key(document)}/{requirement_key}/{index}"]


def evidence_iri(document: str, start: int, end: int) -> URIRef:
    """IRI of an evidence node (document + character span)."""
    return ID[f"ev/{_key(document)}/{start}-{end}"]


def relation_iri(document: str, rel_type: str, source: str, target: str) -> URIRef:
    """IRI of a reified relation assertion (carries rule, confidence and evidence)."""
    return ID[f"rel/{_key(document)}/{_h(rel_type, source, target)}"]


def correction_iri(correction_id: str) -> URIRef:
    """IRI of an analyst's correction (a ``ck:Correction``, a ``prov:Activity``), by its id."""
    return ID[f"correction/{_key(correction_id)}"]


def agent_iri(name: str) -> URIRef:
    """IRI of the person who made corrections (a ``prov:Agent``), by name."""
    return ID[f"agent/{_h('agent', name)}"]


def corrected_quantity_iri(correction_id: str, index: int) -> URIRef:
    """IRI of the ``index``-th quantity a correction gives a requirement."""
    return ID[f"qty/correction/{_key(correction_id)}/{index}"]


def local_name(iri: str) -> str:
    """The end of an IRI, after its last ``#`` or ``/`` (a bare name stays as it is).

    Examples
    --------
    >>> local_name("https://w3id.org/campaign-kg/ontology#obligation"), local_name("deadline")
    ('obligation', 'deadline')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
