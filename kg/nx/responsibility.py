"""Who must do what: an actor's requirements, and the actor x stage matrix.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> rows = who(example_graph(), "督导组")
>>> [(r["actor"], r["via"], r["stage"], r["quote"]) for r in rows]
[('督导组', 'direct', '学习动员', '督导组要在3月15日前完成学习动员')]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from extract.lexicon import data_json
from kg.nx.common import (
    find_nodes,
    requirement_key,
    requirement_row,
    requirements_of,
    stage_ranks,
    unknown_item,
)
from kg.nx.projection import edges_of, nodes_of, out_by

GENERIC_ACTORS: frozenset[str] = frozenset(data_json("actors.json")["generic_categories"])
"""Labels of generic categories: their requirements bind every organization.

Read from the extractor's actor lexicon (``extract/data/actors.json``), where
every list of actor words lives.
"""

ORGANIZATION_TYPES: frozenset[str] = frozenset(
    {
        "PartyCommittee",
        "LeadingGroup",
        "CampaignOffice",
        "SupervisoryGroup",
        "GovernmentBody",
        "PartyBranch",
    }
)

WHO_COLUMNS = [
    "actor",
    "via",
    "stage",
    "modality",
    "deadline",
    "quantities",
    "document",
    "start",
    "end",
    "quote",
]


def is_generic(G: nx.MultiDiGraph, actor: str) -> bool:
    """Whether ``actor`` is a generic category (:data:`GENERIC_ACTORS`).

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> is_generic(example_graph(), "actor:dd")
    False
    """
    return G.nodes[actor]["label"] in GENERIC_ACTORS


def subunits(G: nx.MultiDiGraph, actors: list[str]) -> list[str]:
    """Actors that are sub-organizations of ``actors``, transitively (not ``actors``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="subOrganizationOf")
    >>> _ = G.add_edge("b", "c", key="subOrganizationOf")
    >>> subunits(G, ["c"])
    ['a', 'b']
    """
    seen = set(actors)
    todo = list(actors)
    while todo:
        n = todo.pop()
        for u, keys in G.pred[n].items():
            if "subOrganizationOf" in keys and u not in seen:
                seen.add(u)
                todo.append(u)
    return sorted(seen - set(actors))


def responsible_groups(
    G: nx.MultiDiGraph,
    actor: str,
    *,
    include_subunits: bool = False,
    include_generic: bool = True,
) -> list[tuple[str, list[str]]]:
    """The actors whose requirements :func:`who` lists, as ``(via, actors)`` groups.

    Needs only the actors, their labels, kinds and ``subOrganizationOf`` edges
    (what :func:`kg.nx.focus.who_graph` loads first).

    Raises
    ------
    UnknownItem
        When no actor matches.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> responsible_groups(example_graph(), "督导组")
    [('direct', ['actor:dd']), ('generic', [])]
    """
    matched = find_nodes(G, actor, ("Actor",))
    if not matched:
        raise unknown_item(G, "actor", actor, ("Actor",))
    groups: list[tuple[str, list[str]]] = [("direct", matched)]
    if include_subunits:
        groups.append(("subunit", subunits(G, matched)))
    if include_generic and any(G.nodes[a].get("actor_type") in ORGANIZATION_TYPES for a in matched):
        generic = [a for a in nodes_of(G, "Actor") if is_generic(G, a) and a not in matched]
        groups.append(("generic", generic))
    return groups


def who(
    G: nx.MultiDiGraph,
    actor: str,
    *,
    include_subunits: bool = False,
    include_generic: bool = True,
) -> list[dict[str, Any]]:
    """The requirements an actor is responsible for, in stage then document order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection (:func:`kg.nx.projection.project`).
    actor : str
        A label, alias or actor kind (督导组 matches 区委督导组 by kind); a
        label containing it when nothing matches exactly.
    include_subunits : bool
        Also the requirements of its sub-organizations (``subOrganizationOf``,
        transitively); their rows have ``via == "subunit"``.
    include_generic : bool
        Also, when the actor is an organization, the requirements of generic
        categories (各级党组织 -> 党组织, 各单位...); rows with ``via == "generic"``,
        listed after the actor's own.

    Returns
    -------
    list of dict
        One row per (actor, requirement): :data:`WHO_COLUMNS`.

    Raises
    ------
    UnknownItem
        When no actor matches.
    """
    ranks = stage_ranks(G)
    groups = responsible_groups(
        G, actor, include_subunits=include_subunits, include_generic=include_generic
    )
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for via, actors in groups:
        part = []
        for a in actors:
            label = G.nodes[a]["label"]
            for r in requirements_of(G, a):
                if r in seen and via != "direct":
                    continue
                part.append((requirement_key(G, r, ranks), label, r))
        part.sort()
        for _, label, r in part:
            seen.add(r)
            row = requirement_row(G, r, ranks)
            rows.append({"actor": label, "via": via, **row})
    return rows


def matrix(G: nx.MultiDiGraph) -> tuple[list[str], dict[tuple[str, str], list[str]]]:
    """Actor x stage responsibility matrix.

    Returns
    -------
    stages : list of str
        Stage labels in stage order, then ``"(none)"`` for requirements
        without a stage.
    cells : dict
        ``(actor label, stage label) -> requirement nodes`` (in stage then
        document order).

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> stages, cells = matrix(example_graph())
    >>> stages, {k: len(v) for k, v in cells.items()}
    (['学习动员', '分析评议', '(none)'], {('督导组', '学习动员'): 1})
    """
    ranks = stage_ranks(G)
    stages = list(dict.fromkeys(G.nodes[s]["label"] for s in sorted(ranks, key=ranks.__getitem__)))
    cells: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for r, a in edges_of(G, "responsibleActor"):
        key = requirement_key(G, r, ranks)
        for s in out_by(G, r, "stage") or [None]:
            label = G.nodes[s]["label"] if s else "(none)"
            cells[(G.nodes[a]["label"], label)].append((key, r))
    return [*stages, "(none)"], {k: [r for _, r in sorted(v)] for k, v in sorted(cells.items())}


def matrix_rows(G: nx.MultiDiGraph, *, long: bool = False) -> list[dict[str, Any]]:
    """The matrix as rows: wide (one per actor, a count per stage) or long.

    The long form has one row per non-empty cell with its ``requirements``
    (document, start, end, quote of each).

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> matrix_rows(example_graph())
    [{'actor': '督导组', '学习动员': 1, '分析评议': 0, '(none)': 0, 'total': 1}]
    >>> matrix_rows(example_graph(), long=True)[0]["requirements"][0]["quote"]
    '督导组要在3月15日前完成学习动员'
    """
    stages, cells = matrix(G)
    if long:
        ranks = {s: i for i, s in enumerate(stages)}
        out = []
        for (actor, stage), reqs in sorted(
            cells.items(), key=lambda kv: (kv[0][0], ranks[kv[0][1]])
        ):
            out.append(
                {
                    "actor": actor,
                    "stage": stage,
                    "count": len(reqs),
                    "requirements": [
                        {k: G.nodes[r].get(k) for k in ("document", "start", "end", "quote")}
                        for r in reqs
                    ],
                }
            )
        return out
    actors = sorted({a for a, _ in cells})
    rows = []
    for a in actors:
        row: dict[str, Any] = {"actor": a}
        for s in stages:
            row[s] = len(cells.get((a, s), ()))
        row["total"] = sum(row[s] for s in stages)
        rows.append(row)
    rows.sort(key=lambda r: (-r["total"], r["actor"]))
    return rows


def cell_rows(G: nx.MultiDiGraph, actor: str, stage: str) -> list[dict[str, Any]]:
    """The requirements behind one cell of the matrix (rows as in :func:`who`).

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> [r["quote"] for r in cell_rows(example_graph(), "督导组", "学习动员")]
    ['督导组要在3月15日前完成学习动员']
    """
    _, cells = matrix(G)
    ranks = stage_ranks(G)
    return [
        {"actor": actor, "via": "direct", **requirement_row(G, r, ranks)}
        for r in cells.get((actor, stage), [])
    ]
