"""The build's RDF projected to a NetworkX :class:`~networkx.MultiDiGraph`.

Every analysis in :mod:`kg.nx` works on the graph :func:`project` returns.

Nodes are the instance IRIs (``str``) of documents, actors, stages, steps,
requirements and time expressions; each carries ``type`` (one of
:data:`NODE_TYPES`), ``label`` and the literal facts as attributes (literals are
never nodes). Evidence, quantities and relation assertions become attributes
too:

========================  ===========================================================
node type                 attributes
========================  ===========================================================
``Document``              ``label`` (file name), ``title``, ``date``, ``year``
``Actor``                 ``label``, ``aliases``, ``actor_type``, ``scope``, ``kind``,
                          ``level``, ``jurisdiction``, ``documents``
``Stage``, ``Step``       ``label``, ``aliases``, ``documents``
``TimeExpression``        ``label`` (surface), ``normalized``, ``role``, ``document``,
                          ``start``, ``end``, ``quote``
``Requirement``           ``label`` (= ``quote``), ``modality``, ``quantities``
                          (tuple of ``(comparator, value, unit)``), ``document``,
                          ``start``, ``end``, ``quote``
========================  ===========================================================

Edges are keyed by the property's local name (``G.edges[u, v, "precedes"]``):
``responsibleActor``, ``stage``, ``deadline`` (requirement -> ...), ``inStage``,
``mentionedIn`` (-> document), ``issuer`` (document -> actor) and the relations
:data:`RELATIONS`. Every edge has ``documents``, the sorted names of the
documents whose named graph asserts it; relation edges also have ``evidence``,
a tuple of ``(document, start, end, quote)``.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> G = example_graph()
>>> sorted(G.nodes[n]["label"] for n in nodes_of(G, "Stage"))
['分析评议', '学习动员']
>>> [(G.nodes[u]["label"], G.nodes[v]["label"]) for u, v in edges_of(G, "precedes")]
[('学习动员', '分析评议')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from extract import records
from kg.graph import iri, schema
from kg.graph.store import iter_predicate, open_store
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS, SKOS

NODE_TYPES: dict[str, str] = {str(c.iri): c.kind for c in schema.VIEWED}
"""Class IRI -> node ``type`` (:data:`kg.graph.schema.VIEWED`)."""

ACTOR_TYPES: dict[str, str] = {str(CK[t]): t for t in records.ACTOR_TYPES}

RELATIONS: tuple[str, ...] = records.RELATION_TYPES
"""The relation edges of DOMAIN.md section 2 (reified with evidence in RDF)."""

LINKS: tuple[str, ...] = (
    "responsibleActor",
    "stage",
    "deadline",
    "inStage",
    "mentionedIn",
    "issuer",
)
"""The other object-property edges."""

MODALITY = {str(CK[m]): m for m in ("obligation", "prohibition", "permission", "exhortation")}
ROLE = {str(CK[r]): r for r in ("deadline", "schedule", "event")}

# literal property -> attribute name, per node type ("*" for all)
LITERALS: tuple[tuple[Any, str], ...] = (
    (RDFS.label, "label"),
    (SKOS.altLabel, "aliases"),
    (CK.scope, "scope"),
    (CK.level, "level"),
    (CK.jurisdiction, "jurisdiction"),
    (CK.position, "position"),
    (CK.normalized, "normalized"),
    (DCTERMS.identifier, "name"),
    (DCTERMS.title, "title"),
    (CK.speechDate, "date"),
    (CK.year, "year"),
)


def _doc_names(G: nx.MultiDiGraph) -> dict[str, str]:
    return {n: d["label"] for n, d in G.nodes(data=True) if d.get("type") == "Document"}


def project(store: Any, *, progress: bool = False) -> nx.MultiDiGraph:
    """Project the store of a build into a :class:`~networkx.MultiDiGraph`.

    Reads the store predicate by predicate (index scans, no SPARQL result
    overhead); literals become attributes, object properties typed edges.
    The ontology's own graph is ignored.

    Parameters
    ----------
    store : pyoxigraph.Store
        The build's store (:func:`kg.graph.store.open_store`).
    progress : bool
        Show a progress bar (one step per predicate) on stderr.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges as described in the module docstring. ``G.graph``
        holds ``documents`` (document IRI -> file name) and the lookup
        index (:func:`index`).

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> G = example_graph()
    >>> r = next(iter(nodes_of(G, "Requirement")))
    >>> G.nodes[r]["modality"], G.nodes[r]["quote"], G.nodes[r]["document"]
    ('obligation', '督导组要在3月15日前完成学习动员', 'a.txt')
    """
    onto = str(iri.ONTOLOGY_GRAPH)
    G = nx.MultiDiGraph()
    steps = _steps(progress)

    def quads(pred: Any) -> Iterator[tuple[str, Any, str | None]]:
        next(steps)
        for s, o, g in iter_predicate(store, str(pred)):
            if g != onto:
                yield s, o, g

    actor_types: dict[str, str] = {}
    relation_nodes: set[str] = set()
    rel_class = str(CK.RelationAssertion)
    for s, o, _ in quads(RDF.type):
        t = NODE_TYPES.get(o)  # type: ignore[arg-type]
        if t is not None:
            G.add_node(s, type=t)
        elif o in ACTOR_TYPES:
            actor_types[s] = ACTOR_TYPES[o]  # type: ignore[index]
        elif o == rel_class:
            relation_nodes.add(s)
    nodes = G.nodes
    for s, t in actor_types.items():
        if s in nodes:
            nodes[s]["actor_type"] = t
    aliases: dict[str, set[str]] = defaultdict(set)
    other_labels: dict[str, str] = {}
    for pred, attr in LITERALS:
        for s, o, _ in quads(pred):
            if s not in nodes:
                if attr == "label":
                    other_labels[s] = o  # type: ignore[assignment]
                continue
            if attr == "aliases":
                aliases[s].add(o)  # type: ignore[arg-type]
            else:
                nodes[s][attr] = o
    for s, d in nodes(data=True):
        if d["type"] == "Document":
            d["label"] = d.get("name", s)
        d.setdefault("label", s)
        if d["type"] in ("Actor", "Stage", "Step"):
            d["aliases"] = tuple(sorted(aliases.get(s, ())))
    for s, o, _ in quads(CK.modality):
        if s in nodes:
            nodes[s]["modality"] = MODALITY.get(o, o)  # type: ignore[arg-type]
    for s, o, _ in quads(CK.role):
        if s in nodes:
            nodes[s]["role"] = ROLE.get(o, o)  # type: ignore[arg-type]
    kinds = other_labels | {s: o for s, o, _ in quads(SKOS.prefLabel)}
    for s, o, _ in quads(CK.actorKind):
        if s in nodes:
            nodes[s]["kind"] = kinds.get(o)  # type: ignore[arg-type]
    graph_doc = _graph_documents(G)
    G.graph["documents"] = _doc_names(G)
    _attach(G, quads, relation_nodes)
    for name in LINKS + RELATIONS:
        docs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for s, o, g in quads(CK[name]):
            if s in nodes and o in nodes:
                docs[(s, o)].add(graph_doc.get(g, ""))  # type: ignore[index, arg-type]
        for (s, o), ds in docs.items():
            G.add_edge(s, o, key=name, documents=tuple(sorted(d for d in ds if d)))
    _relation_evidence(G, quads, relation_nodes)
    for n, d in nodes(data=True):
        if d["type"] in ("Actor", "Stage", "Step"):
            d["documents"] = tuple(
                sorted(
                    nodes[v]["label"] for _, v, k in G.out_edges(n, keys=True) if k == "mentionedIn"
                )
            )
        elif d["type"] == "Requirement":
            d["label"] = d.get("quote", d["label"])
            d.setdefault("quantities", ())
    steps.close()
    index(G)
    return G


def _steps(progress: bool) -> Iterator[None]:
    total = 5 + len(LITERALS) + 9 + len(LINKS) + len(RELATIONS) + 3
    if not progress:
        while True:
            yield None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="project", unit="pred", leave=False)
    try:
        while True:
            yield None
            bar.update()
    finally:
        bar.close()


def _graph_documents(G: nx.MultiDiGraph) -> dict[str | None, str]:
    return {
        str(iri.graph_iri(d["label"])): d["label"]
        for _, d in G.nodes(data=True)
        if d["type"] == "Document"
    }


def _attach(G: nx.MultiDiGraph, quads: Any, relation_nodes: set[str]) -> None:
    """Evidence, quantities and reified relations -> node and edge attributes."""
    nodes = G.nodes
    qty_of: dict[str, str] = {}
    for s, o, _ in quads(CK.quantity):
        if s in nodes:
            qty_of[o] = s  # type: ignore[index]
    owners: dict[str, list[str]] = defaultdict(list)
    for s, o, _ in quads(CK.evidence):
        if (
            s in relation_nodes
            or s in qty_of
            or (s in nodes and nodes[s]["type"] in ("Requirement", "TimeExpression"))
        ):
            owners[o].append(s)  # type: ignore[index]
    names = G.graph["documents"]
    ev: dict[str, dict[str, Any]] = defaultdict(dict)
    for pred, attr in (
        (CK.document, "document"),
        (OA.start, "start"),
        (OA.end, "end"),
        (OA.exact, "quote"),
    ):
        for s, o, _ in quads(pred):
            if s in owners:
                ev[s][attr] = names.get(o, o) if attr == "document" else o
    facts: dict[str, dict[str, Any]] = defaultdict(dict)
    for pred, attr in ((CK.comparator, "comparator"), (CK.value, "value"), (CK.unit, "unit")):
        for s, o, _ in quads(pred):
            if s in qty_of:
                facts[s][attr] = o
    rel_evidence: dict[str, list[tuple]] = defaultdict(list)
    for e, who in owners.items():
        x = ev.get(e, {})
        for s in who:
            if s in relation_nodes:
                if "document" in x:
                    rel_evidence[s].append(
                        (x["document"], x.get("start"), x.get("end"), x.get("quote"))
                    )
            elif s in qty_of:
                facts[s]["start"] = x.get("start", 0)
            else:
                nodes[s].update(x)
    by_req: dict[str, list[tuple]] = defaultdict(list)
    for q, r in qty_of.items():
        f = facts.get(q, {})
        by_req[r].append(
            (f.get("start", 0), q, (f.get("comparator"), f.get("value"), f.get("unit")))
        )
    for r, items in by_req.items():
        nodes[r]["quantities"] = tuple(t for _, _, t in sorted(items, key=lambda i: i[:2]))
    G.graph["_relation_evidence"] = rel_evidence


def _relation_evidence(G: nx.MultiDiGraph, quads: Any, relation_nodes: set[str]) -> None:
    parts: dict[str, dict[str, str]] = defaultdict(dict)
    for pred, attr in ((RDF.subject, "s"), (RDF.predicate, "p"), (RDF.object, "o")):
        for s, o, _ in quads(pred):
            if s in relation_nodes:
                parts[s][attr] = o  # type: ignore[assignment]
    rel_ev = G.graph.pop("_relation_evidence")
    prefix = str(CK)
    found: dict[tuple[str, str, str], set[tuple]] = defaultdict(set)
    for r, p in parts.items():
        if len(p) == 3 and p["p"].startswith(prefix):
            found[(p["s"], p["o"], p["p"][len(prefix) :])].update(rel_ev.get(r, ()))
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in RELATIONS:
            d["evidence"] = tuple(sorted(found.get((u, v, k), ()), key=str))


def load_graph(build_dir: Path, *, progress: bool = False) -> nx.MultiDiGraph:
    """Open the build in ``build_dir`` read-only and project it (:func:`project`).

    Raises
    ------
    kg.graph.store.StoreError
        When the directory holds no build.
    """
    store = open_store(Path(build_dir))
    try:
        return project(store, progress=progress)
    finally:
        del store


INDEX = "index"
"""Key in ``G.graph`` of the lookup index :func:`index` builds (see there)."""


def index(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Build (or refresh) the lookup index of ``G``: nodes by type, relation edges by key.

    :func:`project` builds it once; :func:`nodes_of` and :func:`edges_of` use
    it while the graph's node count is unchanged and scan the graph otherwise
    (graphs built by hand have none). Treat a projection as read-only, or
    call :func:`index` again after changing it.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> sorted(index(example_graph())["types"])
    ['Actor', 'Document', 'Requirement', 'Stage', 'TimeExpression']
    """
    types: dict[str, list[str]] = defaultdict(list)
    for n, d in G._node.items():  # the dicts behind G.nodes and G.edges: 3x faster
        types[d.get("type", "")].append(n)
    keyed: dict[str, list[tuple[str, str]]] = {k: [] for k in RELATIONS}
    for u, nbrs in G._succ.items():
        for v, keys in nbrs.items():
            for k in keys:
                if k in keyed:
                    keyed[k].append((u, v))
    idx = {
        "nodes": G.number_of_nodes(),
        "types": {t: sorted(ns) for t, ns in types.items()},
        "relations": {k: sorted(es) for k, es in keyed.items()},
    }
    G.graph[INDEX] = idx
    return idx


