"""The projection saved beside the store: an SQLite file any question can load in part.

Projecting a large build (:func:`kg.nx.projection.project`) reads every quad
of the store: a minute at a million edges. The projection is therefore saved
once per store, as an SQLite file of pickled node and edge attributes, and
the analyses load either all of it (:meth:`Projection.graph`) or only the
nodes a question can reach (:meth:`Projection.load`, used by
:mod:`kg.nx.focus`), through the file's indexes.

The file sits in ``BUILD/.projection/`` and is named after the store it was
made from and a fingerprint of the projection code, so a new build or new
code never reads an old projection. ``kg build`` writes it with the store,
whatever the size of the build, in bounded memory (:mod:`kg.nx.stream`);
:func:`open_projection` writes it when it is missing (atomically: a temporary
file renamed).

Examples
--------
>>> import tempfile, pathlib
>>> from kg.nx.examples import example_graph
>>> path = pathlib.Path(tempfile.mkdtemp()) / "p.sqlite"
>>> save(example_graph(), path)
>>> p = Projection(path)
>>> p.of_type("Stage")
['stage:1', 'stage:2']
>>> G = p.graph()
>>> G.nodes["req:1"]["quote"], G.number_of_edges()
('督导组要在3月15日前完成学习动员', 10)

Loading part of it:

>>> G = p.empty()
>>> p.load(G, ["req:1"], keys=("stage",))
['req:1']
>>> sorted(G.edges(keys=True))
[('req:1', 'stage:1', 'stage')]
>>> p.sources(["actor:dd"], "responsibleActor")
['req:1']
>>> H = p.empty()
>>> p.load_sources(H, ["actor:dd"], "responsibleActor", keys=("responsibleActor",))
['req:1']
>>> sorted(H.edges(keys=True))
[('req:1', 'actor:dd', 'responsibleActor')]
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx

from kg.builddir import BuildDir
from kg.graph import schema
from kg.graph.store import StoreError, open_read_only, store_path
from kg.nx import projection, stream, stream_detail, stream_rows, stream_sources, stream_stage
from kg.nx.stream import INDEXES, SCHEMA

FORMAT = 4
"""Version of the file layout written by :func:`save`; raise it when the layout changes."""


def code_fingerprint() -> str:
    """Hash of what shapes a saved projection: the projection's code and :data:`FORMAT`."""
    h = hashlib.sha256()
    for module in (projection, stream, stream_sources, stream_stage, stream_rows, stream_detail):
        h.update(Path(module.__file__).read_bytes())
    h.update(f"format {FORMAT}".encode())
    return h.hexdigest()[:12]


def cache_path(build_dir: Path, store_dir: Path | None = None) -> Path:
    """Where the projection of a store of the build is saved (default: its current store).

    Raises
    ------
    kg.graph.store.StoreError
        When the directory holds no build (and ``store_dir`` is not given).
    """
    store = Path(store_dir) if store_dir is not None else store_path(Path(build_dir))
    return BuildDir(build_dir).projection / f"{store.name}-{code_fingerprint()}.sqlite"


