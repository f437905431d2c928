"""Read a build's store into the :class:`~kg.html.model.ViewGraph` the views draw.

A small SPARQL reader (queries in ``kg/html/queries/*.rq``). The views show
what the NetworkX projection (``kg/nx/projection.py``) leaves out (every quote
of every node, where the projection keeps one per requirement or time
expression; the extraction rule and confidence of each fact), so they read the
store rather than the projection. IRIs are compared as :class:`rdflib.URIRef`
with the terms of :mod:`ontology.namespaces`, never as strings.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.build.run import build
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
>>> _ = build([d / "in"], d / "out", progress=False, views=False)
>>> g = read_view_graph(d / "out")
>>> "document" in {n.kind for n in g.nodes.values()}
True
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.graph import schema
from kg.graph.store import open_store, select
from kg.html.model import ACTOR_TYPES, RELATIONS, Quote, ViewEdge, ViewGraph, ViewNode
from ontology.namespaces import CK, DCTERMS, SKOS, XSD

CLASS_KINDS: dict[URIRef, str] = {c.iri: c.view for c in schema.VIEWED if c.view}
LINK_PROPERTIES: dict[URIRef, str] = {CK[name]: name for name in RELATIONS if name != "mentionedIn"}
ATTRIBUTE_NAMES: dict[URIRef, str] = {
    SKOS.altLabel: "别名",
    DCTERMS.title: "标题",
    CK.speechDate: "讲话日期",
    CK.year: "年份",
    CK.level: "层级",
    CK.scope: "范围",
    CK.jurisdiction: "辖区",
    CK.position: "职务",
    CK.normalized: "规范值",
    CK.role: "时间角色",
    CK.modality: "情态",
    CK.rule: "规则",
    CK.confidence: "置信度",
}
VALUE_NAMES: dict[URIRef, str] = {
    CK.obligation: "义务",
    CK.prohibition: "禁止",
    CK.permission: "允许",
    CK.exhortation: "倡导",
    CK.deadline: "期限",
    CK.schedule: "安排",
    CK.event: "事件",
}
ACTOR_CLASS_NAMES: dict[URIRef, str] = {CK[k]: v for k, v in ACTOR_TYPES.items()}


@cache
def query_text(name: str) -> str:
    """The SPARQL text of ``kg/html/queries/<name>.rq``."""
    return (files("kg.html") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def run(store: ox.Store, name: str) -> list[dict]:
    """Rows of the named query; IRIs as :class:`URIRef`, literals as Python values."""
    return [{k: _py(v) for k, v in row.items()} for row in select(store, query_text(name))]


def _py(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        dt = URIRef(term.datatype.value)
        if dt == XSD.integer:
            return int(term.value)
        if dt in (XSD.decimal, XSD.double):
            return float(term.value)
        return term.value
    return str(term)


def _value_text(v: object) -> str:
    if isinstance(v, URIRef):
        return VALUE_NAMES.get(v, str(v))
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def read_view_graph(build_dir: Path) -> ViewGraph:
    """The drawable graph of the build in ``build_dir`` (its store must exist).

    Raises
    ------
    kg.graph.store.StoreError
        When ``build_dir`` holds no build.
    """
    store = open_store(Path(build_dir))
    return view_graph_from_store(store)


def view_graph_from_store(store: ox.Store) -> ViewGraph:
    """The drawable graph of an open store (see :func:`read_view_graph`)."""
    g = ViewGraph()
    for row in run(store, "entities"):
        kind = CLASS_KINDS[row["cls"]]
        node_id = str(row["s"])
        if node_id not in g.nodes:
            g.add_node(ViewNode(node_id, kind, str(row["label"] or "")))
    nodes = g.nodes
    for row in run(store, "actor_types"):
        n = nodes.get(str(row["s"]))
        if n is not None and row["type"] in ACTOR_CLASS_NAMES:
            n.props.append(("类型", ACTOR_CLASS_NAMES[row["type"]]))
    for row in run(store, "attributes"):
        n = nodes.get(str(row["s"]))
        if n is None:
            continue
        if row["p"] == SKOS.altLabel:
            n.aliases.append(str(row["o"]))
        n.props.append((ATTRIBUTE_NAMES[row["p"]], _value_text(row["o"])))
    for row in run(store, "evidence"):
        n = nodes.get(str(row["s"]))
        if n is not None:
            n.quotes.append(Quote(row["doc"], row["start"], row["end"], row["exact"]))
    for row in run(store, "mentions"):
        n = nodes.get(str(row["s"]))
        if n is not None and n.kind != "document":
            n.docs.append(row["doc"])
    for row in run(store, "quantities"):
        n = nodes.get(str(row["s"]))
        if n is not None:
            value = "?" if row["value"] is None else _value_text(row["value"])
            n.props.append(("数量", f"{row['comparator']} {value} {row['unit']}"))
    for row in run(store, "links"):
        g.add_edge(ViewEdge(str(row["s"]), str(row["o"]), LINK_PROPERTIES[row["p"]]))
    _finish(g)
    return g


def _finish(g: ViewGraph) -> None:
    """Requirement labels from quotes, document edges, stage memberships, sorted lists."""
    doc_ids = {n.label: n.id for n in g.nodes.values() if n.kind == "document"}
    for n in g.nodes.values():
        if n.kind == "document":
            n.docs = [n.label]
        if n.kind == "requirement" and n.quotes:
            n.label = min(n.quotes, key=lambda q: (q.document, q.start)).text
        for doc in n.docs:
            if n.kind != "document" and doc in doc_ids:
                g.add_edge(ViewEdge(n.id, doc_ids[doc], "mentionedIn"))
    stage_label = {n.id: n.label for n in g.nodes.values() if n.kind == "stage"}
    stages: dict[str, set[str]] = {i: set() for i in g.nodes}
    for i, label in stage_label.items():
        stages[i].add(label)
    for e in g.edges:
        if e.relation in ("stage", "inStage") and e.target in stage_label:
            stages[e.source].add(stage_label[e.target])
    for e in g.edges:  # actors and deadlines inherit the stages of their requirements
        if e.relation in ("responsibleActor", "deadline"):
            stages[e.target] |= stages[e.source]
    for n in g.nodes.values():
        n.stages = sorted(stages[n.id])
        n.docs = sorted(set(n.docs))
        n.aliases = sorted(set(n.aliases))
        n.props = sorted(set(n.props))
        n.quotes = sorted(set(n.quotes), key=lambda q: (q.document, q.start, q.end, q.text))
    for n in g.nodes.values():  # a document belongs to the stages of what it mentions
        if n.kind != "document":
            for doc in n.docs:
                if doc in doc_ids:
                    stages[doc_ids[doc]] |= set(n.stages)
    for i in doc_ids.values():
        g.nodes[i].stages = sorted(stages[i])
