"""The drawings of ``kg viz --focus/--doc/--types``; ``graph.html`` itself explores.

``kg build`` and ``kg viz`` without a filter write the explore page
(:mod:`kg.html.explore_data`). With a filter, the nodes it keeps are drawn
with vis-network (pyvis). Nodes are coloured and shaped by type (legend), labelled in Chinese, edges
labelled by relation; in-page filters by type, document and stage, a search
box, and a side panel with a node's properties and source quotes. Up to
:data:`PHYSICS_LIMIT` nodes the browser lays the graph out (physics, then
frozen); above it positions are computed here and physics is off; above
:data:`AGGREGATE_LIMIT` nodes, unless ``focus`` or ``doc`` narrows the graph,
requirements are grouped into an overview. Large graphs also leave out the
edges from requirements and time expressions to their document (the side
panel and the document filter still show it).

Examples
--------
>>> from kg.html.model import ViewGraph, ViewNode
>>> g = ViewGraph()
>>> g.add_node(ViewNode("a", "actor", "区委<b>"))
>>> html = render_view(g, title="测试")
>>> "区委\\\\u003cb\\\\u003e" in html and "区委<b>" not in html
True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg import atomic
from kg.address import span_href
from kg.html import select
from kg.html.explore_data import explore_page
from kg.html.layout import SATELLITES, layout
from kg.html.model import KINDS, RELATIONS, SELECTABLE_KINDS, ViewGraph, short_label
from kg.html.pyvis_adapter import render_network
from kg.html.reader import read_view_graph

PHYSICS_LIMIT = 1000
"""Above this many nodes, positions come from :func:`kg.html.layout.layout`."""
AGGREGATE_LIMIT = 3000
"""Above this many nodes (and without focus or document), draw the aggregated overview."""
QUOTES_PER_NODE = 30
"""Quotes embedded per node for the side panel (the total is shown)."""
FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"


def _options(physics: bool, large: bool) -> dict[str, Any]:
    return {
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "springLength": 120},
            "stabilization": {"enabled": physics, "iterations": 200, "updateInterval": 50},
        },
        "edges": {
            "smooth": False if large else {"type": "continuous"},
            "font": {"size": 10, "face": FONT, "color": "#555", "strokeWidth": 2},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "width": 1,
        },
        "nodes": {"font": {"face": FONT, "size": 14}},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
        },
        "layout": {"randomSeed": 7, "improvedLayout": not large},
    }


def render_view(
    g: ViewGraph,
    *,
    title: str = "知识图谱",
    notice: str = "",
    physics_limit: int = PHYSICS_LIMIT,
) -> str:
    """The HTML page drawing ``g`` as it is (no filtering or grouping).

    Parameters
    ----------
    g : ViewGraph
        The graph to draw.
    title : str
        Page title.
    notice : str
        A line shown above the graph (e.g. that it is an overview).
    physics_limit : int
        Above this many nodes, lay out in Python and switch physics off.
    """
    large = len(g.nodes) > physics_limit
    pos = layout(g) if large else {}
    vis_nodes, data = [], {}
    for n in g.sorted_nodes():
        kind = KINDS[n.kind]
        node: dict[str, Any] = {
            "id": n.id,
            "label": short_label(n.label, 24 if n.kind == "document" else 12),
            "title": f"{kind.name}：{short_label(n.label, 40)}",
            "shape": kind.shape,
            "color": kind.color,
            "size": kind.size,
        }
        if n.kind in ("document", "group"):
            node["font"] = {"color": "#ffffff"}
        if n.id in pos:
            node["x"], node["y"] = pos[n.id]
        vis_nodes.append(node)
        data[n.id] = {
            "kind": n.kind,
            "kindName": kind.name,
            "label": n.label,
            "docs": n.docs,
            "stages": n.stages,
            "aliases": n.aliases,
            "props": [list(p) for p in n.props],
            "nquotes": len(n.quotes) if n.kind != "group" else n.count,
            "quotes": [
                {
                    "doc": q.document,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "href": span_href(q.document, q.start, q.end),
                }
                for q in n.quotes[:QUOTES_PER_NODE]
            ],
        }
    vis_edges = []
    for e in g.sorted_edges():
        if large and e.relation == "mentionedIn" and g.nodes[e.source].kind in SATELLITES:
            continue  # thousands of edges into a few hubs; the panel and doc filter show it
        rel = RELATIONS[e.relation]
        vis_edges.append(
            {
                "from": e.source,
                "to": e.target,
                "label": rel.name,
                "color": rel.color,
                "dashes": rel.dashes,
            }
        )
    present = {n.kind for n in g.nodes.values()}
    page = {
        "title": title,
        "notice": notice,
        "data": {"nodes": data},
        "legend": [
            {"key": k, "name": v.name, "color": v.color, "shape": v.shape}
            for k, v in KINDS.items()
            if k in present
        ],
        "relations": [
            {"name": v.name, "color": v.color}
            for k, v in RELATIONS.items()
            if k in {e.relation for e in g.edges}
        ],
        "kinds": [{"key": k, "name": KINDS[k].name} for k in SELECTABLE_KINDS],
        "documents": sorted({d for n in g.nodes.values() for d in n.docs}),
        "stages": sorted({n.label for n in g.nodes.values() if n.kind == "stage"}),
    }
    return render_network(vis_nodes, vis_edges, _options(not large, large), page)


def narrow(
    g: ViewGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    doc: str | None = None,
    types: Sequence[str] | None = None,
    aggregate_limit: int = AGGREGATE_LIMIT,
) -> tuple[ViewGraph, str]:
    """Apply document, focus and type filters, then group if still too large.

    Returns the graph and a notice line (empty unless something was grouped).

    Raises
    ------
    kg.html.select.SelectionError
        When a filter matches nothing.
    """
    if doc:
        g = select.by_document(g, doc)
    if focus:
        g = select.focus(g, focus, depth)
    if types:
        g = select.by_types(g, types)
    notice = ""
    if len(g.nodes) > aggregate_limit and not (focus or doc):
        total = len(g.nodes)
        g = select.aggregate(g)
        notice = (
            f"图中共 {total} 个节点，此为概览：要求按文件和负责主体分组，时间按文件分组。"
            "用 kg viz --focus 或 --doc 查看细节。"
        )
    return g, notice


def graph_html(
    build_dir: Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    doc: str | None = None,
    types: Sequence[str] | None = None,
    aggregate_limit: int = AGGREGATE_LIMIT,
) -> str:
    """The graph page of the build in ``build_dir``.

    Without a filter, the explore page (:func:`kg.html.explore_data.explore_page`):
    an overview, search, expand on click. With ``focus``, ``doc`` or ``types``
    (see :func:`narrow`), the drawing of every node those filters keep.
    """
    if not (focus or doc or types):
        return explore_page(read_view_graph(build_dir))
    g, notice = narrow(
        read_view_graph(build_dir),
        focus=focus,
        depth=depth,
        doc=doc,
        types=types,
        aggregate_limit=aggregate_limit,
    )
    title = "知识图谱" + (f" · {focus}" if focus else "") + (f" · {doc}" if doc else "")
    return render_view(g, title=title, notice=notice)


def write_graph_html(build_dir: Path, path: Path, **filters: Any) -> Path:
    """Write :func:`graph_html` to ``path`` atomically; return ``path``."""
    atomic.write_text(Path(path), graph_html(build_dir, **filters))
    return Path(path)
