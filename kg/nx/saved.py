"""A saved projection file, read: whole, in part, with its detail, its counts.

:class:`Projection` opens the SQLite file :mod:`kg.nx.stream` writes (a
build's, found and made by :mod:`kg.nx.cache`) and loads from it the whole
graph (:meth:`Projection.graph`, optionally with every quote and value of its
nodes) or only the nodes a question reaches (:meth:`Projection.load`, used by
:mod:`kg.nx.focus`), through the file's indexes.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.nx.examples import example_graph
>>> from kg.nx.stream import save
>>> path = pathlib.Path(tempfile.mkdtemp()) / "p.sqlite"
>>> save(example_graph(), path)
>>> Projection(path).of_type("Stage")
['stage:1', 'stage:2']
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx

from kg.nx import projection


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
        The SQLite file :func:`kg.nx.stream.save_streamed` (or
        :func:`kg.nx.stream.save`) wrote.

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
        >>> from kg.nx.stream import save
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
        >>> from kg.nx.stream import save
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
