"""GraphML and GEXF exports of the build's NetworkX projection (:mod:`kg.nx.projection`).

The exported graph is the projection of the selected documents
(:func:`kg.nx.projection.project_quads`): documents, actors, stages, steps,
time expressions and requirements as nodes; evidence, quantities, actor kinds
and reified relations folded into their attributes. :func:`flat` turns the
projection's attributes into strings, so Gephi and yEd open the files:

* nodes: ``label``, ``type`` (``Actor``, ``Requirement``...), ``iri`` and the
  projection's other attributes (``modality``, ``quote``, ``document``,
  ``start``, ``end``, ``normalized``, ``role``, ``actor_type``, ``kind``...);
  a list is ``;``-joined (``aliases``, ``documents``), ``quantities`` are
  ``"; "``-joined texts such as ``>= 3 篇``;
* edges: ``label`` (the projection's key, e.g. ``responsibleActor``),
  ``predicate`` (its IRI) and ``documents`` (``;``-joined).

Nodes come in IRI order, edges in (source, target, label) order.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> g = flat(example_graph())
>>> g.nodes["req:1"]["type"], g.nodes["req:1"]["start"], g.nodes["req:1"]["modality"]
('Requirement', '0', 'obligation')
>>> g.edges["req:1", "actor:dd", "responsibleActor"]["predicate"]
'https://w3id.org/campaign-kg/ontology#responsibleActor'
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx

from ontology.namespaces import CK

SKIPPED = frozenset({"evidence"})
"""Projection attributes not exported (a relation's evidence stays in the RDF)."""


def text(value: Any) -> str:
    """One attribute value as a string: lists ``;``-joined, quantities as ``>= 3 篇``.

    Examples
    --------
    >>> text(("a.txt", "b.txt")), text(((">=", 3, "篇"), ("<=", 5, None))), text(12)
    ('a.txt;b.txt', '>= 3 篇; <= 5', '12')
    """
    if isinstance(value, (tuple, list)):
        if value and all(isinstance(v, (tuple, list)) for v in value):
            return "; ".join(" ".join(str(x) for x in v if x not in (None, "")) for v in value)
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


def flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projection ``G`` with string attributes only, nodes and edges sorted.

    Empty values are left out; ``iri`` is the node's IRI, ``label`` the edge's
    key and ``predicate`` its IRI in the ontology's namespace.
    """
    out = nx.MultiDiGraph()
    for n in sorted(G.nodes):
        data = G.nodes[n]
        attrs = {k: text(v) for k, v in sorted(data.items()) if k not in SKIPPED}
        attrs = {k: v for k, v in attrs.items() if v != ""}
        attrs["label"] = text(data.get("label")) or n
        attrs["iri"] = n
        out.add_node(n, **attrs)
    for u, v, k, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        attrs = {"label": k, "predicate": str(CK[k])}
        docs = text(data.get("documents", ()))
        if docs:
            attrs["documents"] = docs
        out.add_edge(u, v, key=k, **attrs)
    return out


def attribute_names(G: nx.MultiDiGraph, of: str) -> list[str]:
    """The attribute names of ``G``'s nodes (``of="node"``) or edges, sorted, ``label`` left out."""
    rows = G.nodes(data=True) if of == "node" else G.edges(data=True)
    return sorted({k for *_, d in rows for k in d} - {"label"})


def write_graph(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """Serialize a :func:`flat` graph as ``graphml`` or ``gexf`` (no timestamps: byte-stable)."""
    buf = io.BytesIO()
    if fmt == "graphml":
        unique = nx.MultiDiGraph()
        unique.add_nodes_from(graph.nodes(data=True))
        for i, (u, v, data) in enumerate(graph.edges(data=True)):
            unique.add_edge(u, v, key=f"e{i}", **data)
        nx.write_graphml_xml(unique, buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    if fmt == "gexf":
        return write_gexf(graph)
    raise ValueError(f"not a graph format: {fmt}")


GEXF_NAMESPACE = "http://www.gexf.net/1.2draft"


def write_gexf(graph: nx.MultiDiGraph) -> bytes:
    """A :func:`flat` graph as GEXF 1.2 (valid against the 1.2draft XML Schema), for Gephi.

    Nodes keep their IRI as id and their ``label``; their other attributes are
    declared string attributes. Edges are numbered in order, with ``label`` and
    the string attributes ``predicate`` and ``documents``. Written here rather
    than by NetworkX, whose writer adds a ``name`` attribute the schema does
    not allow and its internal edge keys (``networkx_key``).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("http://e/a", label="区委", type="Actor", iri="http://e/a")
    >>> print(write_gexf(g).decode().splitlines()[1])
    <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
    """
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": "1.2"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "campaign-kg"
    g = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    names = {cls: attribute_names(graph, cls) for cls in ("node", "edge")}
    for cls, declared_names in names.items():
        declared = ET.SubElement(g, "attributes", {"class": cls, "mode": "static"})
        for name in declared_names:
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": "string"})
    nodes = ET.SubElement(g, "nodes", {"count": str(graph.number_of_nodes())})
    for n, data in graph.nodes(data=True):
        node = ET.SubElement(nodes, "node", {"id": n, "label": data.get("label", n)})
        _attvalues(node, data, names["node"])
    edges = ET.SubElement(g, "edges", {"count": str(graph.number_of_edges())})
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        attrs = {"id": str(i), "source": u, "target": v}
        if data.get("label"):
            attrs["label"] = data["label"]
        _attvalues(ET.SubElement(edges, "edge", attrs), data, names["edge"])
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _attvalues(parent: ET.Element, data: dict, names: list[str]) -> None:
    values = [(name, data[name]) for name in names if data.get(name) not in (None, "")]
    if values:
        box = ET.SubElement(parent, "attvalues")
        for name, value in values:
            ET.SubElement(box, "attvalue", {"for": name, "value": str(value)})
