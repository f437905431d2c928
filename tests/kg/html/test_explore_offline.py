"""The offline graph.html in headless Chromium: overview, search, expand, hide, filter, no network.

Its answers are compared with the workbench's own (``kg.server.workbench.explore``
over the index of the same build): one script, the same exploration.
"""

from __future__ import annotations

import json
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from kg.html.explore_data import OVERVIEW_ACTORS, OVERVIEW_STAGES
from kg.server.workbench.explore import neighbours
from kg.server.workbench.index import open_index
from tests.kg.html.conftest import open_graph
from tests.kg.html.pagecheck import external

pytestmark = pytest.mark.browser


def embedded(path) -> dict:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="explore-data">(.*?)</script>', html, re.S)
    assert m, "no embedded graph"
    return json.loads(m.group(1))


def drawn(driver) -> set[str]:
    return {
        g.get_attribute("data-id") for g in driver.find_elements(By.CSS_SELECTOR, "#canvas g.node")
    }


def search_and_pick(driver, text: str) -> tuple[str, str]:
    """Search ``text``, click the first result; return its id and its document."""
    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(text)
    driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
    first = WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#results button")
    )
    detail = first.text.rsplit(" · ", 1)[-1]
    node = first.get_attribute("data-id")
    first.click()
    return node, detail


def click_node(driver, node: str) -> None:
    driver.execute_script(
        "for (const g of document.querySelectorAll('#canvas g.node'))"
        "  if (g.dataset.id === arguments[0]) g.dispatchEvent(new MouseEvent('click'));",
        node,
    )


@pytest.fixture
def seeds_page(browser, seeds_build):
    open_graph(browser, seeds_build / "graph.html")
    return browser


def test_opens_on_a_small_overview_not_on_every_node(seeds_page, seeds_build):
    nodes = embedded(seeds_build / "graph.html")["nodes"]
    shown = drawn(seeds_page)
    assert 0 < len(shown) <= OVERVIEW_STAGES + OVERVIEW_ACTORS < len(nodes) / 10


def test_the_overview_is_the_documents_stages_and_top_actors(seeds_page):
    kinds = {
        g.get_attribute("data-kind") for g in seeds_page.find_elements(By.CSS_SELECTOR, "g.node")
    }
    assert kinds == {"stage", "actor"}


def test_search_then_expand_twice_draws_both_neighbourhoods_in_place_of_the_overview(
    seeds_page, seeds_build
):
    db = open_index(seeds_build)
    overview = drawn(seeds_page)
    start, home = search_and_pick(seeds_page, "督导组")
    one = neighbours(db, start, document=home)
    first = {start} | {n["id"] for n in one["nodes"]}
    WebDriverWait(seeds_page, 10).until(lambda d: drawn(d) == first)

    def around(node: str) -> set[str]:
        return {n["id"] for n in neighbours(db, node, document=home)["nodes"]}

    second = next(n["id"] for n in one["nodes"] if around(n["id"]) - first)
    click_node(seeds_page, second)
    both = first | around(second)
    WebDriverWait(seeds_page, 10).until(lambda d: len(drawn(d)) == len(both))
    assert drawn(seeds_page) == both and len(both) > len(first)
    assert overview - both  # the overview made room


def test_a_node_shared_by_documents_leads_out_only_when_asked(seeds_page, seeds_build):
    db = open_index(seeds_build)
    seeds_page.find_element(By.ID, "within").click()  # asked: leave the starting document
    start, _ = search_and_pick(seeds_page, "党员")
    everywhere = {start} | {n["id"] for n in neighbours(db, start)["nodes"]}
    WebDriverWait(seeds_page, 10).until(lambda d: everywhere <= drawn(d))
    documents = {n["document"] for n in neighbours(db, start)["nodes"]}
    assert len(documents) > 1


def test_search_results_are_the_workbenchs(seeds_page, seeds_build):
    from kg.server.workbench.explore import search

    search_and_pick(seeds_page, "整改")
    shown = [
        b.get_attribute("data-id")
        for b in seeds_page.find_elements(By.CSS_SELECTOR, "#results button")
    ]
    assert shown == [n["id"] for n in search(open_index(seeds_build), "整改")]


def test_hiding_a_node_removes_it_from_the_drawing(seeds_page):
    node, _ = search_and_pick(seeds_page, "党委")
    WebDriverWait(seeds_page, 10).until(lambda d: node in drawn(d))
    seeds_page.find_element(By.ID, "hide").click()
    assert node not in drawn(seeds_page)


def test_unticking_a_relation_type_drops_its_edges(seeds_page):
    search_and_pick(seeds_page, "党委")
    box = WebDriverWait(seeds_page, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, '#types input[data-type="responsibleActor"]')
    )
    lines = "return document.querySelectorAll('#canvas line').length"
    before = seeds_page.execute_script(lines)
    box.click()
    assert seeds_page.execute_script(lines) < before


def test_no_request_leaves_the_page(seeds_page, seeds_build):
    search_and_pick(seeds_page, "督导组")
    WebDriverWait(seeds_page, 10).until(lambda d: d.find_elements(By.ID, "hide"))
    loaded = seeds_page.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert loaded == []
    assert external((seeds_build / "graph.html").read_text(encoding="utf-8")) == []
