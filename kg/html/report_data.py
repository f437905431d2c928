"""The facts the analyst report shows, computed from a :class:`~kg.html.model.ViewGraph`.

Examples
--------
>>> day_span("--03-15"), day_span("--08-01/--08-10"), day_span("--12-20/--01-10")
((74, 74), (213, 222), (354, 375))
>>> day_span("2005-09") , day_span("年月上旬")
((244, 273), None)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from kg.html.model import ViewGraph, ViewNode

STAGE_ORDER = ("准备", "学习动员", "分析评议", "整改提高")
ACTOR_RELATIONS = ("reportsTo", "approves", "supervises", "subOrganizationOf")
_DATE = re.compile(r"^(?:\d{4}|-)-(\d{2})(?:-(\d{2}))?$")


def _doy(month: int, day: int) -> int:
    return date(2000, month, day).toordinal() - date(2000, 1, 1).toordinal()


def _month_end(month: int) -> int:
    return _doy(month + 1, 1) - 1 if month < 12 else _doy(12, 31)


def day_span(value: str) -> tuple[int, int] | None:
    """Day-of-year span (0-based, leap-year calendar) of a normalized date value.

    Years are ignored; a range ending before it starts runs into the next year.
    Returns None for values that are not dates.
    """
    parts = value.split("/")
    spans = []
    for p in parts[:2]:
        m = _DATE.match(p.strip())
        if not m:
            return None
        month, day = int(m.group(1)), m.group(2)
        if not 1 <= month <= 12:
            return None
        try:
            spans.append(
                (_doy(month, int(day)),) * 2 if day else (_doy(month, 1), _month_end(month))
            )
        except ValueError:
            return None
    start, end = spans[0][0], spans[-1][1]
    if end < start:
        end += 366
    return start, end


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


def timeline(g: ViewGraph) -> tuple[list[str], list[tuple], list[tuple[str, int, int]]]:
    """Rows (documents), items (row, start, end, label, role) and stage bands."""
    items = []
    spans: dict[str, tuple[int, int]] = {}
    for n in g.sorted_nodes():
        if n.kind != "time":
            continue
        value = prop(n, "规范值")
        span = day_span(value) if value else None
        if span is None:
            continue
        spans[n.id] = span
        for doc in n.docs:
            items.append((doc, span[0], span[1], n.label, prop(n, "时间角色") or ""))
    stage_of: dict[str, str] = {}
    deadline_of: dict[str, str] = {}
    for e in g.edges:
        if e.relation == "stage":
            stage_of[e.source] = g.nodes[e.target].label
        elif e.relation == "deadline":
            deadline_of[e.source] = e.target
    ranges: dict[str, list[int]] = defaultdict(list)
    for req, stage in stage_of.items():
        t = deadline_of.get(req)
        if t in spans:
            ranges[stage] += list(spans[t])
    order = {s: i for i, s in enumerate(STAGE_ORDER)}
    bands = sorted(
        ((s, min(v), max(v)) for s, v in ranges.items()),
        key=lambda b: (order.get(b[0], 99), b[1], b[0]),
    )
    rows = sorted({row for row, *_ in items})
    return rows, sorted(items), bands


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


def flows(g: ViewGraph) -> dict[str, list[tuple[str, str]]]:
    """Per document: its stages and steps as (kind name, label) in order of first mention."""
    out: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for n in g.nodes.values():
        if n.kind not in ("stage", "step"):
            continue
        first: dict[str, int] = {}
        for q in n.quotes:
            first[q.document] = min(first.get(q.document, q.start), q.start)
        for doc in n.docs:
            out[doc].append(
                (first.get(doc, 10**9), "阶段" if n.kind == "stage" else "环节", n.label)
            )
    return {d: [(k, label) for _, k, label in sorted(v)] for d, v in sorted(out.items())}


def actor_relations(g: ViewGraph) -> list[tuple[str, str, str, str]]:
    """(source label, relation, target label, documents) of relations between actors."""
    rows = set()
    for e in g.edges:
        if e.relation in ACTOR_RELATIONS or e.relation in ("precedes", "dependsOn"):
            s, t = g.nodes[e.source], g.nodes[e.target]
            docs = "，".join(sorted(set(s.docs) & set(t.docs)) or s.docs)
            rows.add((s.label, e.relation, t.label, docs))
    return sorted(rows)


def approval_chains(g: ViewGraph) -> list[list[str]]:
    """Chains of actors following reportsTo / approves (reversed) edges, longest first."""
    nxt: dict[str, set[str]] = defaultdict(set)
    for e in g.edges:
        a, b = g.nodes[e.source].label, g.nodes[e.target].label
        if e.relation == "reportsTo":
            nxt[a].add(b)
        elif e.relation == "approves":
            nxt[b].add(a)
    targets = {b for v in nxt.values() for b in v}
    chains = []
    for start in sorted(set(nxt) - targets) or sorted(nxt)[:1]:
        chain, cur = [start], start
        while nxt.get(cur):
            cur = sorted(nxt[cur])[0]
            if cur in chain:
                break
            chain.append(cur)
        chains.append(chain)
    return sorted(chains, key=lambda c: (-len(c), c))


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
