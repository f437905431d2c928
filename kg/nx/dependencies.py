"""What must come first: prerequisites of an item, and the order of stages and steps.

``u precedes v`` puts ``u`` before ``v``; ``r dependsOn x`` puts ``x`` before
``r``; a requirement (``ck:stage``) or step (``ck:inStage``) comes after what
precedes its stage.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> G = example_graph()
>>> [(r["item"], r["relation"], r["before"]) for r in prerequisites(G, "分析评议")]
[('学习动员', 'precedes', ['分析评议'])]
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from kg.nx.common import find_nodes, stage_ranks, unknown_item
from kg.nx.projection import edges_of, nodes_of, out_by

SPAN_ITEM = re.compile(r"^(?P<doc>.+):(?P<start>\d+)-(?P<end>\d+)$")

DEPS_COLUMNS = [
    "position",
    "item",
    "type",
    "relation",
    "before",
    "document",
    "start",
    "end",
    "quote",
]
ORDER_COLUMNS = ["document", "position", "item", "type", "after", "cycle", "start", "end", "quote"]


def resolve_items(G: nx.MultiDiGraph, item: str) -> list[str]:
    """Nodes named by ``item``: a stage or step label, or a requirement as ``DOC:START-END``.

    Falls back to requirements whose quote contains ``item``.

    Raises
    ------
    UnknownItem
        When nothing matches.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> resolve_items(example_graph(), "a.txt:0-17")
    ['req:1']
    """
    m = SPAN_ITEM.match(item)
    if m:
        start, end = int(m["start"]), int(m["end"])
        hits = [
            r
            for r in nodes_of(G, "Requirement")
            if G.nodes[r].get("document") == m["doc"]
            and G.nodes[r].get("start") == start
            and G.nodes[r].get("end") == end
        ]
        if hits:
            return hits
    hits = find_nodes(G, item, ("Stage", "Step"))
    if hits:
        return hits
    hits = [r for r in nodes_of(G, "Requirement") if item in (G.nodes[r].get("quote") or "")]
    if hits:
        return hits
    raise unknown_item(G, "stage, step or requirement", item, ("Stage", "Step"))


class _Before:
    """The 'comes before' relation, computed lazily on the projection."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self._stage_preds: dict[str, list[str]] = {}

    def precedes_into(self, n: str) -> list[str]:
        if not self._stage_preds:
            for u, v in edges_of(self.G, "precedes"):
                self._stage_preds.setdefault(v, []).append(u)
            self._stage_preds[""] = []
        return self._stage_preds.get(n, [])

    def edges_into(self, n: str) -> list[tuple[str, str, tuple]]:
        """``(u, relation, evidence)``: each ``u`` that must come before ``n``."""
        G = self.G
        out = []
        for u in self.precedes_into(n):
            out.append((u, "precedes", G.edges[u, n, "precedes"].get("evidence", ())))
        for v in out_by(G, n, "dependsOn"):
            out.append((v, "dependsOn", G.edges[n, v, "dependsOn"].get("evidence", ())))
        if G.nodes[n]["type"] in ("Requirement", "Step"):
            for s in out_by(G, n, "stage") + out_by(G, n, "inStage"):
                for u in self.precedes_into(s):
                    out.append((u, "stage", G.edges[u, s, "precedes"].get("evidence", ())))
        return out


def prerequisites(G: nx.MultiDiGraph, item: str) -> list[dict[str, Any]]:
    """Everything that must come before ``item`` (transitively), earliest first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    item : str
        See :func:`resolve_items`.

    Returns
    -------
    list of dict
        :data:`DEPS_COLUMNS`; ``relation`` is how the row's item is linked
        (``precedes``, ``dependsOn``, or ``stage`` when it precedes the stage of
        the next item), ``before`` the items it must precede, ``documents``
        those stating it, and the first evidence (document, start, end,
        quote). Stages and steps of one label are one item across documents.

    Raises
    ------
    UnknownItem
        When nothing matches ``item``.
    """
    nodes = resolve_items(G, item)
    before = _Before(G)
    targets = {_group(G, n) for n in nodes}
    members: dict[Any, set[str]] = {}
    H = nx.DiGraph()
    H.add_nodes_from(targets)
    seen = set(nodes)
    todo = list(nodes)
    links: dict[Any, list[tuple[Any, str, tuple]]] = {}
    while todo:
        n = todo.pop()
        gn = _group(G, n)
        members.setdefault(gn, set()).add(n)
        for u, rel, ev in before.edges_into(n):
            gu = _group(G, u)
            members.setdefault(gu, set()).add(u)
            links.setdefault(gu, []).append((gn, rel, ev))
            if u not in seen:
                seen.add(u)
                todo.append(u)
            if gu != gn:
                H.add_edge(gu, gn)
    ranks = stage_ranks(G)
    keys = {g: min(_node_key(G, n, ranks) for n in ms) for g, ms in members.items()}
    rows = []
    for g in _order(H, keys):
        if g in targets:
            continue
        succ = sorted(links[g], key=lambda t: (t[0] in targets, str(t[0])))
        evidence = sorted({e for _, _, evs in succ for e in evs}, key=str)
        first = evidence[0] if evidence else (None, None, None, None)
        some = min(members[g])
        rows.append(
            {
                "position": len(rows) + 1,
                "item": G.nodes[some]["label"],
                "type": G.nodes[some]["type"],
                "relation": succ[0][1],
                "before": sorted({_label(G, v, members) for v, _, _ in succ}),
                "documents": sorted({e[0] for e in evidence}),
                "document": first[0],
                "start": first[1],
                "end": first[2],
                "quote": first[3],
            }
        )
    return rows


