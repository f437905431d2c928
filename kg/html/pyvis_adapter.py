"""The only module that imports pyvis.

pyvis builds the vis-network data and options; the page is produced with
``Network.generate_html()`` and the project's own template
(``kg/html/templates/graph.html.j2``), never ``write_html``/``show`` (they write
a ``lib/`` folder into the working directory and link CDNs). vis-network's JS
and CSS are inlined from the copies pyvis bundles, so the page names no
external URL.

Examples
--------
>>> html = render_network(
...     [{"id": "a", "label": "区委", "shape": "dot", "color": "#1f77b4"}],
...     [],
...     {"physics": {"enabled": False}},
...     {"title": "t", "data": {}, "legend": [], "relations": [], "documents": [],
...      "stages": [], "kinds": [], "notice": ""},
... )
>>> "vis.Network" in html and "https://" not in html.split("<body")[1]
True
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from pyvis.network import Network

from kg.html.templating import inline_asset, new_environment, static_text

VIS_DIR = "templates/lib/vis-9.1.2"
TEMPLATE = "graph.html.j2"


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and its CSS, as bundled inside the pyvis package."""
    lib = files("pyvis") / VIS_DIR
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def render_network(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    options: dict[str, Any],
    page: dict[str, Any],
) -> str:
    """A self-contained HTML page drawing ``nodes`` and ``edges``.

    Parameters
    ----------
    nodes : list of dict
        vis-network node objects; each needs ``id`` and ``label``.
    edges : list of dict
        vis-network edge objects; each needs ``from`` and ``to``.
    options : dict
        vis-network options (physics, interaction ...).
    page : dict
        Values for the page template: ``title``, ``data`` (JSON-able node
        details for the side panel), ``legend``, ``relations``, ``documents``,
        ``stages``, ``kinds``, ``notice``.

    Returns
    -------
    str
        The page; the same arguments always give the same text.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    ids = set()
    for n in nodes:
        attrs = {k: v for k, v in n.items() if k not in ("id", "label", "shape", "color")}
        shape, color = n.get("shape", "dot"), n.get("color", "#97c2fc")
        net.add_node(n["id"], label=n["label"], shape=shape, color=color, **attrs)
        ids.add(n["id"])
    for e in edges:
        if e["from"] in ids and e["to"] in ids:
            attrs = {k: v for k, v in e.items() if k not in ("from", "to")}
            net.edges.append({"from": e["from"], "to": e["to"], "arrows": "to", **attrs})
    net.options = options
    env = new_environment()
    js, css = vis_assets()
    env.globals.update(
        page,
        vis_js=inline_asset(js, "script"),
        vis_css=inline_asset(css, "style"),
        app_js=inline_asset(static_text("graph.js"), "script"),
        app_css=inline_asset(static_text("graph.css"), "style"),
    )
    net.templateEnv = env
    net.path = TEMPLATE
    return net.generate_html()
