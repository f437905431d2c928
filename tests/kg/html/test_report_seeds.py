"""report.html of the seeds build: the timeline's labels, the stage order, quotes in every row."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html import unescape

import pytest
from click.testing import CliRunner

from kg.address import span_href
from kg.cli.main import cli

TABLES = ("#timeline table", "#chain table", "#top table")
LABEL_BOXES = """
return [...document.querySelectorAll('#timeline svg')].map(svg =>
  [...svg.querySelectorAll('g[id*="-label-"]')].map(g => {
    const r = g.getBoundingClientRect();
    return [g.id, r.left, r.top, r.right, r.bottom];
  }));
"""


@pytest.fixture(scope="module")
def report(seeds_build) -> str:
    return (seeds_build / "report.html").read_text(encoding="utf-8")


def _overlapping(boxes):
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def test_report_flows_are_the_stage_order_of_deps(seeds_build, report):
    result = CliRunner().invoke(
        cli, ["deps", "--order", "--out", str(seeds_build), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    expected = defaultdict(list)
    for row in json.loads(result.output):
        expected[row["document"]].append(row["item"])
    shown = {
        unescape(doc): [unescape(x) for x in re.findall(r'data-position="\d+"[^>]*>([^<]*)<', body)]
        for doc, body in re.findall(
            r'<div class="flow" data-document="([^"]*)">(.*?)</div>', report, re.S
        )
    }
    assert expected and shown == dict(expected)


def test_timeline_labels_do_not_overlap(browser, seeds_build):
    browser.get((seeds_build / "report.html").as_uri())
    charts = browser.execute_script(LABEL_BOXES)
    assert sum(len(c) for c in charts) >= 20
    assert [_overlapping(c) for c in charts] == [[] for _ in charts]


def test_timeline_years_are_not_mixed_on_one_axis(report):
    section = report.split('<section id="timeline">')[1].split("</section>")[0]
    titles = re.findall(r"<h3>([^<]*)</h3>", section)
    assert "2005年" in titles
    # a year-less document has its own chart, its axis relative to its year
    assert any(t.endswith(".txt") for t in titles)
    assert "去年10月" in section


@pytest.mark.parametrize("table", TABLES)
def test_every_row_carries_its_quote_and_reader_address_from_disk(browser, seeds_build, table):
    browser.get((seeds_build / "report.html").as_uri())
    rows = browser.execute_script(
        f"return [...document.querySelectorAll('{table} tbody tr')].map(tr => ["
        "tr.querySelector('span.q') ? tr.querySelector('span.q').textContent : null,"
        "tr.querySelector('span.where') ? tr.querySelector('span.where').textContent : null,"
        "tr.querySelector('span.span-addr') ? tr.querySelector('span.span-addr').textContent : '',"
        "tr.querySelectorAll('a.span-link').length])"
    )
    assert rows
    for quote, where, address, links in rows:
        name, start, end = re.fullmatch(r"(.+) \[(\d+), (\d+)\)", where).groups()
        assert quote and links == 0  # no link to follow from a file
        assert address == span_href(name, int(start), int(end))


@pytest.mark.parametrize("table", TABLES)
def test_every_row_links_to_the_reader_when_served(browser, seeds_server, table):
    browser.get(seeds_server + "/report.html")
    rows = browser.execute_script(
        f"return [...document.querySelectorAll('{table} tbody tr')].map(tr => {{"
        "const a = tr.querySelector('a.span-link');"
        "return a && a.offsetParent ? a.getAttribute('href') : null; })"
    )
    assert rows
    assert all(h and re.fullmatch(r"/doc/[^#]+#\d+-\d+", h) for h in rows)


@pytest.mark.parametrize("analysis", ["stage_order", "items", "actor_relations"])
def test_report_reads_from_its_focused_projection_what_the_full_one_gives(seeds_build, analysis):
    from kg.html import calendar, report_data
    from kg.nx.cache import open_projection
    from kg.nx.dependencies import stage_order
    from kg.nx.focus import report_graph
    from kg.nx.projection import load_graph

    run = {
        "stage_order": stage_order,
        "items": calendar.items,
        "actor_relations": report_data.actor_relations,
    }[analysis]
    p = open_projection(seeds_build)
    try:
        focused = report_graph(p)
    finally:
        p.close()
    full = run(load_graph(seeds_build))
    assert full and run(focused) == full
