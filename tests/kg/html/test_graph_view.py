"""graph.html: self-contained, escaped, deterministic; large graphs laid out in Python."""

from __future__ import annotations

import json
import re

import pytest

from kg.html.graph_view import graph_html, narrow, render_view
from kg.html.model import ViewEdge, ViewGraph, ViewNode
from kg.html.reader import read_view_graph
from tests.kg.html.fixtures import EVIL_ACTOR, IMG, LINK, SCRIPT
from tests.kg.html.pagecheck import external


@pytest.fixture(scope="module")
def page(hand_build) -> str:
    return (hand_build / "graph.html").read_text(encoding="utf-8")


def data_blob(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "no data blob"
    return json.loads(m.group(1))


def test_page_references_nothing_outside_itself(page):
    assert external(page) == []


def test_page_names_no_cdn(page):
    assert "//cdn" not in page


def test_vis_network_is_inlined(page):
    assert "vis.Network" in page and len(page) > 400_000


@pytest.mark.parametrize("payload", [IMG, LINK, SCRIPT, EVIL_ACTOR])
def test_source_text_never_appears_as_markup(page, payload):
    assert payload not in page


@pytest.mark.parametrize("payload", [IMG, SCRIPT])
def test_source_text_survives_in_the_data_blob(page, payload):
    labels = [d["label"] for d in data_blob(page)["nodes"].values()]
    assert any(payload in label for label in labels)


def test_quotes_carry_document_and_offsets(page):
    quotes = [q for d in data_blob(page)["nodes"].values() for q in d["quotes"]]
    assert {"doc", "start", "end", "text"} <= set(quotes[0])


def test_our_scripts_never_use_inner_html(page):
    ours = page.split("</script>", 2)[-1]  # everything after vis-network's own script
    assert "innerHTML" not in ours


def test_same_build_same_bytes(hand_build, page):
    assert graph_html(hand_build) == page


def test_small_graph_uses_browser_physics(page):
    assert '"enabled": true' in page.split("var options = ", 1)[1].split("\n", 1)[0]


def star(n: int) -> ViewGraph:
    g = ViewGraph()
    g.add_node(ViewNode("a", "actor", "主体"))
    for i in range(n - 1):
        g.add_node(ViewNode(f"r{i}", "requirement", f"要求{i}", docs=["d.txt"]))
        g.add_edge(ViewEdge(f"r{i}", "a", "responsibleActor"))
    return g


def test_large_graph_has_positions_and_no_physics():
    html = render_view(star(50), physics_limit=10)
    options = html.split("var options = ", 1)[1].split("\n", 1)[0]
    assert '"enabled": false' in options
    nodes = json.loads(html.split("new vis.DataSet(", 1)[1].split(");\n", 1)[0])
    assert all("x" in n and "y" in n for n in nodes)


def test_huge_graph_becomes_an_overview():
    g, notice = narrow(star(60), aggregate_limit=50)
    assert len(g.nodes) == 2 and "概览" in notice


def test_focus_skips_the_overview():
    g, notice = narrow(star(60), focus="主体", aggregate_limit=50)
    assert len(g.nodes) == 60 and notice == ""


def test_doc_filter_keeps_that_documents_nodes(hand_build):
    g, _ = narrow(read_view_graph(hand_build), doc="b.txt")
    assert {n.label for n in g.nodes.values() if n.kind == "actor"} == {"县委", "党员"}