def save(G: nx.MultiDiGraph, path: Path) -> None:
    """Write the graph ``G`` to the SQLite file ``path`` (replaced atomically).

    For graphs made by hand (:mod:`kg.nx.examples`), in examples and tests: a
    build's projection is written by :func:`kg.nx.stream.save_streamed`. Node
    attributes are pickled, except ``evidence`` and ``detail``, which go into
    their tables (:mod:`kg.nx.stream_detail`); the counts
    (:meth:`Projection.counts`) are those of the node types; nodes are numbered
    in IRI order, so the same graph gives the same rows.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        ids = {n: i for i, n in enumerate(sorted(G.nodes))}
        dump = pickle.dumps
        nodes = sorted(G.nodes(data=True), key=lambda nd: ids[nd[0]])
        con.executemany(
            "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    ids[n],
                    n,
                    d.get("type", ""),
                    d.get("label"),
                    d.get("document") if d.get("type") == "Requirement" else None,
                    d.get("start"),
                    d.get("end"),
                    dump({k: v for k, v in d.items() if k not in DETAIL_ATTRIBUTES}, protocol=5),
                )
                for n, d in nodes
            ),
        )
        con.executemany(
            "INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
            ((ids[n], *e) for n, d in nodes for e in d.get("evidence", ())),
        )
        con.executemany(
            "INSERT INTO detail VALUES (?, ?, ?)",
            ((ids[n], *kv) for n, d in nodes for kv in d.get("detail", ())),
        )
        con.executemany(
            "INSERT INTO edges VALUES (?, ?, ?, ?)",
            (
                (ids[u], ids[v], k, dump(d, protocol=5))
                for u, v, k, d in sorted(
                    G.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2])
                )
            ),
        )
        counted = {c.kind for c in schema.CLASSES if c.counted}
        counts = Counter(t for _, t in G.nodes(data="type") if t in counted)
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("documents", dump(dict(sorted(G.graph.get("documents", {}).items())), protocol=5)),
                ("counts", dump(dict(sorted(counts.items())), protocol=5)),
            ],
        )
        con.executescript(INDEXES)
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


DETAIL_ATTRIBUTES = ("evidence", "detail")
"""The node attributes :meth:`Projection.graph` adds with ``detail=True``."""


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load builds many acyclic objects.

    Usable as a decorator or a ``with`` block; it nests (the collector comes
    back only if it was on).

    Loading makes hundreds of thousands of dicts and tuples and no garbage;
    left running, the collector would walk them all repeatedly (a third of
    the time of a large load).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Projection:
    """A saved projection, opened read-only.

    Parameters
    ----------
    path : Path
        The SQLite file :func:`save` wrote.

    Examples
    --------
    See the module's: the whole graph, or the nodes a question reaches.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        self.documents: dict[str, str] = pickle.loads(
            self.con.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()[0]
        )

    def counts(self) -> dict[str, int]:
        """Distinct typed nodes per counted class, over the union of the documents.

        Every class :data:`kg.graph.schema.CLASSES` counts (quantities and
        relation assertions too, which are not nodes of the graph), sorted by
        name, those with none left out: the counts of ``summary.md`` and of
        the manifest's ``totals``.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from kg.nx.examples import example_graph
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "p.sqlite"
        >>> save(example_graph(), path)
        >>> Projection(path).counts()
        {'Actor': 2, 'Document': 1, 'Requirement': 1, 'Stage': 2, 'TimeExpression': 1}
        """
        row = self.con.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()
        return pickle.loads(row[0])

    def close(self) -> None:
        """Close the file."""
        self.con.close()

    def empty(self) -> nx.MultiDiGraph:
        """A graph with no nodes yet, carrying the build's ``documents``."""
        G = nx.MultiDiGraph()
        G.graph["documents"] = dict(self.documents)
        return G

    @paused_gc()
    def graph(self, *, detail: bool = False) -> nx.MultiDiGraph:
        """The whole projection (:func:`kg.nx.projection.project_quads`).

        Parameters
        ----------
        detail : bool
            Also give every node ``evidence``, a tuple of ``(document, start,
            end, quote)`` (every quote of it), and ``detail``, a tuple of
            ``(key, value)`` (every value of its facts, with the extraction
            rule and confidence): what the HTML views show
            (:mod:`kg.nx.stream_detail`). Nodes without any get ``()``.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from kg.nx.examples import example_graph
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "p.sqlite"
        >>> G = example_graph()
        >>> G.nodes["actor:dd"]["detail"] = (("rule", "r1"), ("scope", "global"))
        >>> save(G, path)
        >>> "detail" in Projection(path).graph().nodes["actor:dd"]
        False
        >>> G = Projection(path).graph(detail=True)
        >>> G.nodes["actor:dd"]["detail"], G.nodes["actor:dd"]["evidence"]
        ((('rule', 'r1'), ('scope', 'global')), ())
        """
        G = self.empty()
        rows = self.con.execute("SELECT id, iri, attrs FROM nodes ORDER BY id").fetchall()
        iri = {i: n for i, n, _ in rows}
        _add_nodes(G, ((n, a) for _, n, a in rows))
        del rows
        rows = self.con.execute("SELECT u, v, key, attrs FROM edges ORDER BY rowid")
        _add_edges(G, ((iri[u], iri[v], k, a) for u, v, k, a in rows))
        if detail:
            nodes = G._node
            for attr, sql in (
                ("evidence", 'SELECT node, document, start, "end", quote FROM evidence'),
                ("detail", "SELECT node, key, value FROM detail"),
            ):
                found: dict[int, list[tuple]] = {}
                for node, *row in self.con.execute(f"{sql} ORDER BY node, rowid"):
                    found.setdefault(node, []).append(tuple(row))
                for i, n in iri.items():
                    nodes[n][attr] = tuple(found.get(i, ()))
        projection.index(G)
        return G

    def of_type(self, node_type: str) -> list[str]:
        """IRIs of the nodes of one type, sorted."""
        return [
            r[0]
            for r in self.con.execute(
                "SELECT iri FROM nodes WHERE type = ? ORDER BY iri", (node_type,)
            )
        ]

    def at_span(self, document: str, start: int, end: int) -> list[str]:
        """Requirements of ``document`` spanning exactly ``start``-``end``."""
        return [
            r[0]
            for r in self.con.execute(
                'SELECT iri FROM nodes WHERE document = ? AND start = ? AND "end" = ? '
                "AND type = 'Requirement' ORDER BY iri",
                (document, start, end),
            )
        ]

    def quoting(self, text: str) -> list[str]:
        """Requirements whose quote contains ``text``."""
        return [
            r[0]
            for r in self.con.execute(
                "SELECT iri FROM nodes WHERE type = 'Requirement' AND instr(label, ?) > 0 "
                "ORDER BY iri",
                (text,),
            )
        ]

    def _pick(self, table: str, iris: Iterable[str]) -> None:
        """Fill the temporary table ``table`` with the ids of ``iris``.

        Queries join these tables with ``CROSS JOIN``, which keeps them the outer
        loop: SQLite's planner, knowing nothing of a temporary table, would
        otherwise scan every node or every edge of a key and probe it.
        """
        self._clear(table)
        self.con.executemany(
            f"INSERT OR IGNORE INTO {table} SELECT id FROM nodes WHERE iri = ?",
            ((n,) for n in set(iris)),
        )

    def _clear(self, table: str) -> None:
        """Create the temporary id table ``table`` or empty it."""
        self.con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)")
        self.con.execute(f"DELETE FROM {table}")

    def sources(self, targets: Iterable[str], key: str) -> list[str]:
        """The ``u`` of every edge ``u -key-> t`` with ``t`` in ``targets``, sorted."""
        self._pick_sources(targets, key)
        rows = self.con.execute(
            "SELECT n.iri FROM pick p CROSS JOIN nodes n ON n.id = p.id ORDER BY n.iri"
        )
        return [r[0] for r in rows]

    def _pick_sources(self, targets: Iterable[str], key: str) -> None:
        """Fill the temporary table ``pick`` with the sources of ``key`` edges into ``targets``."""
        self._pick("target", targets)
        self._clear("pick")
        self.con.execute(
            "INSERT OR IGNORE INTO pick SELECT e.u FROM target t "
            "CROSS JOIN edges e ON e.v = t.id AND e.key = ?",
            (key,),
        )

    def load_sources(
        self,
        G: nx.MultiDiGraph,
        targets: Iterable[str],
        key: str,
        *,
        keys: Iterable[str] | None = None,
    ) -> list[str]:
        """:meth:`load` the sources of the ``key`` edges into ``targets``.

        Equivalent to ``load(G, sources(targets, key), keys=keys)`` without
        handing the sources' IRIs to Python and back (example in the module docstring).
        """
        self._pick_sources(targets, key)
        return self._load_picked(G, keys)

    def load(
        self, G: nx.MultiDiGraph, iris: Iterable[str], *, keys: Iterable[str] | None = None
    ) -> list[str]:
        """Add the nodes ``iris`` to ``G`` with their out-edges (only ``keys``, if given).

        The targets of those edges come with their attributes but without
        edges of their own (unless they are in ``iris`` too). Nodes already in
        ``G`` keep what they have; their edges are added again only when new.

        Returns
        -------
        list of str
            The nodes of ``iris`` found in the projection, sorted.
        """
        self._pick("pick", iris)
        return self._load_picked(G, keys)

    @paused_gc()
    def _load_picked(self, G: nx.MultiDiGraph, keys: Iterable[str] | None) -> list[str]:
        """:meth:`load` the nodes listed in the temporary table ``pick``."""
        names = self._add_nodes(G, "pick")
        sql = "SELECT e.u, e.v, e.key, e.attrs FROM pick p CROSS JOIN edges e ON e.u = p.id"
        ks: tuple[str, ...] = ()
        if keys is not None:
            ks = tuple(sorted(set(keys)))
            sql += f" AND e.key IN ({','.join('?' * len(ks))})"
        edges = self.con.execute(sql, ks).fetchall()  # node id order, then the (u, key) index
        picked = sorted(names.values())
        targets = {v for _, v, _, _ in edges if v not in names}
        if targets:
            self._clear("reach")
            self.con.executemany("INSERT INTO reach VALUES (?)", ((v,) for v in targets))
            names |= self._add_nodes(G, "reach")
        _add_edges(G, ((names[u], names[v], k, attrs) for u, v, k, attrs in edges))
        return picked

    def _add_nodes(self, G: nx.MultiDiGraph, table: str) -> dict[int, str]:
        """Add the nodes listed in the temporary table ``table`` (unless in ``G``); id -> IRI."""
        rows = self.con.execute(
            f"SELECT n.id, n.iri, n.attrs FROM {table} t CROSS JOIN nodes n ON n.id = t.id "
            "ORDER BY t.id"
        ).fetchall()
        _add_nodes(G, ((n, a) for _, n, a in rows))
        return {i: n for i, n, _ in rows}


