"""GraphML and GEXF exports of the build's NetworkX projection.

The projection keeps the typed entities (documents, actors, stages, steps,
time expressions, requirements, quantities, kinds, campaigns) as nodes and the
object properties between them as edges; evidence nodes and reified relation
assertions stay in the RDF. Every attribute is a string, so Gephi and yEd
open the files: ``label``, ``type`` (the main class), ``types`` (all classes,
``;``-joined) and ``iri`` on nodes; ``label`` (the property's local name) and
``predicate`` (its IRI) on edges.

Examples
--------
>>> import pyoxigraph as ox
>>> from ontology.namespaces import CK, RDF, RDFS
>>> n = lambda u: ox.NamedNode(str(u))
>>> a, r = ox.NamedNode("http://e/a"), ox.NamedNode("http://e/r")
>>> g = project([(a, n(RDF.type), n(CK.Actor)), (a, n(RDFS.label), ox.Literal("区委")),
...              (r, n(RDF.type), n(CK.Requirement)), (r, n(CK.responsibleActor), a)])
>>> g.nodes["http://e/a"]["label"], g.nodes["http://e/a"]["type"]
('区委', 'Actor')
>>> list(g.edges(keys=True))
[('http://e/r', 'http://e/a', 'responsibleActor')]
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from kg.graph import schema
from ontology.namespaces import CK, OA, RDF

LEFT_OUT = {str(CK.Evidence), str(CK.RelationAssertion), str(RDF.Statement)}
TYPE_ORDER = [c.iri for c in schema.CLASSES]
LABEL_PROPERTIES = [str(p) for p in schema.LABEL_PROPERTIES]
QUOTE_MAX = 80


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    Examples
    --------
    >>> local_name("https://w3id.org/campaign-kg/ontology#Actor")
    'Actor'
    """
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def _main_type(types: list[str]) -> str:
    for t in TYPE_ORDER:
        if str(t) in types:
            return local_name(str(t))
    return local_name(types[0]) if types else ""


def _index(triples: Iterable) -> dict[str, dict[str, list]]:
    idx: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if isinstance(s, ox.NamedNode):
            idx[s.value][p.value].append(o)
    return idx


def _first_value(props: dict[str, list], prop: str) -> str | None:
    values = sorted(o.value for o in props.get(prop, []) if isinstance(o, ox.Literal))
    return values[0] if values else None


def node_label(iri: str, idx: dict[str, dict[str, list]]) -> str:
    """A display label: rdfs:label, skos:prefLabel, the file name, the quote, or the IRI's end."""
    props = idx.get(iri, {})
    for prop in LABEL_PROPERTIES:
        value = _first_value(props, prop)
        if value is not None:
            return value
    if str(CK.comparator) in props:
        parts = [_first_value(props, str(p)) or "" for p in (CK.comparator, CK.value, CK.unit)]
        return " ".join(x for x in parts if x)
    for ev in sorted(o.value for o in props.get(str(CK.evidence), [])):
        quote = _first_value(idx.get(ev, {}), str(OA.exact))
        if quote is not None:
            return quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1] + "…"
    return local_name(iri)


def project(triples: Iterable) -> nx.MultiDiGraph:
    """The typed entities and the object-property edges between them, in sorted order."""
    triples = list(triples)
    idx = _index(triples)
    rdf_type = str(RDF.type)
    types = {
        s: sorted(o.value for o in props.get(rdf_type, []) if isinstance(o, ox.NamedNode))
        for s, props in idx.items()
    }
    nodes = sorted(s for s, ts in types.items() if ts and not LEFT_OUT.intersection(ts))
    keep = set(nodes)
    g = nx.MultiDiGraph()
    for s in nodes:
        g.add_node(
            s,
            label=node_label(s, idx),
            type=_main_type(types[s]),
            types=";".join(local_name(t) for t in types[s]),
            iri=s,
        )
    edges = sorted(
        (s.value, p.value, o.value)
        for s, p, o in triples
        if p.value != rdf_type
        and isinstance(o, ox.NamedNode)
        and s.value in keep
        and o.value in keep
    )
    for s, p, o in edges:
        g.add_edge(s, o, key=local_name(p), label=local_name(p), predicate=p)
    return g


def write_graph(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """Serialize the projection as ``graphml`` or ``gexf`` (no timestamps: byte-stable)."""
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
NODE_ATTRIBUTES = ("type", "types", "iri")
EDGE_ATTRIBUTES = ("predicate",)


def write_gexf(graph: nx.MultiDiGraph) -> bytes:
    """The projection as GEXF 1.2 (valid against the 1.2draft XML Schema), for Gephi.

    Nodes keep their IRI as id and their ``label``; ``type``, ``types`` and
    ``iri`` are string attributes. Edges are numbered in order, with the
    property's local name as ``label`` and its IRI as the ``predicate``
    attribute. Written here rather than by NetworkX, whose writer adds a
    ``name`` attribute the schema does not allow and its internal edge keys
    (``networkx_key``).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("http://e/a", label="区委", type="Actor", types="Actor", iri="http://e/a")
    >>> print(write_gexf(g).decode().splitlines()[1])
    <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
    """
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": "1.2"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "campaign-kg"
    g = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    for cls, names in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(g, "attributes", {"class": cls, "mode": "static"})
        for name in names:
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": "string"})
    nodes = ET.SubElement(g, "nodes", {"count": str(graph.number_of_nodes())})
    for n, data in graph.nodes(data=True):
        node = ET.SubElement(nodes, "node", {"id": n, "label": data.get("label", n)})
        _attvalues(node, data, NODE_ATTRIBUTES)
    edges = ET.SubElement(g, "edges", {"count": str(graph.number_of_edges())})
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        attrs = {"id": str(i), "source": u, "target": v}
        if data.get("label"):
            attrs["label"] = data["label"]
        _attvalues(ET.SubElement(edges, "edge", attrs), data, EDGE_ATTRIBUTES)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _attvalues(parent: ET.Element, data: dict, names: tuple[str, ...]) -> None:
    values = [(name, data[name]) for name in names if data.get(name) not in (None, "")]
    if values:
        box = ET.SubElement(parent, "attvalues")
        for name, value in values:
            ET.SubElement(box, "attvalue", {"for": name, "value": str(value)})
