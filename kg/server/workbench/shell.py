"""The workbench's page shell and small HTML helpers; every value from the data is escaped.

Pages load only ``/assets/workbench.css`` and their own script from
``/assets/`` (served from ``kg/server/workbench/static``); data for scripts travels in
``<script type="application/json">`` blocks with ``<``, ``>`` and ``&``
escaped, and scripts build the DOM with ``textContent`` only.

Examples
--------
>>> link("/doc/a.txt", "<b>")
'<a href="/doc/a.txt">&lt;b&gt;</a>'
>>> json_block("facts", {"q": "</script>"})
'<script type="application/json" id="facts">{"q": "\\\\u003c/script\\\\u003e"}</script>'
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

NAV = (
    ("/documents", "文件 documents"),
    ("/table/requirements", "要求 requirements"),
    ("/table/actors", "主体 actors"),
    ("/table/times", "时间 times"),
    ("/table/relations", "关系 relations"),
    ("/explore", "探索 explore"),
    ("/", "SPARQL"),
)


def link(href: str, text: str, css: str = "") -> str:
    """An escaped link."""
    cls = f' class="{escape(css)}"' if css else ""
    return f'<a href="{escape(href, quote=True)}"{cls}>{escape(text)}</a>'


def json_block(element_id: str, data: Any) -> str:
    """Data for a page script, inert and safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{escape(element_id)}">{text}</script>'


def table(headers: list[str], rows: list[list[str]], css: str = "grid") -> str:
    """A table of ready-made (already escaped) cells."""
    if not rows:
        return '<p class="empty">none</p>'
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def page(
    title: str,
    body: str,
    *,
    script: str | tuple[str, ...] | None = None,
    css: str = "",
    styles: tuple[str, ...] = (),
) -> str:
    """A whole workbench page: navigation, ``body`` (escaped HTML), scripts, more stylesheets."""
    nav = " ".join(link(href, text) for href, text in NAV)
    scripts = (script,) if isinstance(script, str) else script or ()
    tag = "".join(f'<script src="/assets/{escape(s)}" defer></script>' for s in scripts)
    tag += "".join(f'\n<link rel="stylesheet" href="/assets/{escape(s)}">' for s in styles)
    return (
        '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} - campaign-kg</title>\n"
        f'<link rel="stylesheet" href="/assets/workbench.css">\n{tag}\n</head>\n'
        f'<body class="{escape(css)}">\n<header><span class="brand">campaign-kg</span>'
        f"<nav>{nav}</nav></header>\n{body}\n</body>\n</html>\n"
    )
