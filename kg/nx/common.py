"""Helpers shared by the analyses: finding nodes, stage order, dates, requirement rows.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> G = example_graph()
>>> [G.nodes[n]["label"] for n in find_nodes(G, "督导组", ("Actor",))]
['督导组']
>>> date_key("--08-01/--08-10"), date_key(None)
((0, 8, 1, 8, 10), (9999, 99, 99, 99, 99))
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.nx.projection import in_by, nodes_of, out_by, out_keyed
from kg.suggest import did_you_mean

CANONICAL_STAGES: tuple[str, ...] = ("准备", "学习动员", "分析评议", "整改提高")
"""The campaign's stages in order (DOMAIN.md section 2); ties in the extracted order."""

NO_STAGE = 10**6
"""Rank of "no stage": after every stage."""


class UnknownItem(KgError, LookupError):
    """Nothing in the graph matches the name an analysis was given."""


def distinguish(label: str, jurisdiction: str, documents: Iterable[str]) -> str:
    """A label that tells same-label actors apart: by jurisdiction, else by documents.

    Examples
    --------
    >>> distinguish("督导组", "", ["b.txt", "a.txt"]), distinguish("区委", "城区", ["a.txt"])
    ('督导组 (a.txt, b.txt)', '区委 (城区)')
    """
    if jurisdiction:
        return f"{label} ({jurisdiction})"
    docs = sorted(documents)
    if not docs:
        return label
    more = " …" if len(docs) > 2 else ""
    return f"{label} ({', '.join(docs[:2])}{more})"


def actor_names(G: nx.MultiDiGraph, actors: Iterable[str]) -> dict[str, str]:
    """Each actor's label, told apart (:func:`distinguish`) where another actor of ``G`` shares it.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="督导组", documents=("x.txt",))
    >>> G.add_node("b", label="督导组", documents=("y.txt",))
    >>> G.add_node("c", label="党委", documents=("x.txt",))
    >>> sorted(actor_names(G, "abc").values())
    ['党委', '督导组 (x.txt)', '督导组 (y.txt)']
    """
    actors = list(actors)
    count = Counter(G.nodes[a]["label"] for a in actors)
    names = {}
    for a in actors:
        d = G.nodes[a]
        shared = count[d["label"]] > 1
        names[a] = (
            distinguish(d["label"], d.get("jurisdiction", ""), d.get("documents", ()))
            if shared
            else d["label"]
        )
    return names


def names_of(G: nx.MultiDiGraph, types: Iterable[str]) -> list[str]:
    """Labels, aliases and (actor) kinds of nodes of ``types``: what :func:`find_nodes` matches.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> "督导组" in names_of(example_graph(), ("Actor",))
    True
    """
    names: set[str] = set()
    for n in (n for t in types for n in nodes_of(G, t)):
        data = G.nodes[n]
        names.add(data["label"])
        names.update(data.get("aliases", ()))
        if data.get("kind"):
            names.add(data["kind"])
    return sorted(names)


def unknown_item(G: nx.MultiDiGraph, what: str, text: str, types: Iterable[str]) -> UnknownItem:
    """``no {what} named {text!r}``, with the closest names of nodes of ``types`` if any.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> str(unknown_item(example_graph(), "actor", "督道组", ("Actor",)))
    "no actor named '督道组'; did you mean 督导组?"
    """
    types = tuple(types)
    return UnknownItem(f"no {what} named {text!r}{did_you_mean(text, names_of(G, types))}")


_DATE = re.compile(r"^(?:(\d{4})|-)-(\d{2})(?:-(\d{2}))?$")


def find_nodes(G: nx.MultiDiGraph, text: str, types: Iterable[str]) -> list[str]:
    """Nodes of ``types`` whose label, an alias or (actors) kind equals ``text``.

    Without an exact match, nodes whose label contains ``text``.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> find_nodes(example_graph(), "学习", ("Stage",))
    ['stage:1']
    """
    cands = [n for t in types for n in nodes_of(G, t)]
    exact = [
        n
        for n in cands
        if text == G.nodes[n]["label"]
        or text in G.nodes[n].get("aliases", ())
        or text == G.nodes[n].get("kind")
    ]
    if exact:
        return sorted(exact)
    return sorted(n for n in cands if text in G.nodes[n]["label"])


def stage_ranks(G: nx.MultiDiGraph) -> dict[str, int]:
    """Rank of every stage: the canonical order, then the extracted ``precedes`` order.

    Canonical stages (:data:`CANONICAL_STAGES`) come first in their order; the
    others follow in a topological order of the ``precedes`` edges between
    stages (cycles ignored), ties by label.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> G = example_graph()
    >>> sorted((r, G.nodes[s]["label"]) for s, r in stage_ranks(G).items())
    [(1, '学习动员'), (2, '分析评议')]
    """
    stages = nodes_of(G, "Stage")
    H = nx.DiGraph()
    H.add_nodes_from(stages)
    for s in stages:
        for v in out_by(G, s, "precedes"):
            if G.nodes[v]["type"] == "Stage":
                H.add_edge(s, v)
    while not nx.is_directed_acyclic_graph(H):
        H.remove_edges_from(nx.find_cycle(H)[:1])
    label = {s: G.nodes[s]["label"] for s in stages}
    order = list(nx.lexicographical_topological_sort(H, key=lambda s: label[s]))
    canon = {s: i for i, s in enumerate(CANONICAL_STAGES)}
    ranks = {s: canon[label[s]] for s in stages if label[s] in canon}
    n = len(CANONICAL_STAGES)
    for s in order:
        if s not in ranks:
            ranks[s] = n
            n += 1
    return ranks


