"""Server-side HTML: the ``/describe`` page of a node. Every value from the data is escaped.

Values arrive as SPARQL 1.1 Query Results JSON bindings; IRIs become links to
``/describe?iri=...`` (never to the IRI itself, so a ``javascript:`` IRI is
just text), literals are shown as text.

Examples
--------
>>> cell({"type": "literal", "value": "<img src=x onerror=alert(1)>"})
'&lt;img src=x onerror=alert(1)&gt;'
>>> cell({"type": "uri", "value": "javascript:alert(1)"})
'<a href="/describe?iri=javascript%3Aalert%281%29">&lt;javascript:alert(1)&gt;</a>'
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from kg.address import document_name, span_href
from kg.sparql.results import compact_iri

Binding = dict[str, dict[str, Any]]


def describe_href(iri: str) -> str:
    """The (escaped, attribute-safe) link to the describe page of ``iri``."""
    return escape("/describe?iri=" + quote(iri, safe=""), quote=True)


def cell(value: dict[str, Any] | None, label: dict[str, Any] | None = None) -> str:
    """HTML of one result value: an escaped link for an IRI, escaped text otherwise."""
    if value is None:
        return ""
    if value.get("type") == "uri":
        text = compact_iri(value["value"])
        if label is not None:
            text = f"{label['value']} ({text})"
        return f'<a href="{describe_href(value["value"])}">{escape(text)}</a>'
    if value.get("type") == "bnode":
        return escape("_:" + value["value"])
    text = escape(value.get("value", ""))
    lang = value.get("xml:lang")
    return f'{text} <span class="lang">@{escape(lang)}</span>' if lang else text


def _table(headers: list[str], rows: list[list[str]], css: str) -> str:
    if not rows:
        return '<p class="empty">none</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - campaign-kg</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header><a href="/">campaign-kg SPARQL</a>
<nav><a href="/graph.html">graph view</a> <a href="/report.html">report</a></nav></header>
<main>
<h1 id="title">{title}</h1>
<p class="iri">{iri}</p>
<h2>Source</h2>
{evidence}
<h2>Properties</h2>
{properties}
<h2>Referenced by</h2>
{incoming}
</main>
</body>
</html>
"""


def _reader_link(b: Binding) -> str:
    """A link to the workbench's reader at the evidence's span, when it is a document's."""
    doc, start, end = b.get("document"), b.get("start"), b.get("end")
    if not (doc and start and end):
        return ""
    name = document_name(doc["value"]) if doc.get("type") == "uri" else doc["value"]
    if name is None or not (start["value"].isdigit() and end["value"].isdigit()):
        return ""
    href = escape(span_href(name, int(start["value"]), int(end["value"])), quote=True)
    return f'<a href="{href}">read</a>'


def render_describe(
    iri: str, props: list[Binding], incoming: list[Binding], evidence: list[Binding]
) -> str:
    """The describe page of ``iri`` from the bindings of the three describe queries."""
    labels = [
        b["o"]["value"]
        for b in props
        if b.get("p", {}).get("value", "").endswith("rdf-schema#label") and "o" in b
    ]
    title = labels[0] if labels else compact_iri(iri)
    prop_rows = [[cell(b.get("p")), cell(b.get("o"), b.get("label"))] for b in props]
    in_rows = [[cell(b.get("s"), b.get("label")), cell(b.get("p"))] for b in incoming]
    ev_rows = [
        [
            cell(b.get("document")),
            cell(b.get("start")),
            cell(b.get("end")),
            cell(b.get("quote")),
            _reader_link(b),
        ]
        for b in evidence
    ]
    return PAGE.format(
        title=escape(title),
        iri=escape(iri),
        evidence=_table(
            ["document", "start", "end", "quote (oa:exact)", "in the text"], ev_rows, "evidence"
        ),
        properties=_table(["property", "value"], prop_rows, "properties"),
        incoming=_table(["subject", "property"], in_rows, "incoming"),
    )


def render_error(status: int, message: str) -> str:
    """A small error page."""
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>error</title>'
        '<link rel="stylesheet" href="/static/style.css"></head><body><main>'
        f'<h1>{status}</h1><p class="error">{escape(message)}</p><p><a href="/">back</a></p>'
        "</main></body></html>"
    )
