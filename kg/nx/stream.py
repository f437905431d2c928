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

The sources are :func:`nquads_quads` (a build's ``graph.nq``, read lazily)
and :func:`store_quads` (a store, predicate by predicate).

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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.store import Value, term_value
from kg.nx import projection as P
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS, SKOS

Quad = tuple[str, str, Value, str]
"""``(subject, predicate IRI, object, graph IRI)``, terms as
:func:`kg.graph.store.iter_predicate` gives them."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
    label TEXT, document TEXT, start INTEGER, "end" INTEGER, attrs BLOB NOT NULL
);
CREATE TABLE edges (u INTEGER NOT NULL, v INTEGER NOT NULL, key TEXT NOT NULL, attrs BLOB NOT NULL);
"""
"""The saved projection's tables (:mod:`kg.nx.cache` reads them)."""
INDEXES = """
CREATE INDEX nodes_type ON nodes (type);
CREATE INDEX nodes_span ON nodes (document, start, "end");
CREATE INDEX edges_out ON edges (u, key);
CREATE INDEX edges_in ON edges (v, key);
CREATE INDEX edges_key ON edges (key);
"""
"""Its indexes, made once the rows are in."""

_EDGES = P.LINKS + P.RELATIONS
_EVIDENCE = ((CK.document, "document"), (OA.start, "start"), (OA.end, "end"), (OA.exact, "quote"))
_QUANTITY = ((CK.comparator, "comparator"), (CK.value, "value"), (CK.unit, "unit"))
_PARTS = (RDF.subject, RDF.predicate, RDF.object)
PREDICATES: tuple[str, ...] = tuple(
    dict.fromkeys(
        str(p)
        for p in (
            RDF.type,
            *(p for p, _ in P.LITERALS),
            CK.modality,
            CK.role,
            SKOS.prefLabel,
            CK.actorKind,
            CK.quantity,
            CK.evidence,
            *(p for p, _ in _EVIDENCE),
            *(p for p, _ in _QUANTITY),
            *_PARTS,
            *(CK[name] for name in _EDGES),
        )
    )
)
"""Every predicate the projection reads; the staging table numbers them in this order."""
_CODE = {p: i for i, p in enumerate(PREDICATES)}
BATCH = 50_000


def nquads_quads(path: Path) -> Iterator[Quad]:
    """The quads of an N-Quads file the build wrote, in file order (default graph skipped)."""
    # lenient: the build's own serializer wrote it (the store's load still validates)
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True):
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph) or q.predicate.value not in _CODE:
            continue
        yield (
            term_value(q.subject),  # type: ignore[misc]
            q.predicate.value,
            term_value(q.object),  # type: ignore[arg-type]
            g.value,
        )


def store_quads(store: ox.Store) -> Iterator[Quad]:
    """The quads the projection reads from a store, predicate by predicate."""
    onto = str(iri.ONTOLOGY_GRAPH)
    from kg.graph.store import iter_predicate

    for p in PREDICATES:
        for s, o, g in iter_predicate(store, p):
            if g != onto:
                yield s, p, o, g  # type: ignore[misc]


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
        _stage(con, quads)
        _derive(con)
        docs = _write_nodes(con)
        _write_edges(con, docs)
        con.execute("INSERT INTO meta VALUES ('documents', ?)", (pickle.dumps(docs, protocol=5),))
        con.commit()
        con.execute("DETACH DATABASE st")
        con.executescript(INDEXES)
        con.commit()
    finally:
        con.close()
        staging.unlink(missing_ok=True)
    os.replace(tmp, path)


