"""Read a build's projection into the :class:`~kg.html.model.ViewGraph` the views draw.

The views read the saved NetworkX projection (:mod:`kg.nx.cache`), with its
detail (:mod:`kg.nx.stream_detail`): every quote of every node, every value of
its facts, the extraction rule and confidence of each. :func:`view_graph`
turns such a graph into the view model; :func:`read_view_graph` reads a
build's.

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

from pathlib import Path

import networkx as nx

from kg.graph import schema
from kg.html.model import ACTOR_TYPES, RELATIONS, Quote, ViewEdge, ViewGraph, ViewNode
from kg.nx.cache import open_projection

VIEW_KINDS: dict[str, str] = {c.kind: c.view for c in schema.VIEWED if c.view}
"""Projection node ``type`` -> kind in the views."""
LINKS: frozenset[str] = frozenset(name for name in RELATIONS if name != "mentionedIn")
"""The edge keys drawn as edges (documents are linked from ``mentionedIn``)."""
ATTRIBUTE_NAMES: dict[str, str] = {
    "aliases": "别名",
    "title": "标题",
    "date": "讲话日期",
    "year": "年份",
    "level": "层级",
    "scope": "范围",
    "jurisdiction": "辖区",
    "position": "职务",
    "normalized": "规范值",
    "role": "时间角色",
    "modality": "情态",
    "rule": "规则",
    "confidence": "置信度",
}
"""Key of a node's ``detail`` (:data:`kg.nx.projection.DETAIL`) -> its name in the side panel."""
VALUE_NAMES: dict[str, str] = {
    "obligation": "义务",
    "prohibition": "禁止",
    "permission": "允许",
    "exhortation": "倡导",
    "deadline": "期限",
    "schedule": "安排",
    "event": "事件",
}
"""Names of the values of ``modality`` and ``role`` (the ``ck:`` terms' local names)."""
_NAMED = ("modality", "role")


def _value_text(key: str, v: object) -> str:
    if key in _NAMED and isinstance(v, str):
        return VALUE_NAMES.get(v, v)
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def read_view_graph(build_dir: Path) -> ViewGraph:
    """The drawable graph of the build in ``build_dir``, from its saved projection.

    Raises
    ------
    kg.graph.store.StoreError
        When ``build_dir`` holds no build.
    """
    p = open_projection(Path(build_dir))
    try:
        G = p.graph(detail=True)
    finally:
        p.close()
    return view_graph(G)


def view_graph(G: nx.MultiDiGraph) -> ViewGraph:
    """The drawable graph of a projection loaded with ``detail=True``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("d", type="Document", label="a.txt", name="a.txt")
    >>> G.add_node("x", type="Actor", label="党委", detail=(("scope", "global"),),
    ...            evidence=(("a.txt", 0, 2, "党委"),))
    >>> _ = G.add_edge("x", "d", key="mentionedIn")
    >>> n = view_graph(G).nodes["x"]
    >>> n.props, n.docs, [q.text for q in n.quotes]
    ([('范围', 'global')], ['a.txt'], ['党委'])
    """
    g = ViewGraph()
    nodes = G.nodes
    for i, d in nodes(data=True):
        kind = VIEW_KINDS.get(d.get("type", ""))
        if kind is None:
            continue
        label = d.get("name") or (d["label"] if d.get("label", i) != i else "")
        n = ViewNode(i, kind, str(label))
        g.add_node(n)
        for key, value in d.get("detail", ()):
            if key == "actor_type":
                if value in ACTOR_TYPES:
                    n.props.append(("类型", ACTOR_TYPES[value]))
                continue
            if key == "aliases":
                n.aliases.append(str(value))
            n.props.append((ATTRIBUTE_NAMES[key], _value_text(key, value)))
        n.quotes.extend(Quote(*q) for q in d.get("evidence", ()))
        for c, v, u in d.get("quantities", ()):
            if c is not None and u is not None:
                value = "?" if v is None else _value_text("value", v)
                n.props.append(("数量", f"{c} {value} {u}"))
    for u, v, k in G.edges(keys=True):
        if k == "mentionedIn":
            n = g.nodes.get(u)
            if n is not None and n.kind != "document":
                n.docs.append(nodes[v]["label"])
        elif k in LINKS:
            g.add_edge(ViewEdge(u, v, k))
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
