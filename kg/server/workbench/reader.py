"""The documents list (``/documents``) and the reader (``/doc/NAME``).

The reader shows a document's whole text with every fact of its graph
highlighted by kind (actors, stages and steps, times, quantities, relations,
requirements coloured by modality). The text is cut at every span boundary
into segments; each segment lists the facts covering it (``data-f``) and its
offsets (``data-s``, ``data-e``). Clicking a segment opens the innermost fact
in the side panel (fields, rule, confidence, relations with quotes);
``/doc/NAME#START-END`` scrolls to that span and highlights it
(``static/reader.js``).

Examples
--------
>>> from kg.server.workbench.facts import Mark
>>> marks = [Mark(1, 4, "r", "requirement", "req-obligation"), Mark(2, 3, "a", "actor", "actor")]
>>> segments("abcdef", marks)
[(0, 1, []), (1, 2, [0]), (2, 3, [0, 1]), (3, 4, [0]), (4, 6, [])]
"""

from __future__ import annotations

import itertools
import sqlite3
from html import escape
from typing import Any
from urllib.parse import urlencode

from kg.address import actor_href, actor_key, doc_href, span_href
from kg.server.workbench.editing import READER_SCRIPTS, Editing, reader_edit
from kg.server.workbench.facts import KIND_NAMES, DocFacts, Mark
from kg.server.workbench.shell import json_block, link, page, table

LEGEND = (
    ("actor", "主体 actor"),
    ("phase", "阶段/环节 stage/step"),
    ("time", "时间 time"),
    ("quantity", "数量 quantity"),
    ("relation", "关系 relation"),
    ("req-obligation", "要求 obligation"),
    ("req-prohibition", "禁止 prohibition"),
    ("req-exhortation", "倡导 exhortation"),
    ("req-permission", "允许 permission"),
)
_CSS = {"stage": "phase", "step": "phase"}


def segments(text: str, marks: list[Mark]) -> list[tuple[int, int, list[int]]]:
    """The text cut at every mark boundary: ``(start, end, indexes of the covering marks)``."""
    n = len(text)
    cuts = {0, n}
    for m in marks:
        cuts.add(max(0, min(n, m.start)))
        cuts.add(max(0, min(n, m.end)))
    bounds = sorted(cuts)
    order = sorted(range(len(marks)), key=lambda i: marks[i].start)
    active: set[int] = set()
    nxt = 0
    out = []
    for a, b in itertools.pairwise(bounds):
        while nxt < len(order) and marks[order[nxt]].start <= a:
            active.add(order[nxt])
            nxt += 1
        active = {i for i in active if marks[i].end > a}
        out.append((a, b, sorted(i for i in active if marks[i].end >= b)))
    return out


def _fact_data(name: str, facts: DocFacts, fact_id: str) -> dict[str, Any]:
    e = facts.entities.get(fact_id)
    if e is None:  # a relation assertion
        r = next(r for r in facts.relations if r["id"] == fact_id)
        return {
            "kind": "relation",
            "kind_name": KIND_NAMES["relation"],
            "label": f"{r['source_label']} —{r['type']}→ {r['target_label']}",
            "fields": [
                ["type", r["type"]],
                ["source", r["source_label"]],
                ["target", r["target_label"]],
                ["rule", r["rule"]],
                ["confidence", r["confidence"]],
            ],
            "spans": [[r["start"], r["end"], r["quote"], span_href(name, r["start"], r["end"])]],
            "relations": [],
            "page": "",
        }
    return {
        "kind": e["kind"],
        "kind_name": KIND_NAMES[e["kind"]],
        "label": e["label"],
        "fields": [list(f) for f in e["fields"]],
        "spans": [[s, t, q, span_href(name, s, t)] for s, t, q in e["spans"]],
        "relations": [
            {
                "type": r["type"],
                "direction": "out" if r["source"] == fact_id else "in",
                "other": r["target_label"] if r["source"] == fact_id else r["source_label"],
                "quote": r["quote"],
                "href": span_href(name, r["start"], r["end"]) if r["start"] is not None else "",
            }
            for r in e["relations"]
        ],
        "page": actor_href(e["id"]) if e["kind"] == "actor" and actor_key(e["id"]) else "",
    }


def _meta(name: str, facts: DocFacts) -> str:
    m = facts.meta
    rows = [
        ("标题 title", m.get("title", "")),
        ("日期 date", m.get("date", "")),
        ("发文 issuer", m.get("issuer", "")),
        ("活动 campaign", m.get("campaign", "")),
        ("层级 level", m.get("level", "")),
        ("批次 batch", m.get("batch", "")),
    ]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    counts = " · ".join(f"{KIND_NAMES[k]} {v}" for k, v in facts.counts().items())
    return f'<dl class="meta">{dl}</dl><p class="counts">{escape(counts)}</p>'


def _legend() -> str:
    items = "".join(
        f'<label class="key {css}"><input type="checkbox" checked data-kind="{css}"> '
        f"{escape(text)}</label>"
        for css, text in LEGEND
    )
    return f'<div class="legend" id="legend">{items}</div>'