def _add_nodes(G: nx.MultiDiGraph, nodes: Iterable[tuple[str, bytes]]) -> None:
    """Add nodes with pickled attributes to ``G`` (those already in it keep theirs).

    Writes networkx's node and adjacency dicts directly, as
    ``MultiDiGraph.add_node`` does for a new node, at a third of the cost of
    ``add_nodes_from``.
    """
    node, succ, pred, loads = G._node, G._succ, G._pred, pickle.loads
    for n, attrs in nodes:
        if n not in node:
            succ[n] = G.adjlist_inner_dict_factory()
            pred[n] = G.adjlist_inner_dict_factory()
            node[n] = loads(attrs)


def _add_edges(G: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, bytes]]) -> None:
    """Add keyed edges (pickled attributes) between nodes of ``G``, unless present.

    Writes networkx's adjacency dicts directly (the shared key dict of
    ``G._succ[u][v]`` and ``G._pred[v][u]``, as ``MultiDiGraph.add_edge``
    does): the public method costs five times more, and a focused load adds
    tens of thousands of edges per question. Most edges carry the same few
    attribute values (the documents asserting them), so each distinct pickle
    is read once and every edge gets its own shallow copy (the values are
    immutable tuples).
    """
    succ, pred, loads = G._succ, G._pred, pickle.loads
    key_dict = G.edge_key_dict_factory
    seen: dict[bytes, dict] = {}
    for u, v, k, attrs in edges:
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = key_dict()
        if k not in keys:
            d = seen.get(attrs)
            if d is None:
                d = seen[attrs] = loads(attrs)
            keys[k] = d.copy()


