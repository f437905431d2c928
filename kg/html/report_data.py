"""The facts the analyst report shows, from a :class:`~kg.html.model.ViewGraph` or the
NetworkX projection (relations with their quotes, the stage order).

Examples
--------
>>> from kg.nx.examples import example_graph
>>> [(s, r, t) for s, r, t, _ in actor_relations(example_graph())]
[('党委', 'reportsTo', '督导组'), ('学习动员', 'precedes', '分析评议')]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.html.calendar import Item
from kg.html.model import ViewGraph, ViewNode

STAGE_ORDER = ("准备", "学习动员", "分析评议", "整改提高")
ACTOR_RELATIONS = ("reportsTo", "approves", "supervises", "subOrganizationOf")


def prop(n: ViewNode, key: str) -> str | None:
    """The first value of property ``key`` of ``n``."""
    return next((v for k, v in n.props if k == key), None)


@dataclass
class RequirementRow:
    """A requirement with its resolved links, for tables."""

    node: ViewNode
    actors: list[str] = field(default_factory=list)
    stage: str = ""
    deadline: str = ""
    quantities: list[str] = field(default_factory=list)

    @property
    def modality(self) -> str:
        return prop(self.node, "情态") or ""

    @property
    def where(self) -> str:
        q = self.node.quotes[0] if self.node.quotes else None
        return f"{q.document} [{q.start}, {q.end})" if q else ""

    def score(self) -> tuple:
        q = self.node.quotes[0] if self.node.quotes else None
        return (
            -(
                2 * bool(self.quantities)
                + bool(self.deadline)
                + bool(self.actors)
                + bool(self.stage)
            ),
            q.document if q else "",
            q.start if q else 0,
        )


def requirement_rows(g: ViewGraph) -> list[RequirementRow]:
    """Every requirement with its actors, stage, deadline and quantities, in text order."""
    rows = {i: RequirementRow(n) for i, n in g.nodes.items() if n.kind == "requirement"}
    for e in sorted(g.edges):
        r = rows.get(e.source)
        if r is None:
            continue
        target = g.nodes[e.target]
        if e.relation == "responsibleActor":
            r.actors.append(target.label)
        elif e.relation == "stage":
            r.stage = target.label
        elif e.relation == "deadline":
            r.deadline = f"{target.label}（{prop(target, '规范值') or '未给出'}）"
    for r in rows.values():
        r.actors = sorted(set(r.actors))
        r.quantities = sorted(v for k, v in r.node.props if k == "数量")
    return sorted(rows.values(), key=lambda r: r.score()[1:])


def busiest(
    per_doc: dict[str, dict[str, int]], limit: int
) -> tuple[list[tuple[str, dict[str, int]]], dict[str, int], int]:
    """The documents to show, the summed counts of the others, and how many those are.

    Up to ``limit`` documents, all of them by name; above, the ``limit`` with
    the most facts (most first, then by name) and the rest summed.

    Examples
    --------
    >>> rows = {"a": {"要求": 1}, "b": {"要求": 5}, "c": {"要求": 3}}
    >>> busiest(rows, 2)
    ([('b', {'要求': 5}), ('c', {'要求': 3})], {'要求': 1}, 1)
    >>> busiest(rows, 3)[1:]
    ({}, 0)
    """
    if len(per_doc) <= limit:
        return sorted(per_doc.items()), {}, 0
    ranked = sorted(per_doc.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    rest: Counter[str] = Counter()
    for _, counts in ranked[limit:]:
        rest.update(counts)
    return ranked[:limit], dict(rest), len(ranked) - limit


def lanes(items: Sequence[Item]) -> list[tuple[str, list[Item]]]:
    """Timeline items grouped into lanes (one per document), in lane order."""
    out: dict[str, list[Item]] = {}
    for i in items:
        out.setdefault(i.lane, []).append(i)
    return sorted(out.items())


def responsibility(g: ViewGraph, limit: int = 25) -> tuple[list[str], list[str], list[list[int]]]:
    """Actor x stage counts of requirements (actors merged by label, the busiest first)."""
    stage_of = {e.source: g.nodes[e.target].label for e in g.edges if e.relation == "stage"}
    counts: Counter[tuple[str, str]] = Counter()
    for e in g.edges:
        if e.relation == "responsibleActor" and e.source in stage_of:
            counts[(g.nodes[e.target].label, stage_of[e.source])] += 1
    per_actor: Counter[str] = Counter()
    for (a, _), c in counts.items():
        per_actor[a] += c
    actors = [a for a, _ in sorted(per_actor.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]
    order = {s: i for i, s in enumerate(STAGE_ORDER)}
    stages = sorted({s for _, s in counts}, key=lambda s: (order.get(s, 99), s))
    return actors, stages, [[counts[(a, s)] for s in stages] for a in actors]


def flows(order: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of :func:`kg.nx.dependencies.stage_order` (``kg deps --order``) per document."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in order:
        out[row["document"]].append(row)
    return dict(sorted(out.items()))


def actor_relations(G: nx.MultiDiGraph, limit: int = 500) -> list[tuple[str, str, str, tuple]]:
    """(source label, relation, target label, evidence) of relations between actors and of
    stage order, one row per quote (document, start, end, text); at most ``limit``."""
    rows = set()
    for u, v, key, d in G.edges(keys=True, data=True):
        if key in ACTOR_RELATIONS or key in ("precedes", "dependsOn"):
            s, t = G.nodes[u]["label"], G.nodes[v]["label"]
            for ev in d.get("evidence", ()):
                rows.add((s, key, t, tuple(ev[:4])))
    return sorted(rows, key=lambda r: (r[3][0], r[3][1] or 0, r[0], r[1], r[2]))[:limit]


def findings(g: ViewGraph, reqs: list[RequirementRow]) -> list[tuple[str, int, list[str]]]:
    """Consistency findings: (description, count, up to 10 examples)."""
    out = []

    def add(text: str, hits: list[str]) -> None:
        out.append((text, len(hits), hits[:10]))

    add("要求未标注负责主体", [f"{r.where}：{r.node.label}" for r in reqs if not r.actors])
    add("要求未归入阶段", [f"{r.where}：{r.node.label}" for r in reqs if not r.stage])
    times = [n for n in g.sorted_nodes() if n.kind == "time"]
    add(
        "时间表达无规范值（可能被隐去）",
        [f"{n.docs[0] if n.docs else ''}：{n.label}" for n in times if not prop(n, "规范值")],
    )
    prec = defaultdict(set)
    for e in g.edges:
        if e.relation == "precedes":
            prec[e.source].add(e.target)
    cyc = sorted(
        g.nodes[a].label for a in prec for b in prec[a] if a in prec.get(b, set()) and a < b
    )
    add("阶段或环节的先后关系互相矛盾", cyc)
    return out