def _index(G: nx.MultiDiGraph) -> dict[str, Any] | None:
    idx = G.graph.get(INDEX)
    return idx if idx is not None and idx["nodes"] == G.number_of_nodes() else None


def nodes_of(G: nx.MultiDiGraph, node_type: str) -> list[str]:
    """The nodes of type ``node_type`` (``"Actor"``, ``"Stage"``...), sorted.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> nodes_of(example_graph(), "Document")
    ['doc:a']
    """
    idx = _index(G)
    if idx is not None:
        return list(idx["types"].get(node_type, ()))
    return sorted(n for n, d in G.nodes(data=True) if d.get("type") == node_type)


def edges_of(G: nx.MultiDiGraph, *keys: str) -> list[tuple[str, str]]:
    """The ``(u, v)`` of edges whose key is one of ``keys``, sorted.

    Relation keys (:data:`RELATIONS`) come from the index; others scan the edges.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> len(edges_of(example_graph(), "responsibleActor"))
    1
    """
    idx = _index(G)
    if idx is not None and all(k in RELATIONS for k in keys):
        return sorted(e for k in set(keys) for e in idx["relations"][k])
    ks = set(keys)
    return sorted((u, v) for u, v, k in G.edges(keys=True) if k in ks)


# The adjacency helpers read networkx's adjacency dicts directly (``G._succ``,
# ``G._pred``): the public views cost several times more per access, and these
# run once per row.


def out_by(G: nx.MultiDiGraph, n: str, key: str) -> list[str]:
    """Targets of ``n``'s out-edges keyed ``key``, sorted."""
    return sorted(v for v, keys in G._succ[n].items() if key in keys)


def in_by(G: nx.MultiDiGraph, n: str, key: str) -> list[str]:
    """Sources of ``n``'s in-edges keyed ``key``, sorted."""
    return sorted(u for u, keys in G._pred[n].items() if key in keys)


def out_keyed(G: nx.MultiDiGraph, n: str) -> dict[str, list[str]]:
    """``n``'s out-edge targets grouped by key (one pass), each sorted.

    Examples
    --------
    >>> from kg.nx.examples import example_graph
    >>> out_keyed(example_graph(), "req:1")["stage"]
    ['stage:1']
    """
    out: dict[str, list[str]] = defaultdict(list)
    for v, keys in G._succ[n].items():
        for k in keys:
            out[k].append(v)
    for vs in out.values():
        vs.sort()
    return out
