"""Canonical N-Quads text from rdflib terms, through pyoxigraph's serializer.

Lines are sorted, so the same quads always give the same bytes.

Examples
--------
>>> from rdflib import URIRef, Literal
>>> q = (URIRef("http://e/s"), URIRef("http://e/p"), Literal("县委", lang="zh"), URIRef("http://e/g"))
>>> to_nquads([q])
'<http://e/s> <http://e/p> "县委"@zh <http://e/g> .\\n'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_NODE_CACHE: dict[str, ox.NamedNode] = {}


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term to a pyoxigraph term."""
    if isinstance(term, URIRef):
        s = str(term)
        node = _NODE_CACHE.get(s)
        if node is None:
            node = ox.NamedNode(s)
            if len(_NODE_CACHE) < 100_000:
                _NODE_CACHE[s] = node
        return node
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unsupported term {term!r}")


def to_nquads(quads: Iterable[tuple[Node, Node, Node, URIRef]]) -> str:
    """Serialize quads as sorted N-Quads lines."""
    oxq = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quads]
    data = ox.serialize(oxq, format=ox.RdfFormat.N_QUADS)
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return "".join(line + "\n" for line in lines)
