"""The saved projection's detail: every quote and every value of its facts; counts of nodes.

The graph the analyses load keeps one quote per requirement or time expression
and one value of each single-valued property (the later one). The views show
more: every quote of every node (actors, stages and steps too) and every value
of the literal properties of :data:`kg.nx.projection.DETAIL`, with the
extraction rule and confidence of each fact, and every actor class of an
actor. :func:`write_detail` writes them into two tables of the saved file,
read only on demand (:meth:`kg.nx.cache.Projection.graph` with
``detail=True``), so the default load does not grow:

==============  ==================================================================
table           rows
==============  ==================================================================
``evidence``    ``node`` (id), ``document`` (file name), ``start``, ``end``,
                ``quote``: one per distinct quote of a node whose evidence has
                all four and cites a document
``detail``      ``node`` (id), ``key`` (an attribute of
                :data:`~kg.nx.projection.DETAIL`, or ``actor_type``), ``value``:
                one per distinct value (``role`` and ``modality`` by local name,
                as the node attributes have them)
==============  ==================================================================

Rows are in ``node`` order, then by value, so the same quads give the same rows.
:func:`count_types` counts the typed nodes of the union of the documents for
the file's ``meta`` (:meth:`kg.nx.cache.Projection.counts`).

Examples
--------
>>> import sqlite3
>>> from kg.nx.stream import SCHEMA
>>> from kg.nx.stream_rows import write_nodes
>>> from kg.nx.stream_stage import derive, stage
>>> from ontology.namespaces import CK, RDF
>>> con = sqlite3.connect(":memory:")
>>> _ = con.executescript(SCHEMA)
>>> _ = con.execute("ATTACH DATABASE ':memory:' AS st")
>>> g = "http://e/g"
>>> stage(con, [("http://e/x", str(RDF.type), str(CK.Actor), g),
...             ("http://e/x", str(CK.rule), "r2", g), ("http://e/x", str(CK.rule), "r1", g)])
>>> derive(con)
>>> write_nodes(con)
{}
>>> write_detail(con)
>>> con.execute("SELECT node, key, value FROM detail").fetchall()
[(0, 'rule', 'r1'), (0, 'rule', 'r2')]
"""

from __future__ import annotations

import sqlite3
from typing import Any

from kg.graph import schema
from kg.nx import projection as P
from kg.nx.stream_sources import code
from kg.nx.stream_stage import BATCH
from ontology.namespaces import CK, OA, RDF

_NAMES: dict[str, dict[str, str]] = {"modality": P.MODALITY, "role": P.ROLE}


def write_detail(con: sqlite3.Connection) -> None:
    """Fill the ``evidence`` and ``detail`` tables from the staging tables and ``nodes``.

    Runs after :func:`kg.nx.stream_rows.write_nodes`; see the module docstring.
    """
    _write_evidence(con)
    keys = ",".join(f"({code(p)}, '{attr}')" for p, attr in P.DETAIL)
    con.executescript(
        f"""
        CREATE TABLE st.dkey (p INTEGER PRIMARY KEY, name TEXT NOT NULL);
        INSERT INTO st.dkey VALUES {keys};
        """
    )
    rows = con.execute(
        f"""SELECT node, key, value FROM (
            SELECT DISTINCT n.id AS node, k.name AS key, q.o AS value FROM st.q q
            JOIN st.dkey k ON k.p = q.p JOIN main.nodes n ON n.iri = q.s
            UNION
            SELECT DISTINCT n.id, 'actor_type', c.actor_type FROM st.q q
            JOIN st.cls c ON c.iri = q.o AND c.kind IS NULL AND c.actor_type IS NOT NULL
            JOIN main.nodes n ON n.iri = q.s AND n.type = 'Actor'
            WHERE q.p = {code(RDF.type)})
        ORDER BY node, key, value"""
    )
    insert = "INSERT INTO detail VALUES (?, ?, ?)"
    batch: list[tuple[int, str, Any]] = []
    for node, key, value in rows:
        names = _NAMES.get(key)
        batch.append((node, key, names.get(value, value) if names else value))
        if len(batch) >= BATCH:
            con.executemany(insert, batch)
            batch = []
    con.executemany(insert, batch)


def _write_evidence(con: sqlite3.Connection) -> None:
    """Every quote of every node (``st.nev``: each evidence's last values)."""
    ev = code(CK.evidence)

    def last(p: Any) -> str:
        return f"(SELECT o FROM st.q WHERE p = {code(p)} AND s = e.e ORDER BY rowid DESC LIMIT 1)"

    con.executescript(
        f"""
        CREATE TABLE st.nev (e TEXT PRIMARY KEY, d, start, "end", quote) WITHOUT ROWID;
        INSERT INTO st.nev SELECT e.e, {last(CK.document)}, {last(OA.start)}, {last(OA.end)},
            {last(OA.exact)}
            FROM (SELECT DISTINCT q.o AS e FROM st.q q JOIN st.node n ON n.s = q.s
                  WHERE q.p = {ev}) e;
        INSERT INTO main.evidence
            SELECT DISTINCT n.id, d.label, v.start, v."end", v.quote FROM st.q q
            JOIN main.nodes n ON n.iri = q.s JOIN st.nev v ON v.e = q.o
            JOIN st.doc d ON d.s = v.d
            WHERE q.p = {ev} AND v.start IS NOT NULL AND v."end" IS NOT NULL
                AND v.quote IS NOT NULL
            ORDER BY n.id, d.label, v.start, v."end", v.quote;
        """
    )


def count_types(con: sqlite3.Connection) -> dict[str, int]:
    """Distinct typed subjects per counted class (:data:`kg.graph.schema.CLASSES`).

    Over the union of the documents' graphs: the counts of the manifest's
    ``totals`` and of ``summary.md``. Classes with none are left out; sorted by
    name. Reads the staging table ``st.q`` (every ``rdf:type`` quad is there).

    Examples
    --------
    >>> import sqlite3
    >>> from kg.nx.stream_stage import stage
    >>> from ontology.namespaces import CK, RDF
    >>> con = sqlite3.connect(":memory:")
    >>> _ = con.execute("ATTACH DATABASE ':memory:' AS st")
    >>> t, q = str(RDF.type), str(CK.Quantity)
    >>> stage(con, [("http://e/q", t, q, "http://e/g1"), ("http://e/q", t, q, "http://e/g2")])
    >>> count_types(con)
    {'Quantity': 1}
    """
    con.execute("CREATE TABLE st.counted (iri TEXT PRIMARY KEY, kind TEXT NOT NULL)")
    con.executemany(
        "INSERT INTO st.counted VALUES (?, ?)",
        [(str(c.iri), c.kind) for c in schema.CLASSES if c.counted],
    )
    rows = con.execute(
        "SELECT k.kind, COUNT(DISTINCT q.s) FROM st.q q JOIN st.counted k ON k.iri = q.o "
        f"WHERE q.p = {code(RDF.type)} GROUP BY k.kind ORDER BY k.kind"
    )
    return {kind: n for kind, n in rows if n}
