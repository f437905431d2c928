"""Focused projections: the part of the saved projection one question reads.

``kg who``, ``kg deps`` and ``kg chain`` do not need the whole graph: each
function here loads, through the indexes of the saved projection
(:class:`kg.nx.cache.Projection`), every node and edge its analysis can
reach, and nothing else, so the analysis run on the returned graph gives the
rows it gives on the full projection (the tests check this on real builds).

Examples
--------
>>> import tempfile, pathlib
>>> from kg.nx.cache import Projection, save
>>> from kg.nx.examples import example_graph
>>> from kg.nx.responsibility import who
>>> path = pathlib.Path(tempfile.mkdtemp()) / "p.sqlite"
>>> save(example_graph(), path)
>>> G = who_graph(Projection(path), "督导组")
>>> [r["quote"] for r in who(G, "督导组")] == [r["quote"] for r in who(example_graph(), "督导组")]
True
"""

from __future__ import annotations

import networkx as nx

from kg.nx.cache import Projection
from kg.nx.chains import UP_RELATIONS
from kg.nx.common import find_nodes
from kg.nx.dependencies import SPAN_ITEM
from kg.nx.projection import index, out_by
from kg.nx.responsibility import responsible_groups

_BEFORE_KEYS = ("precedes", "dependsOn", "stage", "inStage")


def who_graph(
    p: Projection, actor: str, *, include_subunits: bool = False, include_generic: bool = True
) -> nx.MultiDiGraph:
    """What :func:`kg.nx.responsibility.who` reads for ``actor``.

    The actors (with ``subOrganizationOf``), the stages (with ``precedes``),
    then the requirements of the actors :func:`responsible_groups` picks, with
    their stages, deadlines and responsible actors.

    Raises
    ------
    kg.nx.common.UnknownItem
        When no actor matches.
    """
    G = p.empty()
    p.load(G, p.of_type("Actor"), keys=("subOrganizationOf",))
    p.load(G, p.of_type("Stage"), keys=("precedes",))
    index(G)
    groups = responsible_groups(
        G, actor, include_subunits=include_subunits, include_generic=include_generic
    )
    actors = [a for _, group in groups for a in group]
    p.load_sources(G, actors, "responsibleActor", keys=("responsibleActor", "stage", "deadline"))
    index(G)
    return G


def deps_graph(p: Projection, item: str) -> nx.MultiDiGraph:
    """What :func:`kg.nx.dependencies.prerequisites` reads for ``item``.

    Every stage and step, the requirements ``item`` names (as
    :func:`kg.nx.dependencies.resolve_items` resolves it), and, transitively,
    everything linked to them by ``precedes`` (into), ``dependsOn``, ``stage``
    and ``inStage`` (out).
    """
    G = p.empty()
    phases = p.of_type("Stage") + p.of_type("Step")
    p.load(G, phases, keys=_BEFORE_KEYS)
    index(G)
    seeds: list[str] = []
    m = SPAN_ITEM.match(item)
    if m:
        seeds = p.at_span(m["doc"], int(m["start"]), int(m["end"]))
    if not seeds and not find_nodes(G, item, ("Stage", "Step")):
        seeds = p.quoting(item)
    loaded, expanded = set(phases), set()
    frontier = set(phases) | set(seeds)
    while frontier:
        new = sorted(frontier - expanded)
        p.load(G, [n for n in new if n not in loaded], keys=_BEFORE_KEYS)
        loaded.update(new)
        expanded.update(new)
        reached = set(p.sources(new, "precedes"))
        for n in new:
            if n in G:
                reached.update(out_by(G, n, "dependsOn"))
        frontier = reached - expanded
    index(G)
    return G


def chain_graph(p: Projection) -> nx.MultiDiGraph:
    """What :func:`kg.nx.chains.chains` and :func:`kg.nx.chains.transitions` read.

    The actors with their ``reportsTo``, ``approves`` and ``supervises``
    edges, and the stages with ``precedes``.
    """
    G = p.empty()
    p.load(G, p.of_type("Actor"), keys=tuple(UP_RELATIONS))
    p.load(G, p.of_type("Stage"), keys=("precedes",))
    index(G)
    return G


REPORT_RELATIONS = ("reportsTo", "approves", "supervises", "subOrganizationOf")


def report_graph(p: Projection) -> nx.MultiDiGraph:
    """What the report (:mod:`kg.html.report`) reads from the projection.

    The documents; the stages and steps with ``precedes`` and ``dependsOn``
    (for :func:`kg.nx.dependencies.stage_order`); the actors with their
    relations; the time expressions, with the requirements whose deadline
    they are and those requirements' stages.
    """
    G = p.empty()
    p.load(G, p.of_type("Document"), keys=())
    p.load(G, p.of_type("Stage") + p.of_type("Step"), keys=("precedes", "dependsOn"))
    p.load(G, p.of_type("Actor"), keys=REPORT_RELATIONS)
    times = p.load(G, p.of_type("TimeExpression"), keys=())
    p.load_sources(G, times, "deadline", keys=("deadline", "stage"))
    index(G)
    return G