def open_projection(build_dir: Path, *, progress: bool = False) -> Projection:
    """The saved projection of the build in ``build_dir``, made and saved first if missing.

    A build saves it (:func:`kg.build.publish.publish`); builds made before
    that, or by other code (the file is named after :func:`code_fingerprint`),
    have it made here from the store, once.

    Raises
    ------
    kg.graph.store.StoreError
        When the directory holds no build.
    """
    build_dir = Path(build_dir)
    path = cache_path(build_dir)
    if not path.exists():
        if progress:
            print(
                f"kg: saving the projection of {build_dir} (once per build)...",
                file=sys.stderr,
            )
        write_cache(build_dir, store_path(build_dir))
        prune(build_dir)
    try:
        return Projection(path)
    except sqlite3.Error as e:
        raise StoreError(f"{path}: unreadable saved projection ({e})") from e


def write_cache(build_dir: Path, store_dir: Path, nquads: Path | None = None) -> float:
    """Project the store in ``store_dir`` (of the build in ``build_dir``) and save it.

    In bounded memory (:func:`kg.nx.stream.save_streamed`): the quads are read
    from ``nquads`` when given (the N-Quads file the store was loaded from, a
    build's ``graph.nq``: the store need not be finished), else from the store,
    opened read-only.

    Returns
    -------
    float
        Seconds it took.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from extract.records import Document, Extraction
    >>> from kg.build.remove import publish_extractions
    >>> from kg.graph.store import store_path
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> doc = Document(name="a.txt", raw="党员要学习。", text="党员要学习。", sha256="0" * 64)
    >>> _ = publish_extractions(d / "b", [Extraction(document=doc)])
    >>> store = store_path(d / "b")
    >>> _ = write_cache(d / "c", store, d / "b" / "graph.nq")
    >>> saved = cache_path(d / "b")
    >>> (BuildDir(d / "c").projection / saved.name).read_bytes() == saved.read_bytes()
    True
    """
    t0 = time.perf_counter()
    path = cache_path(build_dir, store_dir)
    if nquads is not None:
        stream.save_streamed(stream.nquads_quads(Path(nquads)), path)
    else:
        store = open_read_only(Path(store_dir))
        try:
            stream.save_streamed(stream.store_quads(store), path)
        finally:
            del store
    return time.perf_counter() - t0


def prune(build_dir: Path) -> None:
    """Remove saved projections other than the current store's (and leftover temporary files)."""
    keep = cache_path(Path(build_dir))
    folder = keep.parent
    if folder.is_dir():
        for old in folder.iterdir():
            if old != keep:
                old.unlink(missing_ok=True)


def saved_graph(build_dir: Path, *, progress: bool = False) -> nx.MultiDiGraph:
    """The whole projection of the build, from the saved file (made if missing)."""
    p = open_projection(build_dir, progress=progress)
    try:
        return p.graph()
    finally:
        p.close()