def _group(G: nx.MultiDiGraph, n: str) -> Any:
    """Stages and steps of the same type and label are one item across documents."""
    d = G.nodes[n]
    return (d["type"], d["label"]) if d["type"] in ("Stage", "Step") else n


def _label(G: nx.MultiDiGraph, g: Any, members: dict[Any, set[str]]) -> str:
    return G.nodes[min(members[g])]["label"]


def _node_key(G: nx.MultiDiGraph, n: str, ranks: dict[str, int]) -> tuple:
    d = G.nodes[n]
    return (ranks.get(n, 10**6), d.get("document") or "", d.get("start") or 0, d["label"], n)


def _order(H: nx.DiGraph, keys: dict[Any, tuple]) -> list[Any]:
    """Topological order of ``H`` (cycles kept together), ties by ``keys``."""
    C = nx.condensation(H)
    groups: dict[int, list[Any]] = {}
    for n, c in C.graph["mapping"].items():
        groups.setdefault(c, []).append(n)
    first = {c: min(keys[n] for n in ns) for c, ns in groups.items()}
    out: list[Any] = []
    for c in nx.lexicographical_topological_sort(C, key=lambda c: first[c]):
        out.extend(sorted(groups[c], key=keys.__getitem__))
    return out


def stage_order(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """A topological order of the stages and steps of each document, with cycles.

    Uses each document's own ``precedes`` edges (those its named graph
    asserts). Items in a cycle share the cycle's position range and name it
    in ``cycle``.

    Returns
    -------
    list of dict
        :data:`ORDER_COLUMNS`, by document then position; the evidence is
        that of a ``precedes`` edge into the item from that document.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> [(r["position"], r["item"], r["after"]) for r in stage_order(example_graph())]
    [(1, '学习动员', []), (2, '分析评议', ['学习动员'])]
    """
    rows: list[dict[str, Any]] = []
    of_doc: dict[str, list[str]] = {}
    for t in ("Stage", "Step"):
        for n in nodes_of(G, t):
            for name in G.nodes[n].get("documents", ()):
                of_doc.setdefault(name, []).append(n)
    ranks = stage_ranks(G)
    for name in sorted(G.graph.get("documents", {}).values()):
        items = of_doc.get(name, [])
        H = nx.DiGraph()
        H.add_nodes_from(items)
        evidence: dict[str, list[tuple]] = {}
        for u in items:
            for v in out_by(G, u, "precedes"):
                d = G.edges[u, v, "precedes"]
                if v in H and name in d.get("documents", ()):
                    H.add_edge(u, v)
                    evidence.setdefault(v, []).extend(
                        e for e in d.get("evidence", ()) if e[0] == name
                    )
        cycles = {
            n: " -> ".join(sorted(G.nodes[m]["label"] for m in scc))
            for scc in nx.strongly_connected_components(H)
            if len(scc) > 1
            for n in scc
        }
        keys = {n: _node_key(G, n, ranks) for n in H}
        for i, n in enumerate(_order(H, keys), 1):
            ev = sorted(evidence.get(n, []), key=str)
            first = ev[0] if ev else (None, None, None, None)
            rows.append(
                {
                    "document": name,
                    "position": i,
                    "item": G.nodes[n]["label"],
                    "type": G.nodes[n]["type"],
                    "after": sorted(G.nodes[u]["label"] for u in H.predecessors(n)),
                    "cycle": cycles.get(n),
                    "start": first[1],
                    "end": first[2],
                    "quote": first[3],
                }
            )
    return rows


def cycles(G: nx.MultiDiGraph) -> list[list[str]]:
    """Cycles among ``precedes`` edges of stages and steps (union of documents), as labels.

    Examples
    --------
    >>> from kg.nx.examples import example_graph_with_cycle
    >>> cycles(example_graph_with_cycle())
    [['分析评议', '学习动员']]
    """
    H = nx.DiGraph()
    for n in nodes_of(G, "Stage") + nodes_of(G, "Step"):
        for v in out_by(G, n, "precedes"):
            H.add_edge(n, v)
    return sorted(
        sorted(G.nodes[n]["label"] for n in scc)
        for scc in nx.strongly_connected_components(H)
        if len(scc) > 1
    )
