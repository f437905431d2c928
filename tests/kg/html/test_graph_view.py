"""graph.html (explore) and the kg viz drawings: self-contained, escaped, deterministic."""

from __future__ import annotations

import json
import re

import pytest

from kg.html.graph_view import graph_html, narrow, render_view
from kg.html.model import SELECTABLE_KINDS, ViewEdge, ViewGraph, ViewNode
from kg.html.reader import read_view_graph
from tests.kg.html.fixtures import EVIL_ACTOR, IMG, LINK, SCRIPT
from tests.kg.html.pagecheck import external


@pytest.fixture(scope="module")
def page(hand_build) -> str:
    """``graph.html`` as ``kg build`` writes it: the explore page."""
    return (hand_build / "graph.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def drawing(hand_build) -> str:
    """A ``kg viz --types ...`` drawing of every node (vis-network)."""
    return graph_html(hand_build, types=SELECTABLE_KINDS)


def data_blob(html: str, element: str) -> dict:
    m = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', html, re.S)
    assert m, "no data blob"
    return json.loads(m.group(1))


def labels(html: str) -> list[str]:
    if 'id="explore-data"' in html:
        return [n[1] for n in data_blob(html, "explore-data")["nodes"]]
    return [d["label"] for d in data_blob(html, "kg-data")["nodes"].values()]


@pytest.mark.parametrize("which", ["page", "drawing"])
def test_page_references_nothing_outside_itself(which, request):
    assert external(request.getfixturevalue(which)) == []


@pytest.mark.parametrize("which", ["page", "drawing"])
def test_page_names_no_cdn(which, request):
    assert "//cdn" not in request.getfixturevalue(which)


def test_vis_network_is_inlined_in_drawings(drawing):
    assert "vis.Network" in drawing and len(drawing) > 400_000


def test_the_explore_page_carries_no_drawing_library(page):
    assert "vis.Network" not in page and len(page) < 100_000


@pytest.mark.parametrize("which", ["page", "drawing"])
@pytest.mark.parametrize("payload", [IMG, LINK, SCRIPT, EVIL_ACTOR])
def test_source_text_never_appears_as_markup(which, payload, request):
    assert payload not in request.getfixturevalue(which)


@pytest.mark.parametrize("which", ["page", "drawing"])
@pytest.mark.parametrize("payload", [IMG, SCRIPT])
def test_source_text_survives_in_the_data_blob(which, payload, request):
    assert any(payload in label for label in labels(request.getfixturevalue(which)))


def test_quotes_carry_document_and_offsets(drawing):
    quotes = [q for d in data_blob(drawing, "kg-data")["nodes"].values() for q in d["quotes"]]
    assert {"doc", "start", "end", "text"} <= set(quotes[0])


def test_explored_nodes_link_their_span(page):
    hrefs = [n[5] for n in data_blob(page, "explore-data")["nodes"] if n[2] == "requirement"]
    assert hrefs and all(re.fullmatch(r"/doc/[^#]+#\d+-\d+", h) for h in hrefs)


def test_our_scripts_never_use_inner_html(drawing, page):
    ours = drawing.split("</script>", 2)[-1]  # everything after vis-network's own script
    assert "innerHTML" not in ours and "innerHTML" not in page


def test_same_build_same_bytes(hand_build, page):
    assert graph_html(hand_build) == page


def test_small_graph_uses_browser_physics(drawing):
    assert '"enabled": true' in drawing.split("var options = ", 1)[1].split("\n", 1)[0]


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
