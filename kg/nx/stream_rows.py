"""Assembling the projection's nodes and edges from the staging tables.

The second half of :func:`kg.nx.stream.save_streamed`: :func:`write_nodes`
and :func:`write_edges` read the staging tables (:mod:`kg.nx.stream_stage`)
in IRI order, one cursor per kind of fact, and assemble each node and edge in
turn (:class:`Groups` walks the sorted cursors side by side), so only one
node or edge is held at a time. Attributes are pickled into the saved file's
``nodes`` and ``edges`` rows (:mod:`kg.nx.cache` reads them).

Examples
--------
>>> import sqlite3
>>> from kg.nx.stream import SCHEMA
>>> from kg.nx.stream_stage import derive, stage
>>> from ontology.namespaces import CK, RDF, RDFS
>>> con = sqlite3.connect(":memory:")
>>> con.executescript(SCHEMA)  # doctest: +ELLIPSIS
<sqlite3.Cursor object at ...>
>>> _ = con.execute("ATTACH DATABASE ':memory:' AS st")
>>> stage(con, [("http://e/x", str(RDF.type), str(CK.Stage), "http://e/g"),
...             ("http://e/x", str(RDFS.label), "学习", "http://e/g")])
>>> derive(con)
>>> write_nodes(con)
{}
>>> con.execute("SELECT iri, type, label FROM nodes").fetchall()
[('http://e/x', 'Stage', '学习')]
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable
from typing import Any

from kg.graph import iri
from kg.nx import projection as P
from kg.nx.stream_sources import CODE, EDGES, EVIDENCE, code
from kg.nx.stream_stage import BATCH
from ontology.namespaces import CK, OA, RDFS, SKOS


class Groups:
    """Rows of a cursor sorted by their first column, taken group by group.

    Examples
    --------
    >>> g = Groups([("a", 1), ("a", 2), ("c", 3)])
    >>> g.take("a"), g.take("b"), g.take("c")
    ([('a', 1), ('a', 2)], [], [('c', 3)])
    """

    def __init__(self, rows: Iterable[tuple]) -> None:
        self.rows = iter(rows)
        self.head = next(self.rows, None)

    def take(self, key: Any) -> list[tuple]:
        """The rows whose first column is ``key`` (those before it are skipped)."""
        out: list[tuple] = []
        while self.head is not None and self.head[0] <= key:
            if self.head[0] == key:
                out.append(self.head)
            self.head = next(self.rows, None)
        return out


def write_nodes(con: sqlite3.Connection) -> dict[str, str]:
    """Assemble and insert every node, in IRI order; return the documents (IRI -> label)."""
    docs = dict(con.execute("SELECT s, label FROM st.doc ORDER BY s"))
    lits = {code(p): (i, attr) for i, (p, attr) in enumerate(P.LITERALS)}
    lit_codes = ",".join(str(c) for c in lits)
    label, pref, kind = code(RDFS.label), code(SKOS.prefLabel), code(CK.actorKind)

    def last(code: int) -> Groups:
        return Groups(
            con.execute(
                "SELECT s, o FROM (SELECT q.s AS s, q.o AS o, MAX(q.rowid) FROM st.q "
                f"JOIN st.node n ON n.s = q.s WHERE q.p = {code} GROUP BY q.s) ORDER BY s"
            )
        )

    atype = Groups(con.execute("SELECT s, t FROM st.atype ORDER BY s"))
    literal = Groups(
        con.execute(
            f"SELECT q.s, q.p, q.o FROM st.q JOIN st.node n ON n.s = q.s "
            f"WHERE q.p IN ({lit_codes}) ORDER BY q.s, q.p, q.rowid"
        )
    )
    modality, role = last(code(CK.modality)), last(code(CK.role))
    kinds = Groups(
        con.execute(
            f"""SELECT s, COALESCE(
                (SELECT o FROM st.q WHERE p = {pref} AND s = k.o ORDER BY rowid DESC LIMIT 1),
                (SELECT o FROM st.q WHERE p = {label} AND s = k.o
                 AND s NOT IN (SELECT s FROM st.node) ORDER BY rowid DESC LIMIT 1))
            FROM (SELECT q.s AS s, q.o AS o, MAX(q.rowid) FROM st.q JOIN st.node n ON n.s = q.s
                  WHERE q.p = {kind} GROUP BY q.s) k ORDER BY s"""
        )
    )
    evidence = Groups(
        con.execute(
            "SELECT own.s, f.first, ev.a, ev.v FROM st.own "
            "JOIN st.node n ON n.s = own.s AND n.type IN ('Requirement', 'TimeExpression') "
            "JOIN st.efirst f ON f.e = own.e JOIN st.ev ev ON ev.e = own.e "
            "WHERE own.s NOT IN (SELECT s FROM st.rel) AND own.s NOT IN (SELECT q FROM st.qty) "
            "ORDER BY own.s, f.first, ev.a"
        )
    )
    quantities = Groups(
        con.execute(
            "SELECT r, start, q, comparator, value, unit FROM st.qty "
            "WHERE r IN (SELECT s FROM st.node) ORDER BY r"
        )
    )
    mentions = Groups(
        con.execute(
            f"SELECT DISTINCT q.s, q.o FROM st.q JOIN st.node n ON n.s = q.s "
            f"WHERE q.p = {code(CK.mentionedIn)} AND q.o IN (SELECT s FROM st.doc) ORDER BY q.s"
        )
    )
    ev_attr = {code(p): a for p, a in EVIDENCE}
    insert = "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    batch: list[tuple] = []
    nodes = con.execute("SELECT s, type FROM st.node ORDER BY s")
    for i, (s, t) in enumerate(nodes):
        d: dict[str, Any] = {"type": t}
        for _, a in atype.take(s):
            d["actor_type"] = a
        aliases: set[str] = set()
        for _, p, o in literal.take(s):
            attr = lits[p][1]
            if attr == "aliases":
                aliases.add(o)
            else:
                d[attr] = o
        if t == "Document":
            d["label"] = d.get("name", s)
        d.setdefault("label", s)
        if t in ("Actor", "Stage", "Step"):
            d["aliases"] = tuple(sorted(aliases))
        for _, o in modality.take(s):
            d["modality"] = P.MODALITY.get(o, o)
        for _, o in role.take(s):
            d["role"] = P.ROLE.get(o, o)
        for _, o in kinds.take(s):
            d["kind"] = o
        x: dict[str, Any] = {}
        first = None
        for _, f, a, v in evidence.take(s):
            if f != first and x:
                d.update(x)
                x = {}
            first = f
            attr = ev_attr[a]
            x[attr] = docs.get(v, v) if attr == "document" else v  # type: ignore[call-overload]
        d.update(x)
        qs = quantities.take(s)
        if qs:
            items = sorted(((start, q), (c, v, u)) for _, start, q, c, v, u in qs)
            d["quantities"] = tuple(f for _, f in items)
        if t in ("Actor", "Stage", "Step"):
            d["documents"] = tuple(sorted(docs[o] for _, o in mentions.take(s)))
        elif t == "Requirement":
            d["label"] = d.get("quote", d["label"])
            d.setdefault("quantities", ())
        doc = d.get("document") if t == "Requirement" else None
        row = (i, s, t, d.get("label"), doc, d.get("start"), d.get("end"))
        batch.append((*row, pickle.dumps(d, protocol=5)))
        if len(batch) >= BATCH:
            con.executemany(insert, batch)
            batch = []
    con.executemany(insert, batch)
    return docs


def write_edges(con: sqlite3.Connection, docs: dict[str, str]) -> None:
    """Assemble and insert every edge, in (source, target, key) order."""
    graph_doc = {str(iri.graph_iri(label)): label for label in docs.values()}
    codes = ",".join(str(CODE[str(CK[n])]) for n in EDGES)
    rows = con.execute(
        f"""SELECT a.id, b.id, k.name, q.s, q.o, q.g FROM st.q
        JOIN main.nodes a ON a.iri = q.s JOIN main.nodes b ON b.iri = q.o
        JOIN st.ekey k ON k.p = q.p WHERE q.p IN ({codes})
        ORDER BY a.id, b.id, k.name"""
    )
    found = Groups(
        ((s, o, k), (docs.get(d, d), start, end, quote))
        for s, o, k, d, start, end, quote in con.execute(
            f"""SELECT rp.s, rp.o, rp.k,
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {code(CK.document)}) AS d,
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {code(OA.start)}),
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {code(OA.end)}),
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {code(OA.exact)})
            FROM st.relp rp JOIN st.own own ON own.s = rp.r
            WHERE d IS NOT NULL ORDER BY rp.s, rp.o, rp.k"""
        )
    )
    relations = set(P.RELATIONS)
    insert = "INSERT INTO edges VALUES (?, ?, ?, ?)"
    batch: list[tuple] = []

    def flush(edge: tuple | None, ds: set[str]) -> None:
        if edge is None:
            return
        u, v, k, s, o = edge
        d: dict[str, Any] = {"documents": tuple(sorted(x for x in ds if x))}
        if k in relations:
            ev = {e for _, e in found.take((s, o, k))}
            d["evidence"] = tuple(sorted(ev, key=str))
        batch.append((u, v, k, pickle.dumps(d, protocol=5)))

    edge: tuple | None = None
    ds: set[str] = set()
    for u, v, k, s, o, g in rows:
        if edge is None or edge[:3] != (u, v, k):
            flush(edge, ds)
            if len(batch) >= BATCH:
                con.executemany(insert, batch)
                batch = []
            edge, ds = (u, v, k, s, o), set()
        ds.add(graph_doc.get(g, ""))
    flush(edge, ds)
    con.executemany(insert, batch)
