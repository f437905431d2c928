"""The HTML of a workbench table (``/table/NAME``): facets, search, sort, pages, downloads.

Plain links and one GET form, no script: every state of the table is an
address (filters, search, sort and page are URL parameters), so a table can
be bookmarked or cited, and the download links carry the same parameters.

Examples
--------
>>> from kg.server.workbench.tables import TABLES, TableQuery
>>> q = TableQuery.parse(TABLES["times"], [("role", "deadline")])
>>> href(q, page=2)
'/table/times?role=deadline&amp;page=2'
"""

from __future__ import annotations

import sqlite3
from html import escape
from typing import Any
from urllib.parse import urlencode

from kg.server.workbench.shell import page
from kg.server.workbench.tables import PAGE_SIZE, TableQuery, count, facet_counts, rows


def href(q: TableQuery, **change: Any) -> str:
    """The (attribute-escaped) address of ``q`` with some parts changed."""
    params = q.params(**change)
    url = f"/table/{q.table.name}" + (f"?{urlencode(params)}" if params else "")
    return escape(url, quote=True)


def _facets(q: TableQuery, counts: dict[str, list[tuple[str, int]]]) -> str:
    out = ['<nav class="facets" id="facets">']
    for f in q.table.facets:
        chosen = q.filters.get(f.name, [])
        items = []
        for value, n in counts.get(f.name, []):
            if value in chosen:
                rest = {k: [x for x in v if x != value] for k, v in q.filters.items()}
                items.append(
                    f'<li class="on"><a href="{href(q, filters=rest, page=1)}" '
                    f'data-facet="{escape(f.name)}" data-value="{escape(value)}">'
                    f'✓ {escape(value)}</a> <span class="n">{n}</span></li>'
                )
            else:
                more = {**q.filters, f.name: [*chosen, value]}
                items.append(
                    f'<li><a href="{href(q, filters=more, page=1)}" '
                    f'data-facet="{escape(f.name)}" data-value="{escape(value)}">'
                    f'{escape(value)}</a> <span class="n">{n}</span></li>'
                )
        if items:
            out.append(f"<h3>{escape(f.title)}</h3><ul>{''.join(items)}</ul>")
    out.append("</nav>")
    return "".join(out)


def _toolbar(q: TableQuery, total: int) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
        for k, v in q.params(page=1)
        if k != "q"
    )
    chips = "".join(
        f'<a href="{href(q, filters={**q.filters, name: [x for x in vals if x != v]}, page=1)}">'
        f"{escape(name)} = {escape(v)} ✕</a>"
        for name, vals in sorted(q.filters.items())
        for v in vals
    )
    return (
        f'<div class="toolbar"><form method="get" action="/table/{escape(q.table.name)}">'
        f'<input type="search" name="q" value="{escape(q.search)}" placeholder="搜索 search">'
        f'{hidden}<button type="submit">搜索</button></form>'
        f'<span><span id="total">{total}</span> rows</span>'
        f'<a id="csv" href="{href(q, page=1, fmt="csv")}">CSV</a> '
        f'<a id="json" href="{href(q, page=1, fmt="json")}">JSON</a>'
        f'<span class="chips">{chips}</span></div>'
    )


def _grid(q: TableQuery, data: list[dict[str, Any]]) -> str:
    heads = []
    for c in q.table.columns:
        desc = q.sort == c.name and not q.desc
        arrow = (" ▼" if q.desc else " ▲") if q.sort == c.name else ""
        heads.append(
            f'<th><a href="{href(q, sort=c.name, desc=desc, page=1)}">'
            f"{escape(c.title)}{arrow}</a></th>"
        )
    first = q.table.columns[0].name
    body = []
    for r in data:
        cells = []
        for c in q.table.columns:
            value = "" if r[c.name] is None else str(r[c.name])
            if c.name == first and r["link"]:
                cells.append(
                    f'<td class="quote"><a href="{escape(r["link"])}">{escape(value)}</a></td>'
                )
            else:
                cells.append(f"<td>{escape(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="grid" id="rows"><thead><tr>{"".join(heads)}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render_table(db: sqlite3.Connection, q: TableQuery) -> str:
    """The page of a table for ``q``."""
    total = count(db, q)
    data = rows(db, q)
    pages = max(1, -(-total // PAGE_SIZE))
    nav = []
    if q.page > 1:
        nav.append(f'<a href="{href(q, page=q.page - 1)}">← previous</a>')
    nav.append(f"page {q.page} / {pages}")
    if q.page < pages:
        nav.append(f'<a href="{href(q, page=q.page + 1)}">next →</a>')
    body = (
        f'<main class="tables">{_facets(q, facet_counts(db, q))}<section>'
        f"<h1>{escape(q.table.title)}</h1>{_toolbar(q, total)}{_grid(q, data)}"
        f'<p class="pager">{" ".join(nav)}</p></section></main>'
    )
    return page(q.table.title, body)
