"""The workbench's ``/explore`` opens on the overview ``graph.html`` opens on (headless Chromium).

Both pages choose it with one rule (:func:`kg.html.explore_data.pick_overview`): the
same nodes on the same build, never more than the stages and actors it keeps.
"""

from __future__ import annotations

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from kg.html.explore_data import OVERVIEW_ACTORS, OVERVIEW_STAGES
from tests.kg.browser import chromium
from tests.kg.html.test_explore_offline import embedded

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def opened(seeds_server):
    """Chromium on ``/explore``, once its script is ready (the overview drawn)."""
    with chromium() as d:
        d.set_window_size(1300, 900)
        d.get(seeds_server + "/explore")
        WebDriverWait(d, 30).until(lambda d: d.execute_script("return window.kgInteractive"))
        yield d


def _drawn(driver) -> set[str]:
    """The drawn node ids, read in one script (the drawing is replaced as it settles)."""
    script = "return Array.from(document.querySelectorAll('#canvas g.node'), g => g.dataset.id)"
    return set(driver.execute_script(script))


def _graph_html_overview(build) -> set[str]:
    data = embedded(build / "graph.html")
    return {data["base"] + data["nodes"][i][0] for i in data["overview"]}


def test_explore_opens_on_graph_htmls_overview(opened, seeds_build):
    assert _drawn(opened) == _graph_html_overview(seeds_build)


def test_the_overview_edges_are_graph_htmls(seeds_server, seeds_build):
    data = embedded(seeds_build / "graph.html")
    first = set(data["overview"])
    iri = [data["base"] + n[0] for n in data["nodes"]]
    offline = {(iri[e[0]], e[1], iri[e[2]]) for e in data["edges"] if {e[0], e[2]} <= first}
    answer = httpx.get(f"{seeds_server}/explore/overview", timeout=30).json()
    assert {(e["source"], e["type"], e["target"]) for e in answer["edges"]} == offline


def test_the_overview_is_bounded(opened):
    assert 0 < len(_drawn(opened)) <= OVERVIEW_STAGES + OVERVIEW_ACTORS


def test_the_overview_draws_only_stages_and_actors(opened):
    kinds = {g.get_attribute("data-kind") for g in opened.find_elements(By.CSS_SELECTOR, "g.node")}
    assert kinds == {"stage", "actor"}


def test_the_overview_draws_its_edges(opened, seeds_server):
    answer = httpx.get(f"{seeds_server}/explore/overview", timeout=30).json()
    lines = opened.execute_script("return document.querySelectorAll('#canvas line').length")
    assert lines == len(answer["edges"]) > 0


def test_drawing_the_overview_asks_nothing_outside_the_machine(opened, seeds_server):
    asked = opened.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )
    assert f"{seeds_server}/explore/overview" in asked
    assert all(u.startswith(seeds_server) for u in asked)


def test_a_chosen_search_result_replaces_the_overview(opened, seeds_server):
    """The first result (in its own document) with its neighbours, and no overview node else."""
    before = _drawn(opened)
    hit = httpx.get(f"{seeds_server}/explore/search", params={"q": "督导组"}, timeout=30).json()
    start, home = hit["results"][0]["id"], hit["results"][0]["document"]
    params = {"iri": start, "document": home}
    data = httpx.get(f"{seeds_server}/explore/node", params=params, timeout=30).json()
    around = {start} | {n["id"] for n in data["nodes"]}
    opened.find_element(By.ID, "search").send_keys("督导组")
    opened.find_element(By.CSS_SELECTOR, "#search-form button").click()
    WebDriverWait(opened, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results button"))
    opened.find_element(By.CSS_SELECTOR, "#results button").click()
    WebDriverWait(opened, 10).until(lambda d: _drawn(d) == around)
    assert before - around  # the overview made room
