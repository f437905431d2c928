"""The views in real headless Chromium: rendering, clicks, filters, and no script injection."""

from __future__ import annotations

import pytest

from kg.cli.main import cli
from kg.html.graph_view import write_graph_html
from kg.html.model import SELECTABLE_KINDS
from tests.kg.html.conftest import open_graph

pytestmark = pytest.mark.browser


def no_script_ran(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018
    assert driver.execute_script("return typeof window.__xss") == "undefined"


def click_node(driver, label_part: str) -> str:
    """Click (with the mouse) the node whose label contains ``label_part``; return its id."""
    from selenium.webdriver.common.action_chains import ActionChains

    node_id, x, y = driver.execute_script(
        """
        const info = JSON.parse(document.getElementById('kg-data').textContent).nodes;
        const id = Object.keys(info).find(k => info[k].label.includes(arguments[0]));
        network.focus(id, {scale: 1.5, animation: false});
        network.redraw();
        const p = network.canvasToDOM(network.getPosition(id));
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return [id, p.x - r.width / 2, p.y - r.height / 2];
        """,
        label_part,
    )
    canvas = driver.find_element("css selector", "#mynetwork canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, int(x), int(y)).click().perform()
    return node_id


@pytest.fixture(scope="module")
def drawing(hand_build, tmp_path_factory):
    """``kg viz --types`` of every type: the vis-network drawing of every node."""
    path = tmp_path_factory.mktemp("viz") / "all.html"
    return write_graph_html(hand_build, path, types=SELECTABLE_KINDS)


def test_probe_detects_a_script_that_runs(browser, tmp_path):
    page = tmp_path / "control.html"
    page.write_text("<!doctype html><img src=x onerror=window.__xss=1>", encoding="utf-8")
    browser.get(page.as_uri())
    browser.implicitly_wait(0)
    assert browser.execute_script("return window.__xss") == 1


def test_graph_draws_every_node(browser, drawing):
    open_graph(browser, drawing)
    assert browser.execute_script("return network.body.data.nodes.length") == 21
    assert browser.execute_script("return Object.keys(network.body.nodes).length") >= 21


def test_click_shows_source_quote_in_panel(browser, drawing):
    open_graph(browser, drawing)
    click_node(browser, "县委要在8月")
    panel = browser.find_element("id", "kg-panel").text
    assert "县委要在8月上旬至9月上旬完成整改提高" in panel
    assert "b.txt [0, 19)" in panel


def test_panel_shows_payload_as_text(browser, drawing):
    open_graph(browser, drawing)
    click_node(browser, "各党支部要")
    assert "<img src=x onerror=window.__xss=1>" in browser.find_element("id", "kg-panel").text
    assert browser.find_elements("css selector", "#kg-panel img") == []
    no_script_ran(browser)


def test_type_filter_hides_nodes(browser, drawing):
    open_graph(browser, drawing)
    browser.find_element("css selector", "#kg-type-filter input[value=requirement]").click()
    hidden = browser.execute_script("return nodes.get({filter: n => n.hidden}).length")
    assert hidden == 7


def test_stage_filter_keeps_stage_members(browser, drawing):
    from selenium.webdriver.support.ui import Select

    open_graph(browser, drawing)
    Select(browser.find_element("id", "kg-stage-filter")).select_by_value("整改提高")
    shown = browser.execute_script("return nodes.get({filter: n => !n.hidden}).map(n => n.label)")
    assert "整改提高" in shown and "县委" in shown and "党委" not in shown


def test_search_selects_matches(browser, drawing):
    open_graph(browser, drawing)
    box = browser.find_element("id", "kg-search")
    box.send_keys("督导组")
    assert browser.find_element("id", "kg-search-status").text.startswith("2 ")
    assert len(browser.execute_script("return network.getSelectedNodes()")) == 2


@pytest.mark.parametrize("page", ["graph.html", "report.html", "drawing"])
def test_hand_build_runs_no_injected_script(browser, hand_build, drawing, page):
    if page == "graph.html":
        open_graph(browser, hand_build / page)
        explore_everything(browser)
    elif page == "drawing":
        open_graph(browser, drawing)
    else:
        browser.get((hand_build / page).as_uri())
    no_script_ran(browser)


def explore_everything(driver) -> None:
    """Search the explore page for every node in turn and expand it (its label drawn, its panel)."""
    from selenium.webdriver.common.by import By

    count = driver.execute_script(
        "return JSON.parse(document.getElementById('explore-data').textContent).nodes.length"
    )
    box = driver.find_element(By.ID, "search")
    for i in range(count):
        label = driver.execute_script(
            "return JSON.parse(document.getElementById('explore-data').textContent)"
            ".nodes[arguments[0]][1]",
            i,
        )
        box.clear()
        box.send_keys(label.split()[0] if label.split() else label)
        driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
        for b in driver.find_elements(By.CSS_SELECTOR, "#results button"):
            b.click()


def test_report_renders_plots_with_text(browser, hand_build):
    browser.get((hand_build / "report.html").as_uri())
    svgs = browser.execute_script(
        "return [...document.querySelectorAll('svg')].map(s => s.querySelectorAll('text').length)"
    )
    assert len(svgs) >= 3 and all(n > 0 for n in svgs)
    width = browser.execute_script("return document.querySelector('svg').getBBox().width")
    assert width > 100


INJECTION = (
    "关于开展学习的通知\n"
    "各党委要<img src=x onerror=window.__xss=1>认真学习。\n"
    "各支部要<script>window.__xss=2;alert(1)</script>按时完成。\n"
    '各单位要点击<a href="javascript:window.__xss=3">链接</a>报送材料，"务必"认真。\n'
    "督导组要在3月15日前<svg onload=window.__xss=4>检查。\n"
)


@pytest.fixture(scope="module")
def injection_build(tmp_path_factory):
    """A real ``kg build`` of a text file full of markup."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("inject")
    (root / "in").mkdir()
    (root / "in" / "evil.txt").write_text(INJECTION, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(root / "in"), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root / "out"


def test_injection_text_reaches_the_graph(injection_build):
    assert "onerror=window.__xss=1" in (injection_build / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["graph.html", "report.html"])
def test_built_pages_run_no_injected_script(browser, injection_build, page):
    if page == "graph.html":
        open_graph(browser, injection_build / page)
        explore_everything(browser)
    else:
        browser.get((injection_build / page).as_uri())
    no_script_ran(browser)


def test_seeds_drawing_renders(browser, seeds_build, tmp_path):
    open_graph(browser, write_graph_html(seeds_build, tmp_path / "all.html", types=["actor"]))
    drawn = browser.execute_script("return network.body.data.nodes.length")
    data = browser.execute_script(
        "return Object.keys(JSON.parse(document.getElementById('kg-data').textContent).nodes)"
        ".length"
    )
    assert drawn == data > 0
