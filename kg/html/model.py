"""The view model the HTML views draw: typed nodes with quotes, labelled edges.

A :class:`ViewGraph` is plain data (strings and numbers, no RDF terms), built by
:mod:`kg.html.reader` from a build's saved projection, narrowed by :mod:`kg.html.select`
and drawn by :mod:`kg.html.graph_view`. Node kinds and relations carry their
Chinese names, colours and shapes here, in one table each.

Examples
--------
>>> g = ViewGraph()
>>> g.add_node(ViewNode("a", "actor", "区委"))
>>> g.add_node(ViewNode("r", "requirement", "区委要认真学习"))
>>> g.add_edge(ViewEdge("r", "a", "responsibleActor"))
>>> sorted(g.adjacency()["a"])
['r']
>>> KINDS["actor"].name, RELATIONS["responsibleActor"].name
('主体', '负责主体')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Kind:
    """How a node kind is named and drawn."""

    name: str
    color: str
    shape: str
    size: int


KINDS: dict[str, Kind] = {
    "document": Kind("文件", "#7f7f7f", "box", 18),
    "actor": Kind("主体", "#1f77b4", "dot", 16),
    "stage": Kind("阶段", "#d62728", "diamond", 20),
    "step": Kind("环节", "#ff7f0e", "triangle", 14),
    "time": Kind("时间", "#9467bd", "square", 10),
    "requirement": Kind("要求", "#2ca02c", "dot", 8),
    "group": Kind("要求组", "#17becf", "hexagon", 14),
}
"""Node kinds in legend order; ``--types`` takes these keys (``group`` is internal)."""

SELECTABLE_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k != "group")


@dataclass(frozen=True, slots=True)
class Relation:
    """How an edge type is named and drawn."""

    name: str
    color: str
    dashes: bool = False


RELATIONS: dict[str, Relation] = {
    "responsibleActor": Relation("负责主体", "#1f77b4"),
    "stage": Relation("所属阶段", "#d62728"),
    "deadline": Relation("期限", "#9467bd"),
    "inStage": Relation("属于阶段", "#d62728"),
    "reportsTo": Relation("报告", "#8c564b"),
    "approves": Relation("批复", "#e377c2"),
    "supervises": Relation("督导", "#bcbd22"),
    "subOrganizationOf": Relation("隶属", "#17becf"),
    "precedes": Relation("先于", "#ff7f0e"),
    "dependsOn": Relation("依赖", "#7f7f7f"),
    "issuer": Relation("发文主体", "#8c564b"),
    "mentionedIn": Relation("出自", "#c7c7c7", dashes=True),
}
"""Edge relations, keyed by the ``ck:`` property's local name."""

ACTOR_TYPES: dict[str, str] = {
    "PartyCommittee": "党委",
    "LeadingGroup": "领导小组",
    "CampaignOffice": "活动办公室",
    "SupervisoryGroup": "督导组",
    "GovernmentBody": "政府机关",
    "PartyBranch": "党组织",
    "MemberGroup": "党员群体",
    "Person": "个人",
    "Public": "群众",
}
"""Chinese names of the actor subclasses."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A source quote: document file name, ``[start, end)`` and the exact text."""

    document: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ViewNode:
    """One drawn node.

    Attributes
    ----------
    id : str
        Stable identifier (the node's IRI).
    kind : str
        A key of :data:`KINDS`.
    label : str
        Full label (for requirements, the quote).
    docs, stages : list of str
        Documents that mention the node; stages it belongs to (for filters).
    props : list of (str, str)
        Attributes shown in the side panel, Chinese keys.
    quotes : list of Quote
        Source evidence.
    aliases : list of str
        Other names (searched too).
    """

    id: str
    kind: str
    label: str
    docs: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    props: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    count: int = 1


@dataclass(frozen=True, slots=True, order=True)
class ViewEdge:
    """A directed edge ``source -> target`` of a relation (a key of :data:`RELATIONS`)."""

    source: str
    target: str
    relation: str


@dataclass
class ViewGraph:
    """Nodes by id and a set of edges."""

    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: set[ViewEdge] = field(default_factory=set)

    def add_node(self, node: ViewNode) -> None:
        """Add (or replace) a node."""
        self.nodes[node.id] = node

    def add_edge(self, edge: ViewEdge) -> None:
        """Add an edge; edges to unknown nodes or self-loops are ignored."""
        if edge.source != edge.target and edge.source in self.nodes and edge.target in self.nodes:
            self.edges.add(edge)

    def adjacency(self, *, skip: Iterable[str] = ()) -> dict[str, set[str]]:
        """Undirected adjacency (id -> neighbour ids), ignoring relations in ``skip``."""
        skipped = set(skip)
        adj: dict[str, set[str]] = {i: set() for i in self.nodes}
        for e in self.edges:
            if e.relation not in skipped:
                adj[e.source].add(e.target)
                adj[e.target].add(e.source)
        return adj

    def subgraph(self, ids: Iterable[str]) -> ViewGraph:
        """The nodes ``ids`` and the edges between them."""
        keep = set(ids)
        g = ViewGraph({i: n for i, n in self.nodes.items() if i in keep})
        g.edges = {e for e in self.edges if e.source in keep and e.target in keep}
        return g

    def sorted_nodes(self) -> list[ViewNode]:
        """Nodes in a deterministic order (kind order, then label, then id)."""
        order = {k: i for i, k in enumerate(KINDS)}
        return sorted(self.nodes.values(), key=lambda n: (order[n.kind], n.label, n.id))

    def sorted_edges(self) -> list[ViewEdge]:
        """Edges in a deterministic order."""
        return sorted(self.edges)


def short_label(text: str, limit: int = 14) -> str:
    """A label short enough to draw: ``text`` clipped to ``limit`` characters with an ellipsis.

    Examples
    --------
    >>> short_label("各党委要认真组织党员学习先进性教育读本", 8)
    '各党委要认真组织…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
