"""The quads the projection reads: from a build's N-Quads file or from a store.

A source is any iterable of :data:`Quad` tuples; :func:`kg.nx.stream.save_streamed`
(and :func:`kg.nx.projection.project_quads`) project whatever they are given. The
two here read a build: :func:`nquads_quads` its ``graph.nq`` (lazily, in file
order), :func:`store_quads` its store (predicate by predicate). Both give only
the quads of :data:`PREDICATES`, the predicates the projection reads.

Examples
--------
>>> import tempfile, pathlib
>>> from ontology.namespaces import RDFS
>>> f = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
>>> _ = f.write_text(f'<http://e/s> <{RDFS.label}> "x" <http://e/g> .\\n', encoding="utf-8")
>>> [q[2] for q in nquads_quads(f)]
['x']
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.store import Value, term_value
from kg.nx import projection as P
from ontology.namespaces import CK, OA, RDF, SKOS

Quad = tuple[str, str, Value, str]
"""``(subject, predicate IRI, object, graph IRI)``, terms as
:func:`kg.graph.store.iter_predicate` gives them."""

EDGES = P.LINKS + P.RELATIONS
"""The keys of the edges (object properties between nodes)."""
EVIDENCE = ((CK.document, "document"), (OA.start, "start"), (OA.end, "end"), (OA.exact, "quote"))
QUANTITY = ((CK.comparator, "comparator"), (CK.value, "value"), (CK.unit, "unit"))
PARTS = (RDF.subject, RDF.predicate, RDF.object)
PREDICATES: tuple[str, ...] = tuple(
    dict.fromkeys(
        str(p)
        for p in (
            RDF.type,
            *(p for p, _ in P.LITERALS),
            CK.modality,
            CK.role,
            SKOS.prefLabel,
            CK.actorKind,
            CK.quantity,
            CK.evidence,
            *(p for p, _ in EVIDENCE),
            *(p for p, _ in QUANTITY),
            *PARTS,
            *(CK[name] for name in EDGES),
            *(p for p, _ in P.DETAIL),
        )
    )
)
"""Every predicate the projection reads; the staging table numbers them in this order."""
CODE = {p: i for i, p in enumerate(PREDICATES)}
"""Predicate IRI -> its number in the staging table."""


def code(p: Any) -> int:
    """The staging table's number of the predicate ``p`` (one of :data:`PREDICATES`).

    Examples
    --------
    >>> from ontology.namespaces import RDF
    >>> code(RDF.type)
    0
    """
    return CODE[str(p)]


def nquads_quads(path: Path) -> Iterator[Quad]:
    """The quads of an N-Quads file the build wrote, in file order (default graph skipped)."""
    # lenient: the build's own serializer wrote it (the store's load still validates)
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True):
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph) or q.predicate.value not in CODE:
            continue
        yield (
            term_value(q.subject),  # type: ignore[misc]
            q.predicate.value,
            term_value(q.object),  # type: ignore[arg-type]
            g.value,
        )


def store_quads(store: ox.Store) -> Iterator[Quad]:
    """The quads the projection reads from a store, predicate by predicate."""
    onto = str(iri.ONTOLOGY_GRAPH)
    from kg.graph.store import iter_predicate

    for p in PREDICATES:
        for s, o, g in iter_predicate(store, p):
            if g != onto:
                yield s, p, o, g  # type: ignore[misc]
