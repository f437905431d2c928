"""Narrow a :class:`~kg.html.model.ViewGraph`: by type, document, focus; aggregate large ones.

Examples
--------
>>> from kg.html.model import ViewEdge, ViewGraph, ViewNode
>>> g = ViewGraph()
>>> for i, kind in (("a", "actor"), ("b", "actor"), ("r", "requirement"), ("s", "requirement")):
...     g.add_node(ViewNode(i, kind, i, docs=["d.txt"]))
>>> g.add_edge(ViewEdge("r", "a", "responsibleActor"))
>>> g.add_edge(ViewEdge("s", "b", "responsibleActor"))
>>> sorted(focus(g, "a", depth=1).nodes)
['a', 'r']
>>> sorted(n.label for n in aggregate(g).nodes.values())
['a', 'b', '要求 ×1', '要求 ×1']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from kg.errors import KgError
from kg.html.model import KINDS, SELECTABLE_KINDS, Quote, ViewEdge, ViewGraph, ViewNode

HUB_RELATIONS = ("mentionedIn",)
"""Relations not followed by focus traversal (documents are hubs of everything)."""

GROUP_SAMPLE = 20
"""Quotes kept on an aggregated group node."""


class SelectionError(KgError, ValueError):
    """A filter matched nothing; ``str()`` is one line naming the filter."""


def by_types(g: ViewGraph, kinds: Iterable[str]) -> ViewGraph:
    """Keep only nodes of the given kinds (keys of :data:`~kg.html.model.KINDS`).

    Raises
    ------
    SelectionError
        On an unknown kind.
    """
    wanted = set(kinds)
    unknown = sorted(wanted - set(SELECTABLE_KINDS))
    if unknown:
        choices = ", ".join(SELECTABLE_KINDS)
        raise SelectionError(f"--types: unknown type {', '.join(unknown)} (choose from {choices})")
    return g.subgraph(i for i, n in g.nodes.items() if n.kind in wanted)


def by_document(g: ViewGraph, doc: str) -> ViewGraph:
    """Keep the nodes mentioned in document ``doc`` (its file name).

    Raises
    ------
    SelectionError
        When no node is mentioned in ``doc``.
    """
    keep = [i for i, n in g.nodes.items() if doc in n.docs]
    if not keep:
        raise SelectionError(f"--doc {doc}: no such document in the build")
    return g.subgraph(keep)


def find_focus(g: ViewGraph, label: str) -> list[str]:
    """Ids of the nodes ``label`` designates.

    In order of preference: nodes whose label or alias equals ``label``; the node
    whose id (IRI) is ``label``; requirements whose quote contains ``label``.
    """
    exact = [i for i, n in g.nodes.items() if n.label == label or label in n.aliases]
    if exact:
        return sorted(exact)
    if label in g.nodes:
        return [label]
    return sorted(i for i, n in g.nodes.items() if n.kind == "requirement" and label in n.label)


def focus(g: ViewGraph, label: str, depth: int = 1) -> ViewGraph:
    """The neighbourhood of the node(s) ``label`` designates, ``depth`` hops around.

    Traversal does not pass through documents; the documents of the nodes
    reached are added at the end.

    Raises
    ------
    SelectionError
        When ``label`` designates no node.
    """
    seeds = find_focus(g, label)
    if not seeds:
        raise SelectionError(f"--focus {label}: no actor, stage, step or requirement of that name")
    adj = g.adjacency(skip=HUB_RELATIONS)
    seen = set(seeds)
    frontier = set(seeds)
    for _ in range(max(0, depth)):
        frontier = {m for i in frontier for m in adj[i]} - seen
        seen |= frontier
    docs = {i for i, n in g.nodes.items() if n.kind == "document"}
    reached_docs = {d for d in docs if any(g.nodes[d].label in g.nodes[i].docs for i in seen)}
    return g.subgraph(seen | reached_docs)


def _group_id(*parts: str) -> str:
    return "group:" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def aggregate(g: ViewGraph) -> ViewGraph:
    """An overview: requirements and time expressions grouped, the rest kept.

    Requirements are grouped per (document, first responsible actor), time
    expressions per document. A group node carries the count, the union of
    stages and a sample of quotes; edges to actors, stages and documents are kept.
    """
    out = ViewGraph()
    for n in g.nodes.values():
        if n.kind not in ("requirement", "time"):
            out.add_node(n)
    owner: dict[str, str] = {}
    for e in sorted(g.edges):
        if e.relation == "responsibleActor" and e.source not in owner:
            owner[e.source] = e.target
    doc_ids = {n.label: n.id for n in g.nodes.values() if n.kind == "document"}
    members: dict[str, list[ViewNode]] = {}
    anchor: dict[str, tuple[str, str]] = {}
    for n in g.sorted_nodes():
        if n.kind not in ("requirement", "time"):
            continue
        doc = n.docs[0] if n.docs else ""
        who = owner.get(n.id, "") if n.kind == "requirement" else ""
        gid = _group_id(n.kind, doc, who)
        members.setdefault(gid, []).append(n)
        anchor[gid] = (doc, who)
    group_of: dict[str, str] = {}
    for gid, ms in members.items():
        kind_name = KINDS[ms[0].kind].name
        doc, who = anchor[gid]
        quotes: list[Quote] = [q for m in ms for q in m.quotes][:GROUP_SAMPLE]
        props = [("数量", str(len(ms))), ("文件", doc)]
        if who in g.nodes:
            props.append(("负责主体", g.nodes[who].label))
        out.add_node(
            ViewNode(
                gid,
                "group",
                f"{kind_name} ×{len(ms)}",
                docs=[doc] if doc else [],
                stages=sorted({s for m in ms for s in m.stages}),
                props=props,
                quotes=quotes,
                count=len(ms),
            )
        )
        for m in ms:
            group_of[m.id] = gid
        if doc in doc_ids:
            out.add_edge(ViewEdge(gid, doc_ids[doc], "mentionedIn"))
    for e in g.edges:
        s = group_of.get(e.source, e.source)
        t = group_of.get(e.target, e.target)
        out.add_edge(ViewEdge(s, t, e.relation))
    return out