def _stage(con: sqlite3.Connection, quads: Iterable[Quad]) -> None:
    """The quads into ``st.q`` (rowid: their order), with the small lookup tables."""
    con.executescript(
        """
        CREATE TABLE st.q (s TEXT NOT NULL, p INTEGER NOT NULL, o, g TEXT NOT NULL);
        CREATE TABLE st.cls (iri TEXT PRIMARY KEY, kind TEXT, actor_type TEXT, rel INTEGER);
        CREATE TABLE st.ekey (p INTEGER PRIMARY KEY, name TEXT NOT NULL);
        """
    )
    code = _CODE
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
    con.executemany("INSERT INTO st.ekey VALUES (?, ?)", [(_CODE[str(CK[n])], n) for n in _EDGES])
    con.executescript("CREATE INDEX st.q_ps ON q (p, s); CREATE INDEX st.q_po ON q (p, o);")


def _c(p: Any) -> int:
    return _CODE[str(p)]


def _derive(con: sqlite3.Connection) -> None:
    """The projection's joins, as staging tables keyed by IRI (each "last wins" by rowid).

    ``node`` (IRI -> type), ``atype`` (actor type), ``rel`` (relation assertions),
    ``doc`` (document node -> its label), ``own`` (who owns each evidence, and
    where that evidence first appears), ``ev`` (evidence -> document, start,
    end, quote), ``qty`` (quantity -> its requirement and facts), ``relp``
    (relation assertion -> subject, object, relation name).
    """
    t, name = _c(RDF.type), _c(DCTERMS.identifier)
    ev_codes = ",".join(str(_c(p)) for p, _ in _EVIDENCE)
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
            WHERE q.p = {_c(CK.quantity)} GROUP BY q.o);
        CREATE TABLE st.own (e TEXT NOT NULL, s TEXT NOT NULL, first INTEGER);
        INSERT INTO st.own (e, s) SELECT DISTINCT q.o, q.s FROM st.q WHERE q.p = {_c(CK.evidence)}
            AND (q.s IN (SELECT s FROM st.rel) OR q.s IN (SELECT q FROM st.qty)
                 OR q.s IN (SELECT s FROM st.node
                            WHERE type IN ('Requirement', 'TimeExpression')));
        CREATE INDEX st.own_e ON own (e);
        CREATE INDEX st.own_s ON own (s);
        CREATE TABLE st.efirst (e TEXT PRIMARY KEY, first INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO st.efirst SELECT q.o, MIN(q.rowid) FROM st.q
            WHERE q.p = {_c(CK.evidence)} AND q.o IN (SELECT e FROM st.own)
            AND q.s IN (SELECT s FROM st.own WHERE own.e = q.o) GROUP BY q.o;
        CREATE TABLE st.ev (e TEXT NOT NULL, a INTEGER NOT NULL, v, PRIMARY KEY (e, a))
            WITHOUT ROWID;
        INSERT INTO st.ev SELECT s, p, o FROM (
            SELECT q.s AS s, q.p AS p, q.o AS o, MAX(q.rowid) FROM st.q
            WHERE q.p IN ({ev_codes}) AND q.s IN (SELECT e FROM st.own) GROUP BY q.s, q.p);
        """
    )
    for p, col in _QUANTITY:
        con.execute(
            f"UPDATE st.qty SET {col} = (SELECT o FROM st.q WHERE p = {_c(p)} AND s = qty.q "
            "ORDER BY rowid DESC LIMIT 1)"
        )
    # a quantity's start: that of its evidence last in owner order (0 when it has none)
    con.execute(
        f"""UPDATE st.qty SET start = COALESCE((
            SELECT COALESCE((SELECT v FROM st.ev WHERE ev.e = own.e AND a = {_c(OA.start)}), 0)
            FROM st.own JOIN st.efirst f ON f.e = own.e WHERE own.s = qty.q
            ORDER BY f.first DESC LIMIT 1), 0)"""
    )
    prefix = str(CK)
    subj, pred, obj = (_c(p) for p in _PARTS)
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


class _Groups:
    """Rows of a cursor sorted by their first column, taken group by group."""

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


def _write_nodes(con: sqlite3.Connection) -> dict[str, str]:
    """Assemble and insert every node, in IRI order; return the documents (IRI -> label)."""
    docs = dict(con.execute("SELECT s, label FROM st.doc ORDER BY s"))
    lits = {_c(p): (i, attr) for i, (p, attr) in enumerate(P.LITERALS)}
    lit_codes = ",".join(str(c) for c in lits)
    label, pref, kind = _c(RDFS.label), _c(SKOS.prefLabel), _c(CK.actorKind)

    def last(code: int) -> _Groups:
        return _Groups(
            con.execute(
                "SELECT s, o FROM (SELECT q.s AS s, q.o AS o, MAX(q.rowid) FROM st.q "
                f"JOIN st.node n ON n.s = q.s WHERE q.p = {code} GROUP BY q.s) ORDER BY s"
            )
        )

    atype = _Groups(con.execute("SELECT s, t FROM st.atype ORDER BY s"))
    literal = _Groups(
        con.execute(
            f"SELECT q.s, q.p, q.o FROM st.q JOIN st.node n ON n.s = q.s "
            f"WHERE q.p IN ({lit_codes}) ORDER BY q.s, q.p, q.rowid"
        )
    )
    modality, role = last(_c(CK.modality)), last(_c(CK.role))
    kinds = _Groups(
        con.execute(
            f"""SELECT s, COALESCE(
                (SELECT o FROM st.q WHERE p = {pref} AND s = k.o ORDER BY rowid DESC LIMIT 1),
                (SELECT o FROM st.q WHERE p = {label} AND s = k.o
                 AND s NOT IN (SELECT s FROM st.node) ORDER BY rowid DESC LIMIT 1))
            FROM (SELECT q.s AS s, q.o AS o, MAX(q.rowid) FROM st.q JOIN st.node n ON n.s = q.s
                  WHERE q.p = {kind} GROUP BY q.s) k ORDER BY s"""
        )
    )
    evidence = _Groups(
        con.execute(
            "SELECT own.s, f.first, ev.a, ev.v FROM st.own "
            "JOIN st.node n ON n.s = own.s AND n.type IN ('Requirement', 'TimeExpression') "
            "JOIN st.efirst f ON f.e = own.e JOIN st.ev ev ON ev.e = own.e "
            "WHERE own.s NOT IN (SELECT s FROM st.rel) AND own.s NOT IN (SELECT q FROM st.qty) "
            "ORDER BY own.s, f.first, ev.a"
        )
    )
    quantities = _Groups(
        con.execute(
            "SELECT r, start, q, comparator, value, unit FROM st.qty "
            "WHERE r IN (SELECT s FROM st.node) ORDER BY r"
        )
    )
    mentions = _Groups(
        con.execute(
            f"SELECT DISTINCT q.s, q.o FROM st.q JOIN st.node n ON n.s = q.s "
            f"WHERE q.p = {_c(CK.mentionedIn)} AND q.o IN (SELECT s FROM st.doc) ORDER BY q.s"
        )
    )
    ev_attr = {_c(p): a for p, a in _EVIDENCE}
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


def _write_edges(con: sqlite3.Connection, docs: dict[str, str]) -> None:
    """Assemble and insert every edge, in (source, target, key) order."""
    graph_doc = {str(iri.graph_iri(label)): label for label in docs.values()}
    codes = ",".join(str(_CODE[str(CK[n])]) for n in _EDGES)
    rows = con.execute(
        f"""SELECT a.id, b.id, k.name, q.s, q.o, q.g FROM st.q
        JOIN main.nodes a ON a.iri = q.s JOIN main.nodes b ON b.iri = q.o
        JOIN st.ekey k ON k.p = q.p WHERE q.p IN ({codes})
        ORDER BY a.id, b.id, k.name"""
    )
    found = _Groups(
        ((s, o, k), (docs.get(d, d), start, end, quote))
        for s, o, k, d, start, end, quote in con.execute(
            f"""SELECT rp.s, rp.o, rp.k,
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {_c(CK.document)}) AS d,
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {_c(OA.start)}),
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {_c(OA.end)}),
                (SELECT v FROM st.ev WHERE ev.e = own.e AND a = {_c(OA.exact)})
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
