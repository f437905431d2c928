"""The build's RDF projected to a NetworkX :class:`~networkx.MultiDiGraph`.

Every analysis in :mod:`kg.nx` works on the graph :func:`project_quads` (or
:func:`project`, :func:`load_graph`) returns: the one projection, made by
streaming the quads into a saved projection file (:mod:`kg.nx.stream`) and
loading it (:mod:`kg.nx.cache`).

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

With ``detail=True`` (:func:`project_quads`, :meth:`kg.nx.cache.Projection.graph`;
read from tables of their own, not loaded by default) every node also has
``evidence``, a tuple of ``(document, start, end, quote)``, every quote of it,
and ``detail``, a tuple of ``(key, value)``: every value of the properties of
:data:`DETAIL` (the extraction ``rule`` and ``confidence`` among them) and every
``actor_type`` of an actor.

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

import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from extract import records
from kg.graph import schema
from ontology.namespaces import CK, DCTERMS, RDFS, SKOS

if TYPE_CHECKING:
    from kg.nx.stream import Quad

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
"""Literal property -> node attribute (the later value wins, except ``aliases``)."""

DETAIL: tuple[tuple[Any, str], ...] = (
    (SKOS.altLabel, "aliases"),
    (DCTERMS.title, "title"),
    (CK.speechDate, "date"),
    (CK.year, "year"),
    (CK.level, "level"),
    (CK.scope, "scope"),
    (CK.jurisdiction, "jurisdiction"),
    (CK.position, "position"),
    (CK.normalized, "normalized"),
    (CK.role, "role"),
    (CK.modality, "modality"),
    (CK.rule, "rule"),
    (CK.confidence, "confidence"),
)
"""Property -> key of the ``detail`` attribute (``detail=True``): every value of each."""


def project_quads(quads: Iterable[Quad], *, detail: bool = False) -> nx.MultiDiGraph:
    """Project a stream of quads into a :class:`~networkx.MultiDiGraph`.

    The one projector: the quads are streamed into a temporary saved
    projection (:func:`kg.nx.stream.save_streamed`, in bounded memory), which
    is then loaded whole (:meth:`kg.nx.cache.Projection.graph`). Any source of
    quads will do: a build's ``graph.nq`` (:func:`kg.nx.stream.nquads_quads`),
    its store (:func:`kg.nx.stream.store_quads`), the quads of a few documents.

    Parameters
    ----------
    quads : iterable of kg.nx.stream.Quad
        ``(subject, predicate, object, graph)`` tuples; quads of predicates the
        projection does not read are skipped, and of two values of a
        single-valued property the later one wins.
    detail : bool
        Also give every node ``evidence`` and ``detail`` (every quote, every
        value of its facts: :meth:`kg.nx.cache.Projection.graph`).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges as described in the module docstring. ``G.graph``
        holds ``documents`` (document IRI -> file name) and the lookup
        index (:func:`index`).

    Examples
    --------
    >>> from ontology.namespaces import CK, DCTERMS, RDF, RDFS
    >>> g = "https://e/graph/a"
    >>> G = project_quads([
    ...     ("https://e/a", str(RDF.type), str(CK.Document), g),
    ...     ("https://e/a", str(DCTERMS.identifier), "a.txt", g),
    ...     ("https://e/x", str(RDF.type), str(CK.Actor), g),
    ...     ("https://e/x", str(RDFS.label), "党委", g),
    ...     ("https://e/x", str(CK.mentionedIn), "https://e/a", g),
    ... ])
    >>> G.nodes["https://e/x"]["label"], G.graph["documents"]
    ('党委', {'https://e/a': 'a.txt'})
    >>> list(G.edges(keys=True))
    [('https://e/x', 'https://e/a', 'mentionedIn')]
    """
    from kg.nx.cache import Projection
    from kg.nx.stream import save_streamed

    with tempfile.TemporaryDirectory(prefix="kg-projection-") as tmp:
        path = Path(tmp) / "projection.sqlite"
        save_streamed(quads, path)
        p = Projection(path)
        try:
            return p.graph(detail=detail)
        finally:
            p.close()


def project(store: Any, *, detail: bool = False) -> nx.MultiDiGraph:
    """Project the store of a build into a :class:`~networkx.MultiDiGraph`.

    :func:`project_quads` of the store's quads (:func:`kg.nx.stream.store_quads`,
    read predicate by predicate; the ontology's own graph is ignored).

    Parameters
    ----------
    store : pyoxigraph.Store
        The build's store (:func:`kg.graph.store.open_store`).
    detail : bool
        As for :func:`project_quads`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from extract.records import Document, Extraction
    >>> from kg.build.remove import publish_extractions
    >>> from kg.graph.store import open_store
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> doc = Document(name="a.txt", raw="党员要学习。", text="党员要学习。", sha256="0" * 64)
    >>> _ = publish_extractions(d / "b", [Extraction(document=doc)])
    >>> list(project(open_store(d / "b")).graph["documents"].values())
    ['a.txt']
    """
    from kg.nx.stream import store_quads

    return project_quads(store_quads(store), detail=detail)


def load_graph(build_dir: Path, *, progress: bool = False) -> nx.MultiDiGraph:
    """The projection of the build in ``build_dir``, from its saved file.

    The file a build saves (:func:`kg.nx.cache.saved_graph`); made from the
    store first when missing (``progress``: say so on stderr).

    Raises
    ------
    kg.graph.store.StoreError
        When the directory holds no build.
    """
    from kg.nx.cache import saved_graph

    return saved_graph(Path(build_dir), progress=progress)


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
