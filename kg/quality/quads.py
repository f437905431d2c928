"""Quads of RDF files and stores as the tuples the one projection reads.

``kg export --format graphml|gexf|csv`` and ``kg eval`` project what they read
with :func:`kg.nx.projection.project_quads`, which takes the tuples
:func:`kg.nx.stream.save_streamed` takes; :func:`quad_tuples` makes them from
pyoxigraph quads and :func:`rdf_quads` from any RDF file (a triple format's
default graph becomes the graph ``""``, whose edges name no document).

Examples
--------
>>> import pyoxigraph as ox
>>> from ontology.namespaces import CK, RDF, RDFS
>>> n = lambda u: ox.NamedNode(str(u))
>>> g = ox.NamedNode("https://w3id.org/campaign-kg/id/graph/a.txt")
>>> a, r = ox.NamedNode("http://e/a"), ox.NamedNode("http://e/r")
>>> from kg.nx.projection import project_quads
>>> G = project_quads(quad_tuples([
...     ox.Quad(a, n(RDF.type), n(CK.Actor), g), ox.Quad(a, n(RDFS.label), ox.Literal("区委"), g),
...     ox.Quad(r, n(RDF.type), n(CK.Requirement), g), ox.Quad(r, n(CK.responsibleActor), a, g)]))
>>> G.nodes["http://e/a"]["label"], sorted(G.edges(keys=True))
('区委', [('http://e/r', 'http://e/a', 'responsibleActor')])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.graph.iri import ONTOLOGY_GRAPH
from kg.graph.store import term_value
from kg.nx.stream import PREDICATES, Quad

_READ = frozenset(PREDICATES)


def quad_tuples(quads: Iterable[ox.Quad]) -> Iterator[Quad]:
    """The quads the projection reads, as its tuples (others, and the ontology's, left out).

    Examples
    --------
    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode(str(PREDICATES[0])),
    ...             ox.NamedNode("http://e/o"))
    >>> list(quad_tuples([q]))
    [('http://e/s', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://e/o', '')]
    """
    onto = str(ONTOLOGY_GRAPH)
    for q in quads:
        p = q.predicate.value
        if p not in _READ:
            continue
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        if g != onto:
            yield term_value(q.subject), p, term_value(q.object), g  # type: ignore[arg-type,misc]


def rdf_file(path: Path) -> Iterator[ox.Quad]:
    """The quads of the RDF file ``path`` in file order (format from its extension).

    Raises
    ------
    ValueError
        When the extension names no RDF format pyoxigraph reads.
    """
    path = Path(path)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise ValueError(f"{path}: not an RDF file extension ({path.suffix or 'none'})")
    return ox.parse(path=str(path), format=fmt)


def rdf_quads(path: Path) -> Iterator[Quad]:
    """The quads of the RDF file ``path`` (:func:`rdf_file`), as the projection's tuples."""
    return quad_tuples(rdf_file(path))
