"""The one Jinja environment of the HTML views: package templates, autoescape on.

Every value rendered into a page goes through autoescaping; JSON for
``<script>`` blocks goes through :func:`script_json`, which cannot close the
script element.

Examples
--------
>>> render_string("<p>{{ x }}</p>", x="<img src=x onerror=alert(1)>")
'<p>&lt;img src=x onerror=alert(1)&gt;</p>'
>>> str(script_json({"q": "</script><script>alert(1)</script>"}))
'{"q": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(str(files("kg.html") / "templates"))
STATIC = Path(str(files("kg.html") / "static"))

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> Markup:
    """``value`` as JSON safe inside ``<script type="application/json">`` (sorted keys)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, esc in _SCRIPT_UNSAFE.items():
        text = text.replace(ch, esc)
    return Markup(text)


def inline_asset(text: str, element: str) -> Markup:
    """Trusted JS or CSS text to inline in a ``<script>``/``<style>`` element.

    Raises
    ------
    ValueError
        When the text would close its element early.
    """
    if f"</{element}" in text.lower():
        raise ValueError(f"asset contains </{element}")
    return Markup(text)


def static_text(name: str) -> str:
    """The text of ``kg/html/static/<name>``."""
    return (STATIC / name).read_text(encoding="utf-8")


def new_environment() -> Environment:
    """A fresh Jinja environment over ``kg/html/templates``, autoescaping.

    Adapters that must hand a whole environment to a library (pyvis) take a
    fresh one and add their page's globals to it.
    """
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = script_json
    return env


@cache
def environment() -> Environment:
    """The shared Jinja environment (see :func:`new_environment`)."""
    return new_environment()


def render(template: str, **values: Any) -> str:
    """Render the package template ``template`` with ``values``."""
    return environment().get_template(template).render(**values)


def render_string(source: str, **values: Any) -> str:
    """Render a template given as text (autoescaped)."""
    return environment().from_string(source).render(**values)
