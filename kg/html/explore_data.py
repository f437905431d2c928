"""The graph that the offline ``graph.html`` carries for exploring, and the page itself.

``graph.html`` runs the workbench's explore script (``static/explore.js``, the one
``kg serve`` serves at ``/assets/explore.js``) over a graph embedded in the page:
no request is made, nothing else is needed beside the file. The page opens on an
overview (:func:`overview`: every document's stages and the actors responsible for
most requirements), then a search draws a node with its neighbours, a click
expands a node, nodes can be hidden and relation types unticked.

As on the workbench, documents are not nodes (they would join everything). Each
edge carries the documents both its ends belong to, so that "stay in the starting
node's document" (ticked by default) keeps a node shared by many documents (党员)
from leading into the others.

Examples
--------
>>> from kg.html.model import ViewEdge, ViewGraph, ViewNode
>>> g = ViewGraph()
>>> g.add_node(ViewNode("a", "actor", "党委", docs=["x.txt", "y.txt"]))
>>> g.add_node(ViewNode("r", "requirement", "党委要学习。", docs=["x.txt"]))
>>> g.add_edge(ViewEdge("r", "a", "responsibleActor"))
>>> d = explore_data(g)
>>> [n[1] for n in d["nodes"]], d["edges"], d["documents"]
(['党委', '党委要学习。'], [[1, 'responsibleActor', 0, [0]]], ['x.txt', 'y.txt'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from markupsafe import Markup

from kg.address import actor_href, actor_key, span_href
from kg.html import select
from kg.html.model import KINDS, ViewGraph, ViewNode
from kg.html.templating import inline_asset, render, static_text
from ontology.namespaces import ID

EMBED_LIMIT = 20_000
"""Above this many nodes, requirements and times are grouped (:func:`kg.html.select.aggregate`)."""
OVERVIEW_STAGES = 24
OVERVIEW_ACTORS = 16
OVERVIEW_KINDS = ("stage", "actor")
"""The kinds of node in the overview, in its order (at most :data:`OVERVIEW_STAGES`, ...)."""
OVERVIEW_RELATIONS = ("stage", "responsibleActor", "inStage")
"""The relations whose incoming edges rank a node for the overview."""
LEFT_OUT = ("document",)
"""Kinds that are not nodes of the exploration."""
EDGE_LEFT_OUT = ("mentionedIn", "issuer")
"""Relations to documents (not nodes here)."""
PROPS_LEFT_OUT = ("置信度", "规则")
"""Panel fields not embedded (the workbench reader shows them): a fifth of the page."""
BASE = str(ID[""])
"""The prefix every node IRI shares, embedded once."""


def _href(n: ViewNode) -> str:
    if n.kind == "actor" and actor_key(n.id):
        return actor_href(n.id)
    if n.quotes:
        q = n.quotes[0]
        return span_href(q.document, q.start, q.end)
    return ""


def _detail(n: ViewNode) -> str:
    """The jurisdiction, else how many documents; empty for one document (the page shows it)."""
    jurisdiction = next((v for k, v in n.props if k == "辖区"), "")
    return jurisdiction or ("" if len(n.docs) <= 1 else f"{len(n.docs)} 个文件")


def _short(iri: str) -> str:
    return iri[len(BASE) :] if iri.startswith(BASE) else iri


def pick_overview(
    candidates: Iterable[tuple[str, str, str]], degree: Mapping[str, int]
) -> list[str]:
    """The overview's nodes: stages with most requirements first, then the top actors.

    The one rule both ``graph.html`` (:func:`overview`, over its graph) and the
    workbench's ``/explore`` (over its index) apply: ``candidates`` are ``(id,
    kind, label)``, ``degree`` counts each node's incoming :data:`OVERVIEW_RELATIONS`
    (distinct edges). At most :data:`OVERVIEW_STAGES` stages and
    :data:`OVERVIEW_ACTORS` actors, whatever the size of the build; ties by label, then id.

    Examples
    --------
    >>> nodes = [("a1", "actor", "党委"), ("a2", "actor", "支部"), ("s", "stage", "学习")]
    >>> pick_overview([*nodes, ("r", "requirement", "要")], {"a2": 3, "a1": 1})
    ['s', 'a2', 'a1']
    """
    by_kind: dict[str, list[tuple[int, str, str]]] = {k: [] for k in OVERVIEW_KINDS}
    for i, kind, label in candidates:
        if kind in by_kind:
            by_kind[kind].append((-degree.get(i, 0), label, i))
    counts = dict(zip(OVERVIEW_KINDS, (OVERVIEW_STAGES, OVERVIEW_ACTORS), strict=True))
    return [i for k in OVERVIEW_KINDS for *_, i in sorted(by_kind[k])[: counts[k]]]


def overview(g: ViewGraph) -> list[str]:
    """The nodes drawn when ``graph.html`` opens (:func:`pick_overview` over ``g``)."""
    degree: dict[str, int] = {}
    for e in g.edges:
        if e.relation in OVERVIEW_RELATIONS:
            degree[e.target] = degree.get(e.target, 0) + 1
    return pick_overview(((i, n.kind, n.label) for i, n in g.nodes.items()), degree)


def explore_data(g: ViewGraph, first: list[str] | None = None) -> dict[str, Any]:
    """The embedded graph: ``nodes``, ``edges`` (by node index), ``documents``, ``overview``.

    ``first``: the overview's node ids (default :func:`overview` of ``g``).

    A node is ``[id, label, kind, detail, document index or -1, href, props]``
    (``id`` without the :data:`BASE` all share, ``base``); an edge ``[source,
    relation, target, [document indexes]]``, sorted as the server sorts them
    (relation, source, target), so both answer alike.
    """
    kept = [n for n in g.sorted_nodes() if n.kind not in LEFT_OUT]
    documents = sorted({d for n in kept for d in n.docs})
    doc_index = {d: i for i, d in enumerate(documents)}
    index = {n.id: i for i, n in enumerate(kept)}
    nodes = [
        [
            _short(n.id),
            n.label,
            n.kind,
            _detail(n),
            doc_index[n.docs[0]] if n.docs else -1,
            _href(n),
            [list(p) for p in n.props if p[0] not in PROPS_LEFT_OUT],
        ]
        for n in kept
    ]
    edges = []
    for e in sorted(g.edges, key=lambda e: (e.relation, e.source, e.target)):
        if e.relation in EDGE_LEFT_OUT or e.source not in index or e.target not in index:
            continue
        shared = set(g.nodes[e.source].docs) & set(g.nodes[e.target].docs)
        edges.append(
            [index[e.source], e.relation, index[e.target], sorted(doc_index[d] for d in shared)]
        )
    return {
        "base": BASE,
        "nodes": nodes,
        "edges": edges,
        "documents": documents,
        "overview": [index[i] for i in (overview(g) if first is None else first) if i in index],
        "kinds": {k: v.name for k, v in KINDS.items()},
    }


def _busiest(g: ViewGraph, limit: int, keep: list[str]) -> ViewGraph:
    """The ``limit`` explored nodes: ``keep``, then those with the most edges (then by id)."""
    degree: dict[str, int] = {}
    for e in g.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    first = set(keep)
    kept = [i for i, n in g.nodes.items() if n.kind not in LEFT_OUT]
    return g.subgraph(sorted(kept, key=lambda i: (i not in first, -degree.get(i, 0), i))[:limit])


def explore_body(start: str = "") -> str:
    """The explore page's elements (the same in the workbench and in ``graph.html``).

    ``start``: a node to open with instead of the overview or the empty canvas.
    """
    return (
        '<main class="explore"><section class="side">'
        '<h1>探索 Explore</h1><form id="search-form">'
        '<input type="search" id="search" placeholder="主体、阶段、环节、要求…">'
        '<button type="submit">搜索</button></form><ul id="results"></ul>'
        '<p><label><input type="checkbox" id="within" checked> 只在起点的文件内 '
        "stay in the starting node's document</label></p>"
        '<h3>关系类型 Relation types</h3><div id="types"></div>'
        '<h3>已隐藏 Hidden</h3><ul id="hidden"></ul></section>'
        '<section><p class="hint" id="status">Search a node to start; click a node to '
        "expand it.</p>"
        '<svg id="canvas" role="img" aria-label="graph"></svg></section>'
        '<aside id="panel" class="panel"><p class="hint">Click a node.</p></aside></main>'
        f'<div id="start" data-node="{escape(start, quote=True)}"></div>'
    )


def _explored(g: ViewGraph) -> int:
    return sum(1 for n in g.nodes.values() if n.kind not in LEFT_OUT)


def explore_page(g: ViewGraph, *, title: str = "知识图谱", limit: int = EMBED_LIMIT) -> str:
    """The offline explore page of ``g``; above ``limit`` nodes, grouped, then the busiest kept.

    Examples
    --------
    >>> from kg.html.model import ViewGraph, ViewNode
    >>> g = ViewGraph()
    >>> for i in range(5):
    ...     g.add_node(ViewNode(f"a{i}", "actor", f"主体{i}"))
    >>> import json, re
    >>> page = explore_page(g, limit=3)
    >>> data = json.loads(re.search(r'id="explore-data">(.*?)</script>', page).group(1))
    >>> len(data["nodes"]), "只保留连接最多的 3 个" in page
    (3, True)
    """
    notice = ""
    first = overview(g)  # before grouping: the workbench's /explore opens on the same nodes
    total = _explored(g)
    if total > limit:
        g = select.aggregate(g)
        notice = f"图中共 {total} 个节点：此文件中要求按文件和负责主体分组、时间按文件分组"
        if _explored(g) > limit:
            g = _busiest(g, limit, first)
            notice += f"，只保留连接最多的 {limit} 个"
        notice += "。逐条探索请用 kg serve 的 /explore。"
    return render(
        "explore.html.j2",
        title=title,
        notice=notice,
        body=Markup(explore_body()),
        data=explore_data(g, first),
        app_js=inline_asset(static_text("explore.js"), "script"),
        app_css=inline_asset(static_text("explore.css"), "style"),
    )
