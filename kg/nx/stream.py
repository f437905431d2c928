"""The projection streamed into its saved file, in bounded memory.

:func:`save_streamed` is the projector: it makes the saved projection
(:mod:`kg.nx.cache`) from a stream of quads without holding the graph (which
takes about 1 GB per million quads in memory); the in-memory graph of
:func:`kg.nx.projection.project_quads` is this file, loaded. The
quads go into a staging SQLite file, the joins the projection makes (a
node's evidence, quantities, actor kind, documents; a relation's reified
evidence) are made there, and each node and edge is assembled in turn from
rows sorted by IRI. What stays in memory is one node or edge at a time, the
SQLite page caches and a map of the documents (one entry per document).

Three modules make it, in this order: :mod:`kg.nx.stream_sources` (the
quads: :func:`nquads_quads`, a build's ``graph.nq`` read lazily, and
:func:`store_quads`, a store read predicate by predicate; both re-exported
here), :mod:`kg.nx.stream_stage` (staging and joins),
:mod:`kg.nx.stream_rows` (assembling nodes and edges) and
:mod:`kg.nx.stream_detail` (every quote and every value of each node, in tables
of their own that the analyses do not load). This module holds the
saved file's layout (:data:`SCHEMA`, :data:`INDEXES`) and runs them; :func:`save`
writes a graph made by hand in the same layout (for examples and tests).

Examples
--------
>>> import tempfile, pathlib
>>> from kg.graph.rdf import iter_quads
>>> from extract.records import Document, Extraction
>>> from kg.graph.nquads import to_nquads
>>> from kg.nx.cache import Projection
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> doc = Document(name="a.txt", raw="党员要学习。", text="党员要学习。", sha256="0" * 64)
>>> _ = (d / "g.nq").write_text(to_nquads(iter_quads(Extraction(document=doc))))
>>> save_streamed(nquads_quads(d / "g.nq"), d / "p.sqlite")
>>> list(Projection(d / "p.sqlite").documents.values())
['a.txt']
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.graph import schema
from kg.nx.stream_detail import count_types, write_detail
from kg.nx.stream_rows import write_edges, write_nodes
from kg.nx.stream_sources import PREDICATES, Quad, nquads_quads, store_quads
from kg.nx.stream_stage import derive, stage

__all__ = [
    "INDEXES",
    "PREDICATES",
    "SCHEMA",
    "Quad",
    "nquads_quads",
    "save",
    "save_streamed",
    "store_quads",
]

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
    label TEXT, document TEXT, start INTEGER, "end" INTEGER, attrs BLOB NOT NULL
);
CREATE TABLE edges (u INTEGER NOT NULL, v INTEGER NOT NULL, key TEXT NOT NULL, attrs BLOB NOT NULL);
CREATE TABLE evidence (
    node INTEGER NOT NULL, document TEXT NOT NULL, start INTEGER, "end" INTEGER, quote TEXT
);
CREATE TABLE detail (node INTEGER NOT NULL, key TEXT NOT NULL, value);
"""
"""The saved projection's tables (:mod:`kg.nx.cache` reads them)."""
INDEXES = """
CREATE INDEX nodes_type ON nodes (type);
CREATE INDEX nodes_span ON nodes (document, start, "end");
CREATE INDEX edges_out ON edges (u, key);
CREATE INDEX edges_in ON edges (v, key);
CREATE INDEX edges_key ON edges (key);
CREATE INDEX evidence_node ON evidence (node);
CREATE INDEX detail_node ON detail (node);
"""
"""Its indexes, made once the rows are in."""


def save_streamed(quads: Iterable[Quad], path: Path) -> None:
    """Project ``quads`` and write the saved projection ``path`` (replaced atomically).

    Its nodes and edges, loaded (:meth:`kg.nx.cache.Projection.graph`), are
    the graph the module docstring of :mod:`kg.nx.projection` describes; the
    staging file beside it is removed. The same quads give the same file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    staging = path.with_name(f".tmp-{os.getpid()}-stage-{path.name}")
    for f in (tmp, staging):
        f.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        con.execute("ATTACH DATABASE ? AS st", (str(staging),))
        con.executescript(
            "PRAGMA st.journal_mode=OFF; PRAGMA st.synchronous=OFF; PRAGMA cache_size=-32768;"
            "PRAGMA st.cache_size=-65536; PRAGMA temp_store=FILE;"
        )
        stage(con, quads)
        derive(con)
        docs = write_nodes(con)
        write_edges(con, docs)
        write_detail(con)
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("documents", pickle.dumps(docs, protocol=5)),
                ("counts", pickle.dumps(count_types(con), protocol=5)),
            ],
        )
        con.commit()
        con.execute("DETACH DATABASE st")
        con.executescript(INDEXES)
        con.commit()
    finally:
        con.close()
        staging.unlink(missing_ok=True)
    os.replace(tmp, path)


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