def date_key(value: str | None, year: int | None = None) -> tuple[int, int, int, int, int]:
    """Sort key of a normalized date or range: (year, month, day, end month, end day).

    ``year`` is used when the value has none (0 when unknown); ``None`` (a
    redacted date) sorts last.

    Examples
    --------
    >>> date_key("2005-03-15"), date_key("--03", 2005)
    ((2005, 3, 15, 3, 15), (2005, 3, 0, 3, 99))
    """
    if not value:
        return (9999, 99, 99, 99, 99)
    first, _, last = value.partition("/")
    a = _parse(first, year)
    b = _parse(last, year, end=True) if last else _parse(first, year, end=True)
    if a is None or b is None:
        return (9999, 99, 99, 99, 99)
    return (a[0], a[1], a[2], b[1], b[2])


def _parse(s: str, year: int | None, end: bool = False) -> tuple[int, int, int] | None:
    m = _DATE.match(s)
    if not m:
        return None
    y = int(m[1]) if m[1] else (year or 0)
    d = int(m[3]) if m[3] else (99 if end else 0)
    return (y, int(m[2]), d)


def fmt_quantity(q: tuple) -> str:
    """``(">=", 45, "学时")`` -> ``">=45学时"``; a redacted value shows as ``?``.

    Examples
    --------
    >>> fmt_quantity((">=", 45, "学时")), fmt_quantity(("range", "1-2", "个"))
    ('>=45学时', 'range 1-2个')
    """
    comp, value, unit = q
    v = "?" if value is None else str(value)
    sep = " " if comp in ("range", "approx") else ""
    return f"{comp}{sep}{v}{unit or ''}"


def requirement_row(G: nx.MultiDiGraph, r: str, ranks: dict[str, int]) -> dict[str, Any]:
    """The standard facts of requirement ``r`` as a row (without sort keys).

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> G = example_graph()
    >>> row = requirement_row(G, "req:1", stage_ranks(G))
    >>> row["stage"], row["deadline"], row["actors"], row["start"]
    ('学习动员', '3月15日 (--03-15)', ['督导组'], 0)
    """
    node = G._node  # the NodeView costs more per access; this runs once per row
    d = node[r]
    out = out_keyed(G, r)
    return {
        "document": d.get("document"),
        "stage": "; ".join(node[s]["label"] for s in out.get("stage", ())) or None,
        "modality": d.get("modality"),
        "actors": sorted(node[a]["label"] for a in out.get("responsibleActor", ())),
        "deadline": "; ".join(_time_text(node[t]) for t in out.get("deadline", ())) or None,
        "quantities": [fmt_quantity(q) for q in d.get("quantities", ())],
        "start": d.get("start"),
        "end": d.get("end"),
        "quote": d.get("quote"),
    }


def _time_text(d: dict[str, Any]) -> str:
    return f"{d['label']} ({d['normalized']})" if d.get("normalized") else d["label"]


def requirement_key(G: nx.MultiDiGraph, r: str, ranks: dict[str, int]) -> tuple:
    """Sort key of a requirement: stage order, then document and offset."""
    d = G._node[r]
    rank = min((ranks.get(s, NO_STAGE) for s in out_by(G, r, "stage")), default=NO_STAGE)
    return (rank, d.get("document") or "", d.get("start") or 0, r)


def deadline_value(G: nx.MultiDiGraph, r: str) -> str | None:
    """Normalized value of requirement ``r``'s (first) deadline, if any."""
    for t in out_by(G, r, "deadline"):
        if G.nodes[t].get("normalized"):
            return G.nodes[t]["normalized"]
    return None


def requirements_of(G: nx.MultiDiGraph, actor: str) -> list[str]:
    """Requirements whose responsible actors include ``actor``."""
    return in_by(G, actor, "responsibleActor")


def document_node(G: nx.MultiDiGraph, name: str) -> str | None:
    """The document node named ``name`` (exact, else the one containing it)."""
    docs = {d: n for n, d in G.graph.get("documents", {}).items()}
    if name in docs:
        return docs[name]
    hits = sorted(n for d, n in docs.items() if name in d)
    return hits[0] if len(hits) == 1 else None


MODAL_CUES: tuple[str, ...] = tuple(
    sorted(
        {
            "一定要",
            "必须",
            "务必",
            "应当",
            "需要",
            "确保",
            "坚持",
            "要",
            "不得",
            "不能",
            "严禁",
            "不要",
            "防止",
            "避免",
            "杜绝",
            "可以",
            "允许",
            "希望",
            "鼓励",
            "请",
            "各级",
            "认真",
        },
        key=lambda w: (-len(w), w),
    )
)
"""Modal and framing words dropped when comparing the action of requirements."""

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize_action(text: str, actors: Iterable[str] = ()) -> str:
    """The action of a requirement: its text without punctuation, actors and modal cues.

    Examples
    --------
    >>> normalize_action("各党委要认真组织学习。", ["党委"])
    '组织学习'
    >>> normalize_action("党委不得组织学习", ["党委"])
    '组织学习'
    """
    s = _NON_WORD.sub("", text)
    for a in sorted(set(actors), key=lambda w: (-len(w), w)):
        if a:
            s = s.replace(a, "")
    for w in MODAL_CUES:
        s = s.replace(w, "")
    return s.lstrip("各")


def bigram_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the character bigrams of ``a`` and ``b`` (1.0 when equal).

    Examples
    --------
    >>> bigram_jaccard("组织学习", "组织学习"), round(bigram_jaccard("组织学习", "组织讨论"), 2)
    (1.0, 0.2)
    """
    if a == b:
        return 1.0
    x = {a[i : i + 2] for i in range(len(a) - 1)} or {a}
    y = {b[i : i + 2] for i in range(len(b) - 1)} or {b}
    return len(x & y) / len(x | y)