def render_reader(
    name: str, text: str | None, facts: DocFacts, editing: Editing | None = None
) -> str:
    """The reader page of document ``name``; with ``editing``, its edit controls too."""
    marks = facts.marks
    ids = sorted({m.fact for m in marks} | set(facts.entities))
    index = {f: i for i, f in enumerate(ids)}
    data = [_fact_data(name, facts, f) for f in ids]
    if text is None:
        body = (
            '<p class="empty">The text of this document was not kept by its build '
            "(rebuild with <code>kg build</code> to keep it); its facts:</p>"
        )
        rows = [
            [escape(d["kind_name"]), link(s[3], s[2] or d["label"])]
            for d in data
            for s in d["spans"]
        ]
        article = body + table(["kind", "quote"], rows)
    else:
        parts = []
        for a, b, covering in segments(text, marks):
            chunk = escape(text[a:b])
            if not covering:
                parts.append(f'<span data-s="{a}" data-e="{b}">{chunk}</span>')
                continue
            css = sorted({_CSS.get(marks[i].kind, marks[i].css) for i in covering})
            fs = " ".join(str(index[marks[i].fact]) for i in covering)
            parts.append(
                f'<span class="m {" ".join(css)}" data-s="{a}" data-e="{b}" data-f="{fs}">'
                f"{chunk}</span>"
            )
        article = "".join(parts)
    title = facts.meta.get("title") or name
    body = (
        f'<main class="reader"><section class="doc"><h1>{escape(title)}</h1>'
        f'<p class="name">{escape(name)}</p>{_meta(name, facts)}{_legend()}'
        f'<article id="text" class="text">{article}</article></section>'
        '<aside id="panel" class="panel"><p class="hint">Click a highlighted passage '
        "to see its fact.</p></aside></main>"
        + json_block("facts", data)
        + json_block("doc", {"name": name, "href": doc_href(name)})
    )
    if editing is None:
        return page(title, body, script="reader.js", css="reader-page")
    body += json_block("edit", reader_edit(name, facts, ids, editing.author))
    return page(title, body, script=("reader.js", *READER_SCRIPTS), css="reader-page")


DOC_COLUMNS = (
    ("name", "文件 name"),
    ("title", "标题 title"),
    ("date", "日期 date"),
    ("issuer", "发文 issuer"),
    ("campaign", "活动 campaign"),
    ("requirements", "要求"),
    ("actors", "主体"),
    ("times", "时间"),
    ("relations", "关系"),
    ("quantities", "数量"),
)


def render_documents(
    db: sqlite3.Connection,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    desc: bool = False,
    search: str = "",
) -> str:
    """The documents list: title, date, issuer, campaign and counts, each linked to the reader.

    Sorted by any column (``sort``, ``desc``); ``search`` keeps the documents whose
    name, title or issuer contains every word.
    """
    names = [c for c, _ in DOC_COLUMNS]
    sort = sort if sort in names else "name"
    words = search.split()
    where = " AND ".join(
        "(instr(name, ?) > 0 OR instr(title, ?) > 0 OR instr(issuer, ?) > 0)" for _ in words
    )
    params: list = [w for w in words for _ in range(3)]
    where = f"WHERE {where}" if where else ""
    total = db.execute(f"SELECT COUNT(*) FROM documents {where}", params).fetchone()[0]
    order = f"{sort} {'DESC' if desc else 'ASC'}, name"
    rows = db.execute(
        f"SELECT {', '.join(names)} FROM documents {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    cells = [
        [link(doc_href(r["name"]), r["name"])]
        + [escape(str(r[c] if r[c] is not None else "")) for c, _ in DOC_COLUMNS[1:]]
        for r in rows
    ]

    def href(**change: object) -> str:
        state = {"q": search, "sort": sort, "desc": "1" if desc else "", "offset": offset}
        state.update(change)
        kept = [(k, str(v)) for k, v in state.items() if v not in ("", 0, "name")]
        return "/documents" + (f"?{urlencode(kept)}" if kept else "")

    heads = []
    for c, t in DOC_COLUMNS:
        flip = sort == c and not desc
        arrow = (" ▼" if desc else " ▲") if sort == c else ""
        heads.append(link(href(sort=c, desc="1" if flip else "", offset=0), t + arrow))
    nav = []
    if offset > 0:
        nav.append(link(href(offset=max(0, offset - limit)), "← previous"))
    if offset + limit < total:
        nav.append(link(href(offset=offset + limit), "next →"))
    form = (
        '<form method="get" action="/documents" class="toolbar">'
        f'<input type="search" name="q" value="{escape(search)}" '
        'placeholder="搜索 名称、标题、发文">'
        f'<input type="hidden" name="sort" value="{escape(sort)}">'
        '<button type="submit">搜索</button></form>'
    )
    body = (
        f"<main><h1>文件 Documents</h1>{form}"
        f'<p class="total"><span id="total">{total}</span> documents</p>'
        + table(heads, cells, "grid documents")
        + f'<p class="pager">{" ".join(nav)}</p></main>'
    )
    return page("Documents", body)
