"""Browse and filter: requirements, actors, times and relations as tables over the index.

Each table (:data:`TABLES`) has columns, facets (a value per row, or several
through a join table: a requirement's actors), a text search (substring, so
Chinese needs no word segmentation; several words must all occur), sort by
any column, pages of :data:`PAGE_SIZE` rows, and downloads (``format=csv`` or
``json``) of the rows the filters select, with the columns shown, in the
order shown, plus each row's reader address. Everything is read from the
SQLite index (:mod:`kg.server.workbench.index`); facet values and search words are
always bound parameters, column and facet names come from the specification
only.

Examples
--------
>>> q = TableQuery.parse(TABLES["requirements"], [("modality", "obligation"), ("sort", "stage")])
>>> q.filters, q.sort
({'modality': ['obligation']}, 'stage')
>>> sql, params = q.where()
>>> sql, params
('WHERE (t.modality IN (?))', ['obligation'])
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from kg.address import actor_href, span_href

PAGE_SIZE = 50
FACET_VALUES = 40


@dataclass(frozen=True)
class Column:
    """A column: its name (URL, downloads), title (header) and SQL expression over ``t``."""

    name: str
    title: str
    sql: str


@dataclass(frozen=True)
class Facet:
    """A facet: a value per row (``sql`` over ``t``) or values through ``join``.

    ``join`` is ``(table, key column, value column)``: the rows whose ``iri``
    has a joined row with the value.
    """

    name: str
    title: str
    sql: str = ""
    join: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class Table:
    """What one table shows, how it filters and what each row links to."""

    name: str
    title: str
    source: str
    columns: tuple[Column, ...]
    facets: tuple[Facet, ...]
    search: tuple[str, ...]
    sort: str
    link: str  # "span": the row's document span; "actor": the actor's page


def _yes_no(col: str) -> str:
    return f"CASE WHEN t.{col} THEN 'yes' ELSE 'no' END"


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "requirements",
            "要求 Requirements",
            "requirements",
            (
                Column("quote", "要求 quote", "t.quote"),
                Column("modality", "情态 modality", "t.modality"),
                Column("actors", "负责主体 actors", "t.actors"),
                Column("stage", "阶段 stage", "t.stage"),
                Column("deadline", "期限 deadline", "t.deadline"),
                Column("quantities", "数量 quantities", "t.quantities"),
                Column("document", "文件 document", "t.document"),
                Column("start", "start", "t.start"),
                Column("end", "end", 't."end"'),
            ),
            (
                Facet("document", "文件 document", "t.document"),
                Facet("actor", "主体 actor", join=("requirement_actors", "requirement", "name")),
                Facet(
                    "actor_type",
                    "主体类型 actor type",
                    join=("requirement_actors", "requirement", "actor_type"),
                ),
                Facet("stage", "阶段 stage", "t.stage"),
                Facet("modality", "情态 modality", "t.modality"),
                Facet("has_deadline", "有期限 has deadline", _yes_no("has_deadline")),
                Facet("has_quantity", "有数量 has quantity", _yes_no("has_quantity")),
            ),
            ("t.quote",),
            "document",
            "span",
        ),
        Table(
            "actors",
            "主体 Actors",
            "actors",
            (
                Column("label", "主体 label", "t.label"),
                Column("actor_type", "类型 type", "t.actor_type"),
                Column("level", "层级 level", "t.level"),
                Column("jurisdiction", "辖区 jurisdiction", "t.jurisdiction"),
                Column("scope", "范围 scope", "t.scope"),
                Column("aliases", "别名 aliases", "t.aliases"),
                Column("documents", "文件数 documents", "t.documents"),
                Column("requirements", "要求数 requirements", "t.requirements"),
                Column("mentions", "提及 mentions", "t.mentions"),
            ),
            (
                Facet("document", "文件 document", join=("actor_documents", "actor", "document")),
                Facet("actor_type", "类型 actor type", "t.actor_type"),
                Facet("level", "层级 level", "t.level"),
                Facet("scope", "范围 scope", "t.scope"),
                Facet("kind", "种类 kind", "t.kind"),
            ),
            ("t.label", "t.aliases", "t.jurisdiction"),
            "label",
            "actor",
        ),
        Table(
            "times",
            "时间 Times",
            "times",
            (
                Column("label", "时间 text", "t.label"),
                Column("normalized", "规范值 normalized", "t.normalized"),
                Column("role", "作用 role", "t.role"),
                Column("document", "文件 document", "t.document"),
                Column("start", "start", "t.start"),
                Column("end", "end", 't."end"'),
            ),
            (
                Facet("document", "文件 document", "t.document"),
                Facet("role", "作用 role", "t.role"),
                Facet(
                    "has_value",
                    "有规范值 normalized",
                    "CASE WHEN t.normalized != '' THEN 'yes' ELSE 'no' END",
                ),
            ),
            ("t.label",),
            "document",
            "span",
        ),
        Table(
            "relations",
            "关系 Relations",
            "relations",
            (
                Column("source_label", "主 source", "t.source_label"),
                Column("type", "关系 type", "t.type"),
                Column("target_label", "宾 target", "t.target_label"),
                Column("quote", "引文 quote", "t.quote"),
                Column("document", "文件 document", "t.document"),
                Column("start", "start", "t.start"),
                Column("end", "end", 't."end"'),
            ),
            (
                Facet("document", "文件 document", "t.document"),
                Facet("type", "关系 type", "t.type"),
                Facet("source_label", "主 source", "t.source_label"),
                Facet("target_label", "宾 target", "t.target_label"),
            ),
            ("t.quote", "t.source_label", "t.target_label"),
            "document",
            "span",
        ),
    )
}
"""The tables of the workbench, by name."""


@dataclass
class TableQuery:
    """One request to a table: filters, search words, sort, page."""

    table: Table
    filters: dict[str, list[str]] = field(default_factory=dict)
    search: str = ""
    sort: str = ""
    desc: bool = False
    page: int = 1
    searched: bool = False  # the search's rows are in temp.wb_search (see prepare)

    @classmethod
    def parse(cls, table: Table, params: list[tuple[str, str]]) -> TableQuery:
        """The query of URL parameters (unknown names are ignored)."""
        facets = {f.name for f in table.facets}
        columns = {c.name for c in table.columns}
        q = cls(table, sort=table.sort)
        for k, v in params:
            if k in facets:
                q.filters.setdefault(k, [])
                if v not in q.filters[k]:
                    q.filters[k].append(v)
            elif k == "q":
                q.search = v.strip()
            elif k == "sort" and v in columns:
                q.sort = v
            elif k == "desc":
                q.desc = v not in ("", "0")
            elif k == "page" and v.isdigit():
                q.page = max(1, int(v))
        return q

    def params(
        self,
        *,
        filters: dict[str, list[str]] | None = None,
        sort: str | None = None,
        desc: bool | None = None,
        page: int | None = None,
        fmt: str | None = None,
    ) -> list[tuple[str, str]]:
        """The URL parameters of this query, with the given parts changed."""
        filters = self.filters if filters is None else filters
        out = [(n, v) for n in sorted(filters) for v in filters[n]]
        if self.search:
            out.append(("q", self.search))
        sort = self.sort if sort is None else sort
        if sort != self.table.sort:
            out.append(("sort", sort))
        if self.desc if desc is None else desc:
            out.append(("desc", "1"))
        page = self.page if page is None else page
        if page > 1:
            out.append(("page", str(page)))
        if fmt:
            out.append(("format", fmt))
        return out

    def where(self, skip: str | None = None) -> tuple[str, list[Any]]:
        """The SQL ``WHERE`` clause over ``t`` and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        facets = {f.name: f for f in self.table.facets}
        for name, values in sorted(self.filters.items()):
            if name == skip or not values:
                continue
            f = facets[name]
            marks = ", ".join("?" * len(values))
            if f.join is not None:
                jt, key, col = f.join
                parts.append(f"(t.iri IN (SELECT {key} FROM {jt} WHERE {col} IN ({marks})))")
            else:
                parts.append(f"({f.sql} IN ({marks}))")
            params += values
        if self.searched:
            parts.append("(t.rowid IN (SELECT id FROM temp.wb_search))")
        else:
            search, words = self.search_where()
            if search:
                parts.append(search)
                params += words
        return ("WHERE " + " AND ".join(parts) if parts else ""), params

    def search_where(self) -> tuple[str, list[str]]:
        """The condition of the text search alone (every word in one of the searched columns)."""
        parts, params = [], []
        for word in self.search.split():
            exprs = " OR ".join(f"instr({e}, ?) > 0" for e in self.table.search)
            parts.append(f"({exprs})")
            params += [word] * len(self.table.search)
        return " AND ".join(parts), params


