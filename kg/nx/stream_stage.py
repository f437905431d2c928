"""Staging the quads in SQLite and making the projection's joins there.

The first half of :func:`kg.nx.stream.save_streamed`: :func:`stage` writes
the quads into the staging table ``st.q`` (the file attached as ``st``;
rowid = the quads' order, so "the later value wins" is "the larger rowid
wins"), :func:`derive` makes the joins the projection needs as staging tables
keyed by IRI (nodes and their types, documents, the owners of each piece of
evidence, quantities, reified relations). :mod:`kg.nx.stream_rows` then
assembles the nodes and edges from them.

Examples
--------
>>> import sqlite3
>>> from ontology.namespaces import CK, RDF
>>> con = sqlite3.connect(":memory:")
>>> _ = con.execute("ATTACH DATABASE ':memory:' AS st")
>>> stage(con, [("http://e/x", str(RDF.type), str(CK.Actor), "http://e/g")])
>>> derive(con)
>>> con.execute("SELECT s, type FROM st.node").fetchall()
[('http://e/x', 'Actor')]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from kg.nx import projection as P
from kg.nx.stream_sources import CODE, EDGES, EVIDENCE, PARTS, QUANTITY, Quad, code
from ontology.namespaces import CK, DCTERMS, OA, RDF

BATCH = 50_000
"""Rows inserted per ``executemany``."""


def stage(con: sqlite3.Connection, quads: Iterable[Quad]) -> None:
    """The quads into ``st.q`` (rowid: their order), with the small lookup tables.

    ``st.cls`` (class IRI -> node type, actor type, relation assertion or
    not) and ``st.ekey`` (predicate number -> edge key).
    """
    con.executescript(
        """
        CREATE TABLE st.q (s TEXT NOT NULL, p INTEGER NOT NULL, o, g TEXT NOT NULL);
        CREATE TABLE st.cls (iri TEXT PRIMARY KEY, kind TEXT, actor_type TEXT, rel INTEGER);
        CREATE TABLE st.ekey (p INTEGER PRIMARY KEY, name TEXT NOT NULL);
        """
    )
    code = CODE
    batch: list[tuple] = []
    for s, p, o, g in quads:
        batch.append((s, code[p], o, g))
        if len(batch) >= BATCH:
            con.executemany("INSERT INTO st.q VALUES (?, ?, ?, ?)", batch)
            batch = []
    con.executemany("INSERT INTO st.q VALUES (?, ?, ?, ?)", batch)
    rows = {c: [c, k, None, 0] for c, k in P.NODE_TYPES.items()}
    for c, t in P.ACTOR_TYPES.items():
        rows.setdefault(c, [c, None, None, 0])[2] = t
    rows.setdefault(str(CK.RelationAssertion), [str(CK.RelationAssertion), None, None, 0])[3] = 1
    con.executemany("INSERT INTO st.cls VALUES (?, ?, ?, ?)", list(rows.values()))
    con.executemany("INSERT INTO st.ekey VALUES (?, ?)", [(CODE[str(CK[n])], n) for n in EDGES])
    con.executescript("CREATE INDEX st.q_ps ON q (p, s); CREATE INDEX st.q_po ON q (p, o);")


def derive(con: sqlite3.Connection) -> None:
    """The projection's joins, as staging tables keyed by IRI (each "last wins" by rowid).

    ``node`` (IRI -> type), ``atype`` (actor type), ``rel`` (relation assertions),
    ``doc`` (document node -> its label), ``own`` (who owns each evidence, and
    where that evidence first appears), ``ev`` (evidence -> document, start,
    end, quote), ``qty`` (quantity -> its requirement and facts), ``relp``
    (relation assertion -> subject, object, relation name).
    """
    t, name = code(RDF.type), code(DCTERMS.identifier)
    ev_codes = ",".join(str(code(p)) for p, _ in EVIDENCE)
    con.executescript(
        f"""
        CREATE TABLE st.node (s TEXT PRIMARY KEY, type TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO st.node SELECT s, kind FROM (
            SELECT q.s AS s, c.kind AS kind, MAX(q.rowid) FROM st.q JOIN st.cls c ON c.iri = q.o
            WHERE q.p = {t} AND c.kind IS NOT NULL GROUP BY q.s);
        CREATE TABLE st.atype (s TEXT PRIMARY KEY, t TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO st.atype SELECT s, t FROM (
            SELECT q.s AS s, c.actor_type AS t, MAX(q.rowid) FROM st.q
            JOIN st.cls c ON c.iri = q.o AND c.kind IS NULL AND c.actor_type IS NOT NULL
            JOIN st.node n ON n.s = q.s WHERE q.p = {t} GROUP BY q.s);
        CREATE TABLE st.rel (s TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT OR IGNORE INTO st.rel SELECT q.s FROM st.q JOIN st.cls c ON c.iri = q.o
            WHERE q.p = {t} AND c.kind IS NULL AND c.actor_type IS NULL AND c.rel = 1;
        CREATE TABLE st.doc (s TEXT PRIMARY KEY, label NOT NULL) WITHOUT ROWID;
        INSERT INTO st.doc SELECT n.s, COALESCE(
            (SELECT o FROM st.q WHERE p = {name} AND s = n.s ORDER BY rowid DESC LIMIT 1), n.s)
            FROM st.node n WHERE n.type = 'Document';
        CREATE TABLE st.qty (q TEXT PRIMARY KEY, r TEXT NOT NULL,
            comparator, value, unit, start) WITHOUT ROWID;
        INSERT INTO st.qty (q, r) SELECT o, s FROM (
            SELECT q.o AS o, q.s AS s, MAX(q.rowid) FROM st.q JOIN st.node n ON n.s = q.s
            WHERE q.p = {code(CK.quantity)} GROUP BY q.o);
        CREATE TABLE st.own (e TEXT NOT NULL, s TEXT NOT NULL, first INTEGER);
        INSERT INTO st.own (e, s) SELECT DISTINCT q.o, q.s FROM st.q WHERE q.p = {code(CK.evidence)}
            AND (q.s IN (SELECT s FROM st.rel) OR q.s IN (SELECT q FROM st.qty)
                 OR q.s IN (SELECT s FROM st.node
                            WHERE type IN ('Requirement', 'TimeExpression')));
        CREATE INDEX st.own_e ON own (e);
        CREATE INDEX st.own_s ON own (s);
        CREATE TABLE st.efirst (e TEXT PRIMARY KEY, first INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO st.efirst SELECT q.o, MIN(q.rowid) FROM st.q
            WHERE q.p = {code(CK.evidence)} AND q.o IN (SELECT e FROM st.own)
            AND q.s IN (SELECT s FROM st.own WHERE own.e = q.o) GROUP BY q.o;
        CREATE TABLE st.ev (e TEXT NOT NULL, a INTEGER NOT NULL, v, PRIMARY KEY (e, a))
            WITHOUT ROWID;
        INSERT INTO st.ev SELECT s, p, o FROM (
            SELECT q.s AS s, q.p AS p, q.o AS o, MAX(q.rowid) FROM st.q
            WHERE q.p IN ({ev_codes}) AND q.s IN (SELECT e FROM st.own) GROUP BY q.s, q.p);
        """
    )
    for p, col in QUANTITY:
        con.execute(
            f"UPDATE st.qty SET {col} = (SELECT o FROM st.q WHERE p = {code(p)} AND s = qty.q "
            "ORDER BY rowid DESC LIMIT 1)"
        )
    # a quantity's start: that of its evidence last in owner order (0 when it has none)
    con.execute(
        f"""UPDATE st.qty SET start = COALESCE((
            SELECT COALESCE((SELECT v FROM st.ev WHERE ev.e = own.e AND a = {code(OA.start)}), 0)
            FROM st.own JOIN st.efirst f ON f.e = own.e WHERE own.s = qty.q
            ORDER BY f.first DESC LIMIT 1), 0)"""
    )
    prefix = str(CK)
    subj, pred, obj = (code(p) for p in PARTS)
    con.executescript(
        f"""
        CREATE TABLE st.relp (r TEXT PRIMARY KEY, s, o, k TEXT) WITHOUT ROWID;
        INSERT INTO st.relp SELECT r.s,
            (SELECT o FROM st.q WHERE p = {subj} AND s = r.s ORDER BY rowid DESC LIMIT 1),
            (SELECT o FROM st.q WHERE p = {obj} AND s = r.s ORDER BY rowid DESC LIMIT 1),
            (SELECT o FROM st.q WHERE p = {pred} AND s = r.s ORDER BY rowid DESC LIMIT 1)
            FROM st.rel r;
        DELETE FROM st.relp WHERE typeof(s) != 'text' OR typeof(o) != 'text'
            OR typeof(k) != 'text' OR substr(k, 1, {len(prefix)}) != '{prefix}';
        UPDATE st.relp SET k = substr(k, {len(prefix) + 1});
        CREATE INDEX st.relp_sok ON relp (s, o, k);
        """
    )
