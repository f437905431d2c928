"""Tiny hand-built projections for the examples and doctests of :mod:`kg.nx`.

They have the shape :func:`kg.nx.projection.project` gives (node ``type``,
``label`` and attributes; edges keyed by property with ``documents`` and, for
relations, ``evidence``), with short made-up node names.

Examples
--------
>>> G = example_graph()
>>> G.nodes["req:1"]["quote"]
'督导组要在3月15日前完成学习动员'
"""

from __future__ import annotations

import networkx as nx


def example_graph() -> nx.MultiDiGraph:
    """A tiny hand-built projection, for examples and doctests.

    One document ``a.txt``; stages 学习动员 -> 分析评议; actors 督导组 and
    党委 (党委 reportsTo 督导组); one requirement of 督导组 in 学习动员 with
    deadline 3月15日 (``--03-15``).

    Examples
    --------
    >>> G = example_graph()
    >>> G.number_of_nodes(), G.number_of_edges()
    (7, 10)
    """
    G = nx.MultiDiGraph(documents={"doc:a": "a.txt"})
    quote = "督导组要在3月15日前完成学习动员"
    G.add_node("doc:a", type="Document", label="a.txt")
    for n, label in (("actor:dd", "督导组"), ("actor:dw", "党委")):
        G.add_node(
            n,
            type="Actor",
            label=label,
            aliases=(),
            scope="local",
            actor_type="SupervisoryGroup" if label == "督导组" else "PartyCommittee",
            documents=("a.txt",),
        )
    for n, label in (("stage:1", "学习动员"), ("stage:2", "分析评议")):
        G.add_node(n, type="Stage", label=label, aliases=(), documents=("a.txt",))
    G.add_node(
        "time:1",
        type="TimeExpression",
        label="3月15日",
        normalized="--03-15",
        role="deadline",
        document="a.txt",
        start=5,
        end=10,
        quote="3月15日",
    )
    G.add_node(
        "req:1",
        type="Requirement",
        label=quote,
        quote=quote,
        modality="obligation",
        quantities=(),
        document="a.txt",
        start=0,
        end=len(quote),
    )
    docs = ("a.txt",)
    for n in ("actor:dd", "actor:dw", "stage:1", "stage:2", "req:1"):
        G.add_edge(n, "doc:a", key="mentionedIn", documents=docs)
    G.add_edge("req:1", "actor:dd", key="responsibleActor", documents=docs)
    G.add_edge("req:1", "stage:1", key="stage", documents=docs)
    G.add_edge("req:1", "time:1", key="deadline", documents=docs)
    ev = (("a.txt", 20, 30, "党委报督导组"),)
    G.add_edge("actor:dw", "actor:dd", key="reportsTo", documents=docs, evidence=ev)
    ev = (("a.txt", 31, 40, "学习动员后分析评议"),)
    G.add_edge("stage:1", "stage:2", key="precedes", documents=docs, evidence=ev)
    return G


def example_graph_with_cycle() -> nx.MultiDiGraph:
    """:func:`kg.nx.projection.example_graph` plus 分析评议 precedes 学习动员 (a cycle)."""
    G = example_graph()
    G.add_edge("stage:2", "stage:1", key="precedes", documents=("a.txt",), evidence=())
    return G


def example_pair() -> nx.MultiDiGraph:
    """Two tiny documents: a.txt 学习不少于45学时 by 3月15日; b.txt 40学时 by 3月31日, and more."""
    G = nx.MultiDiGraph(documents={"doc:a": "a.txt", "doc:b": "b.txt"})
    G.add_node("doc:a", type="Document", label="a.txt")
    G.add_node("doc:b", type="Document", label="b.txt")
    G.add_node("stage:1", type="Stage", label="学习动员", aliases=(), documents=("a.txt", "b.txt"))
    reqs = (
        ("r:a", "a.txt", "党员学习不少于45学时", 45, "t:a", "--03-15"),
        ("r:b", "b.txt", "党员学习不少于40学时", 40, "t:b", "--03-31"),
        ("r:c", "b.txt", "各支部要召开动员大会", None, None, None),
    )
    for r, doc, quote, hours, t, date in reqs:
        G.add_node(
            r,
            type="Requirement",
            label=quote,
            quote=quote,
            modality="obligation",
            document=doc,
            start=0 if r != "r:c" else 20,
            end=len(quote),
            quantities=(((">=", hours, "学时"),) if hours else ()),
        )
        G.add_edge(r, "stage:1", key="stage")
        if t:
            G.add_node(t, type="TimeExpression", label=date, normalized=date, role="deadline")
            G.add_edge(r, t, key="deadline")
    return G