def prepare(db: sqlite3.Connection, q: TableQuery) -> None:
    """Run the text search once, into a temporary table the other queries of ``q`` reuse.

    A substring search reads every row; the count, the page and each facet
    would otherwise read them all again.
    """
    if q.searched or not q.search.split():
        return
    cond, params = q.search_where()
    db.execute("DROP TABLE IF EXISTS temp.wb_search")
    db.execute(
        f"CREATE TEMP TABLE wb_search AS SELECT t.rowid AS id FROM {q.table.source} t WHERE {cond}",
        params,
    )
    q.searched = True


def _select(q: TableQuery) -> str:
    cols = ", ".join(f"{c.sql} AS {c.name}" for c in q.table.columns)
    span = 't.document AS _doc, t.start AS _start, t."end" AS _end'
    extra = span if q.table.link == "span" else "NULL AS _doc, NULL AS _start, NULL AS _end"
    return f"SELECT t.iri AS iri, {extra}, {cols} FROM {q.table.source} t"


def _order(q: TableQuery) -> str:
    col = next(c for c in q.table.columns if c.name == q.sort)
    direction = "DESC" if q.desc else "ASC"
    tie = ", t.document, t.start" if q.table.link == "span" else ", t.iri"
    return f" ORDER BY {col.sql} {direction}{tie}, t.iri"


