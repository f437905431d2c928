"""How fast a large graph view becomes interactive in headless Chromium.

Builds a synthetic graph (documents, actors, stages, steps, time expressions
and requirements linked like real extractions), renders it with the same code
as ``kg viz`` (layout in Python, physics off above 1,000 nodes), opens it in
headless Chromium and measures:

* ``render``: Python time to lay out and write the page;
* ``interactive``: ms from navigation start to the network's first drawing
  (``window.kgInteractiveAt``, set on vis-network's ``afterDrawing``);
* ``click``: ms from navigation start until a mouse click on a node (after the
  page has zoomed to it) has filled the side panel (``window.kgPanelAt``), and
  the wall time of the same as seen by the test driver (includes WebDriver
  round trips).

Usage::

    .venv/bin/python benchmarks/bench_viz.py --nodes 5000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.html.graph_view import render_view
from kg.html.model import Quote, ViewEdge, ViewGraph, ViewNode
from tests.kg.html.conftest import new_driver, open_graph
from tests.kg.html.test_browser import click_node


def synthetic(n: int) -> ViewGraph:
    """A deterministic graph of ``n`` nodes shaped like a corpus build."""
    g = ViewGraph()
    docs = max(2, n // 500)
    actors = max(5, n // 25)
    stages = ("学习动员", "分析评议", "整改提高")
    for d in range(docs):
        g.add_node(ViewNode(f"d{d}", "document", f"{d:03d}.txt", docs=[f"{d:03d}.txt"]))
    for i, s in enumerate(stages):
        g.add_node(ViewNode(f"s{i}", "stage", s, docs=[f"{d:03d}.txt" for d in range(docs)]))
    for a in range(actors):
        doc = f"{a % docs:03d}.txt"
        g.add_node(ViewNode(f"a{a}", "actor", f"第{a}督导组", docs=[doc]))
        g.add_edge(ViewEdge(f"a{a}", f"d{a % docs}", "mentionedIn"))
    rest = n - len(g.nodes)
    times = rest // 20
    for t in range(times):
        g.add_node(ViewNode(f"t{t}", "time", f"{t % 12 + 1}月{t % 28 + 1}日", docs=["000.txt"]))
    for r in range(rest - times):
        d = r % docs
        text = f"各单位要认真做好第{r}项工作，不少于{r % 50}个学时。"
        node = ViewNode(f"r{r}", "requirement", text, docs=[f"{d:03d}.txt"])
        node.quotes = [Quote(f"{d:03d}.txt", r * 30, r * 30 + len(text), text)]
        g.add_node(node)
        g.add_edge(ViewEdge(f"r{r}", f"a{(r * 7) % actors}", "responsibleActor"))
        g.add_edge(ViewEdge(f"r{r}", f"s{r % 3}", "stage"))
        g.add_edge(ViewEdge(f"r{r}", f"d{d}", "mentionedIn"))
        if r < times:
            g.add_edge(ViewEdge(f"r{r}", f"t{r}", "deadline"))
    return g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    g = synthetic(args.nodes)
    work = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    t0 = time.perf_counter()
    html = render_view(g, title="bench")
    render_s = time.perf_counter() - t0
    page = work / "graph.html"
    page.write_text(html, encoding="utf-8")
    print(
        f"{len(g.nodes)} nodes, {len(g.edges)} edges; page {len(html) / 1e6:.1f} MB; "
        f"render {render_s:.2f} s"
    )
    interactive, panels, clicks = [], [], []
    for run in range(args.runs):
        driver = new_driver(str(work / f"profile{run}"))
        try:
            t0 = time.perf_counter()
            open_graph(driver, page, timeout=120)
            click_node(driver, "第1项工作")
            assert "第1项工作" in driver.find_element("id", "kg-panel").text
            clicks.append(time.perf_counter() - t0)
            interactive.append(driver.execute_script("return window.kgInteractiveAt") / 1000)
            panels.append(driver.execute_script("return window.kgPanelAt") / 1000)
            drawn = driver.execute_script("return network.body.data.nodes.length")
            assert drawn == len(g.nodes), drawn
        finally:
            driver.quit()
        print(
            f"run {run + 1}: interactive {interactive[-1]:.2f} s, panel filled by a click "
            f"{panels[-1]:.2f} s (driver wall time {clicks[-1]:.2f} s)"
        )
    print(
        f"median of {args.runs}: interactive {statistics.median(interactive):.2f} s, "
        f"panel filled by a click {statistics.median(panels):.2f} s "
        f"(driver wall time {statistics.median(clicks):.2f} s)"
    )


if __name__ == "__main__":
    main()
