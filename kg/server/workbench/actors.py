"""Actor pages (``/actor/KEY``): who the actor is, where it appears, what it must do.

The page shows the actor's labels and aliases, type, level, jurisdiction and
scope; the documents that mention it (each linked to its first mention);
its own responsibilities first, then apart the generic ones it inherits
(requirements of generic categories such as 各单位 or 各级党组织, in the
documents that mention it, when it is an organization, as ``kg who
--inherited`` lists them); its relations out and in, with their quotes; and
the other actors with the same label, told apart by jurisdiction or document.

Examples
--------
>>> distinguish("督导组", "龙滩子街道", ["a.txt"])
'督导组 (龙滩子街道)'
>>> distinguish("督导组", "", ["a.txt", "b.txt", "c.txt"])
'督导组 (a.txt, b.txt …)'
"""

from __future__ import annotations

import sqlite3
from html import escape
from urllib.parse import urlencode

from kg.address import actor_href, doc_href, span_href
from kg.nx.common import distinguish
from kg.nx.responsibility import GENERIC_ACTORS, ORGANIZATION_TYPES
from kg.server.workbench.editing import ACTOR_SCRIPTS, Editing, actor_edit
from kg.server.workbench.shell import json_block, link, page, table

INHERITED_MAX = 300
OWN_MAX = 300
RELATIONS_MAX = 300


def _docs(db: sqlite3.Connection, iri: str) -> list[sqlite3.Row]:
    return db.execute(
        'SELECT document, start, "end", mentions FROM actor_documents WHERE actor = ? '
        "ORDER BY document",
        (iri,),
    ).fetchall()


def _requirement_rows(rows: list[sqlite3.Row], with_actor: bool = False) -> list[list[str]]:
    out = []
    for r in rows:
        cells = [
            link(span_href(r["document"], r["start"], r["end"]), r["quote"]),
            escape(r["modality"]),
            escape(r["stage"] or ""),
            escape(r["deadline"] or ""),
            link(doc_href(r["document"]), r["document"]),
        ]
        if with_actor:
            cells.insert(1, escape(r["via"]))
        out.append(cells)
    return out


REQ_HEADERS = ["要求 quote", "情态 modality", "阶段 stage", "期限 deadline", "文件 document"]


def _more(db: sqlite3.Connection, iri: str, shown: int, total: int) -> str:
    """A note when a list is cut, with the table that has them all (its actor facet value)."""
    if shown >= total:
        return ""
    row = db.execute("SELECT name FROM requirement_actors WHERE actor = ? LIMIT 1", (iri,))
    href = "/table/requirements?" + urlencode({"actor": row.fetchone()[0]})
    return (
        f'<p class="hint">The first {shown} are listed; all of them: '
        f"{link(href, 'requirements table')}.</p>"
    )