def count(db: sqlite3.Connection, q: TableQuery) -> int:
    """How many rows the filters and search select."""
    prepare(db, q)
    where, params = q.where()
    return db.execute(f"SELECT COUNT(*) FROM {q.table.source} t {where}", params).fetchone()[0]


def rows(db: sqlite3.Connection, q: TableQuery, *, paged: bool = True) -> list[dict[str, Any]]:
    """The selected rows (one page, or all of them), each with its ``link``."""
    prepare(db, q)
    where, params = q.where()
    sql = _select(q) + " " + where + _order(q)
    if paged:
        sql += f" LIMIT {PAGE_SIZE} OFFSET {(q.page - 1) * PAGE_SIZE}"
    out = []
    for r in db.execute(sql, params):
        row = {c.name: r[c.name] for c in q.table.columns}
        if q.table.link == "actor":
            row["link"] = actor_href(r["iri"])
        elif r["_start"] is not None:
            row["link"] = span_href(r["_doc"], r["_start"], r["_end"])
        else:
            row["link"] = ""
        out.append(row)
    return out


_FACET_CACHE: OrderedDict[tuple, dict[str, list[tuple[str, int]]]] = OrderedDict()
_FACET_CACHE_SIZE = 256


def _database(db: sqlite3.Connection) -> str:
    return next((r[2] for r in db.execute("PRAGMA database_list") if r[1] == "main"), "")


def facet_counts(db: sqlite3.Connection, q: TableQuery) -> dict[str, list[tuple[str, int]]]:
    """Each facet's most frequent values among the selected rows, with their counts.

    Kept for the last :data:`_FACET_CACHE_SIZE` queries: an index file never
    changes (a rebuild makes a new one), so its counts stay true.
    """
    key = (
        _database(db),
        q.table.name,
        q.search,
        tuple((k, tuple(v)) for k, v in sorted(q.filters.items())),
    )
    if key in _FACET_CACHE:
        _FACET_CACHE.move_to_end(key)
        return _FACET_CACHE[key]
    out = _facet_counts(db, q)
    _FACET_CACHE[key] = out
    while len(_FACET_CACHE) > _FACET_CACHE_SIZE:
        _FACET_CACHE.popitem(last=False)
    return out


def _facet_counts(db: sqlite3.Connection, q: TableQuery) -> dict[str, list[tuple[str, int]]]:
    prepare(db, q)
    where, params = q.where()
    out: dict[str, list[tuple[str, int]]] = {}
    for f in q.table.facets:
        if f.join is not None:
            jt, key, col = f.join
            inner = f"WHERE j.{key} IN (SELECT t.iri FROM {q.table.source} t {where})"
            sql = (
                f"SELECT j.{col} AS v, COUNT(DISTINCT j.{key}) AS n FROM {jt} j "
                f"{inner if where else ''} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?"
            )
        else:
            sql = (
                f"SELECT {f.sql} AS v, COUNT(*) AS n FROM {q.table.source} t {where} "
                "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?"
            )
        values = [(r[0] or "", r[1]) for r in db.execute(sql, [*params, FACET_VALUES])]
        out[f.name] = [(v, n) for v, n in values if v != ""]
    return out


def download(db: sqlite3.Connection, q: TableQuery, fmt: str) -> tuple[str, str]:
    """``(body, media type)``: the selected rows as CSV (header row) or JSON (a list of objects)."""
    data = rows(db, q, paged=False)
    names = [c.name for c in q.table.columns] + ["link"]
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1), "application/json; charset=utf-8"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(names)
    for r in data:
        w.writerow(["" if r[n] is None else r[n] for n in names])
    return buf.getvalue(), "text/csv; charset=utf-8"