def render_actor(db: sqlite3.Connection, iri: str, editing: Editing | None = None) -> str | None:
    """The page of the actor ``iri``, or ``None`` when the index has no such actor.

    With ``editing``, the page also carries its edit controls (merge, split).
    """
    a = db.execute("SELECT * FROM actors WHERE iri = ?", (iri,)).fetchone()
    if a is None:
        return None
    docs = _docs(db, iri)
    names = [d["document"] for d in docs]
    title = distinguish(a["label"], a["jurisdiction"], names)
    facts = [
        ("标签 label", a["label"]),
        ("别名 aliases", a["aliases"]),
        ("类型 type", a["actor_type"]),
        ("种类 kind", a["kind"]),
        ("层级 level", a["level"]),
        ("辖区 jurisdiction", a["jurisdiction"]),
        ("范围 scope", a["scope"]),
    ]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v or '')}</dd>" for k, v in facts if v)
    doc_rows = [
        [
            link(doc_href(d["document"]), d["document"]),
            link(span_href(d["document"], d["start"], d["end"]), "first mention")
            if d["start"] is not None
            else "",
            str(d["mentions"]),
        ]
        for d in docs
    ]
    n_own = db.execute(
        "SELECT COUNT(*) FROM requirement_actors WHERE actor = ?", (iri,)
    ).fetchone()[0]
    own = db.execute(
        "SELECT r.* FROM requirements r JOIN requirement_actors ra ON ra.requirement = r.iri "
        "WHERE ra.actor = ? ORDER BY r.document, r.start LIMIT ?",
        (iri, OWN_MAX),
    ).fetchall()
    inherited: list[sqlite3.Row] = []
    if a["actor_type"] in ORGANIZATION_TYPES and a["label"] not in GENERIC_ACTORS and names:
        generic = sorted(GENERIC_ACTORS)
        inherited = db.execute(
            "SELECT DISTINCT r.*, ra.label AS via FROM requirements r "
            "JOIN requirement_actors ra ON ra.requirement = r.iri "
            f"WHERE ra.label IN ({', '.join('?' * len(generic))}) "
            "AND r.document IN (SELECT document FROM actor_documents WHERE actor = ?) "
            "AND r.iri NOT IN (SELECT requirement FROM requirement_actors WHERE actor = ?) "
            "ORDER BY r.document, r.start LIMIT ?",
            [*generic, iri, iri, INHERITED_MAX],
        ).fetchall()
    rels = db.execute(
        "SELECT * FROM relations WHERE source = ? UNION SELECT * FROM relations WHERE target = ? "
        "ORDER BY document, start LIMIT ?",
        (iri, iri, RELATIONS_MAX),
    ).fetchall()
    rel_rows = []
    for r in rels:
        out = r["source"] == iri
        other, other_label = (
            (r["target"], r["target_label"])
            if out
            else (
                r["source"],
                r["source_label"],
            )
        )
        quote = (
            link(span_href(r["document"], r["start"], r["end"]), r["quote"])
            if r["start"] is not None
            else ""
        )
        rel_rows.append(
            [
                escape(("→ " if out else "← ") + r["type"]),
                link(actor_href(other), other_label)
                if actor_href(other) != "/actor/"
                else escape(other_label),
                quote,
                link(doc_href(r["document"]), r["document"]),
            ]
        )
    same = db.execute(
        "SELECT iri, label, jurisdiction FROM actors WHERE label = ? AND iri != ? ORDER BY iri",
        (a["label"], iri),
    ).fetchall()
    same_rows = [
        [
            link(
                actor_href(s["iri"]),
                distinguish(
                    s["label"], s["jurisdiction"], [d["document"] for d in _docs(db, s["iri"])]
                ),
            )
        ]
        for s in same
    ]
    body = (
        f'<main class="actor"><h1 id="title">{escape(title)}</h1><dl class="meta">{dl}</dl>'
        f"<h2>文件 Documents ({len(docs)})</h2>"
        + table(["文件 document", "", "提及 mentions"], doc_rows)
        + f'<h2 id="own">本身职责 Own responsibilities ({n_own})</h2>'
        + _more(db, iri, len(own), n_own)
        + table(REQ_HEADERS, _requirement_rows(own), "grid own")
        + f'<h2 id="inherited" class="inherited">继承的一般职责 Inherited from generic '
        f"categories ({len(inherited)})</h2>"
        + '<p class="hint">Requirements of generic categories (各单位, 各级党组织 …) in the '
        "documents that mention this actor: they bind it as one organization among all.</p>"
        + table(
            [REQ_HEADERS[0], "经由 via", *REQ_HEADERS[1:]],
            _requirement_rows(inherited, with_actor=True),
            "grid inherited",
        )
        + f"<h2>关系 Relations ({len(rels)})</h2>"
        + table(
            ["关系 relation", "对方 other", "引文 quote", "文件 document"],
            rel_rows,
            "grid relations",
        )
        + (
            f"<h2>同名主体 Same label ({len(same)})</h2>" + table(["主体 actor"], same_rows)
            if same
            else ""
        )
        + "</main>"
    )
    if editing is None:
        return page(title, body)
    body += json_block("edit", actor_edit(db, iri, a["label"], own, editing.author))
    return page(title, body, script=ACTOR_SCRIPTS)
