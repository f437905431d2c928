"""The analyst's workbench in headless Chromium over the seeds build: reader, tables, explore."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from kg.address import doc_href, span_href
from kg.server.app import Settings
from kg.server.workbench.index import open_index
from tests.kg.browser import chromium
from tests.kg.builds import HOSTILE_LABELS
from tests.kg.serving import running_server, sparql_json

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def driver():
    with chromium() as d:
        d.set_window_size(1300, 900)
        yield d


@pytest.fixture(scope="module")
def requirement(seeds_build):
    """A requirement of the seeds build with a responsible actor: (document, start, end, quote)."""
    db = open_index(seeds_build)
    row = db.execute(
        "SELECT document, start, \"end\", quote FROM requirements WHERE actors != '' "
        "ORDER BY document, start LIMIT 1 OFFSET 7"
    ).fetchone()
    return tuple(row)


def _resources(driver) -> list[str]:
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )


def test_a_span_address_scrolls_to_the_span_and_highlights_exactly_its_text(
    driver, seeds_server, requirement
):
    name, start, end, quote = requirement
    driver.get(seeds_server + span_href(name, start, end))
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#text .target"))
    marked = driver.find_elements(By.CSS_SELECTOR, "#text .target")
    assert "".join(e.get_attribute("textContent") for e in marked) == quote
    in_view = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= innerHeight",
        marked[0],
    )
    assert in_view


def test_the_panel_shows_the_requirement_of_the_address(driver, seeds_server, requirement):
    name, start, end, _quote = requirement
    driver.get(seeds_server + span_href(name, start, end))
    panel = driver.find_element(By.ID, "panel")
    WebDriverWait(driver, 20).until(lambda d: "modality" in panel.text)
    assert "要求" in panel.text and "rule" in panel.text and "confidence" in panel.text


def test_clicking_an_actor_opens_its_fields_in_the_panel(driver, seeds_server, requirement):
    driver.get(seeds_server + doc_href(requirement[0]))
    actor = driver.find_element(By.CSS_SELECTOR, "#text .m.actor:not(.time)")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", actor)
    actor.click()
    panel = driver.find_element(By.ID, "panel")
    WebDriverWait(driver, 10).until(lambda d: "actorType" in panel.text)
    assert actor.text in panel.text


@pytest.mark.parametrize("kind", ["actor", "time", "req-obligation"])
def test_the_reader_highlights_each_kind_of_fact(driver, seeds_server, requirement, kind):
    driver.get(seeds_server + doc_href(requirement[0]))
    assert driver.find_elements(By.CSS_SELECTOR, f"#text .m.{kind}")


def test_the_documents_list_links_every_document_to_the_reader(driver, seeds_server, seeds_build):
    driver.get(seeds_server + "/documents")
    links = driver.find_elements(By.CSS_SELECTOR, "table.documents tbody td:first-child a")
    db = open_index(seeds_build)
    names = [r[0] for r in db.execute("SELECT name FROM documents ORDER BY name")]
    assert [a.get_attribute("href") for a in links] == [seeds_server + doc_href(n) for n in names]


@pytest.mark.parametrize(
    "path", ["/documents", "/doc/000_84104d4993cf4f96.txt", "/table/requirements", "/explore"]
)
def test_no_request_leaves_the_machine(driver, seeds_server, path):
    driver.get(seeds_server + path)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    assert all(u.startswith(seeds_server) for u in _resources(driver))


def test_hostile_labels_stay_text_in_the_reader(driver, hostile_build):
    with running_server(Settings(build=hostile_build, workers=1)) as served:
        driver.get(served.base + doc_href("<b>x</b>.txt"))
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.TAG_NAME, "table"))
        assert driver.title != "pwned"
        text = driver.find_element(By.TAG_NAME, "main").text
        assert all(label in text for label in HOSTILE_LABELS)
        assert not driver.find_elements(By.CSS_SELECTOR, "main img, main svg, main script")


def _click_facet(driver, facet: str, value: str) -> None:
    link = driver.find_element(
        By.CSS_SELECTOR, f'#facets a[data-facet="{facet}"][data-value="{value}"]'
    )
    link.click()
    WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(
            By.CSS_SELECTOR, f'#facets li.on a[data-facet="{facet}"][data-value="{value}"]'
        )
    )


def _total(driver) -> int:
    return int(driver.find_element(By.ID, "total").text)


TWO_FACETS = """
SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?r a ck:Requirement ; ck:modality ck:obligation ; ck:stage ?s .
  ?s rdfs:label ?label . FILTER(STR(?label) = "学习动员")
}"""


def test_two_facets_select_as_many_requirements_as_the_same_sparql_query(driver, seeds_server):
    driver.get(seeds_server + "/table/requirements")
    everything = _total(driver)
    _click_facet(driver, "modality", "obligation")
    _click_facet(driver, "stage", "学习动员")
    expected = sparql_json(seeds_server, TWO_FACETS)["results"]["bindings"][0]["n"]["value"]
    assert 0 < _total(driver) == int(expected) < everything


def test_the_csv_download_holds_the_rows_the_table_selects(driver, seeds_server):
    driver.get(seeds_server + "/table/requirements?modality=prohibition")
    href = driver.find_element(By.ID, "csv").get_attribute("href")
    first = driver.find_element(By.CSS_SELECTOR, "#rows tbody tr td a").get_attribute("href")
    r = httpx.get(href, timeout=30)
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.headers["content-type"].startswith("text/csv")
    assert len(rows) == _total(driver) and {row["modality"] for row in rows} == {"prohibition"}
    assert seeds_server + rows[0]["link"] == first


def test_searching_chinese_text_keeps_only_rows_containing_it(driver, seeds_server):
    driver.get(seeds_server + "/table/requirements")
    box = driver.find_element(By.CSS_SELECTOR, "input[type=search]")
    box.send_keys("学习")
    box.submit()
    WebDriverWait(driver, 10).until(lambda d: "q=" in d.current_url)
    quotes = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#rows tbody td.quote a")]
    assert quotes and all("学习" in q for q in quotes)


def test_a_table_row_opens_the_reader_at_its_quote(driver, seeds_server):
    driver.get(seeds_server + "/table/requirements?modality=prohibition")
    link = driver.find_element(By.CSS_SELECTOR, "#rows tbody td.quote a")
    quote = link.text
    link.click()
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#text .target"))
    marked = driver.find_elements(By.CSS_SELECTOR, "#text .target")
    assert "".join(e.get_attribute("textContent") for e in marked) == quote


def _neighbour_ids(base: str, iri: str, document: str = "") -> set[str]:
    params = {"iri": iri, "document": document} if document else {"iri": iri}
    data = httpx.get(f"{base}/explore/node", params=params, timeout=30).json()
    return {data["node"]["id"]} | {n["id"] for n in data["nodes"]}


def _drawn(driver) -> list[str]:
    """The drawn node ids, read in one script (the drawing is replaced as it settles)."""
    script = "return Array.from(document.querySelectorAll('#canvas g.node'), g => g.dataset.id)"
    return driver.execute_script(script)


def test_search_an_actor_then_expand_twice_draws_the_union_of_neighbourhoods(driver, seeds_server):
    driver.get(seeds_server + "/explore")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.kgInteractive"))
    driver.find_element(By.ID, "within").click()  # asked: leave the starting document
    driver.find_element(By.ID, "search").send_keys("督导组")
    driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results button"))
    first = driver.find_element(By.CSS_SELECTOR, "#results button")
    start = first.get_attribute("data-id")
    first.click()
    one = _neighbour_ids(seeds_server, start)
    WebDriverWait(driver, 10).until(lambda d: len(_drawn(d)) == len(one))
    assert set(_drawn(driver)) == one
    second = next(i for i in sorted(one) if i != start and "/actor/" in i)
    driver.execute_script(  # found and clicked at once (the drawing is replaced as it moves)
        "for (const g of document.querySelectorAll('#canvas g.node'))"
        "  if (g.dataset.id === arguments[0]) g.dispatchEvent(new MouseEvent('click'));",
        second,
    )
    both = one | _neighbour_ids(seeds_server, second)
    WebDriverWait(driver, 10).until(lambda d: len(_drawn(d)) == len(both))
    assert len(both) > len(one) and set(_drawn(driver)) == both


def test_hiding_a_node_removes_it_from_the_drawing(driver, seeds_server):
    driver.get(seeds_server + "/explore")
    driver.find_element(By.ID, "search").send_keys("党委")
    driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results button"))
    driver.find_element(By.CSS_SELECTOR, "#results button").click()
    WebDriverWait(driver, 10).until(lambda d: len(_drawn(d)) > 1)
    before = _drawn(driver)
    driver.find_element(By.ID, "hide").click()
    WebDriverWait(driver, 10).until(lambda d: len(_drawn(d)) < len(before))
    assert len(_drawn(driver)) < len(before)


def test_unticking_a_relation_type_drops_its_edges(driver, seeds_server):
    driver.get(seeds_server + "/explore")
    driver.find_element(By.ID, "search").send_keys("党委")
    driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results button"))
    driver.find_element(By.CSS_SELECTOR, "#results button").click()
    box = WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, '#types input[data-type="responsibleActor"]')
    )
    lines = "return document.querySelectorAll('#canvas line').length"
    before = driver.execute_script(lines)
    box.click()
    assert driver.execute_script(lines) < before


def test_the_served_graph_view_links_quotes_to_the_reader(driver, seeds_server, requirement):
    name, start, end, quote = requirement
    driver.get(seeds_server + "/graph.html")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.kgInteractive"))
    driver.find_element(By.ID, "search").send_keys(quote)
    driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results button"))
    driver.find_element(By.CSS_SELECTOR, "#results button").click()
    link = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#panel a"))
    assert link.get_attribute("href") == seeds_server + span_href(name, start, end)


def test_hostile_source_text_stays_text_in_the_reader(driver, tmp_path):
    from kg.build.run import build

    folder = tmp_path / "in"
    folder.mkdir()
    text = "。".join(f"{label}党委要认真学习" for label in HOSTILE_LABELS) + "。"
    (folder / "x.txt").write_text(text, encoding="utf-8")
    build([folder], tmp_path / "out", progress=False, views=False)
    with running_server(Settings(build=tmp_path / "out", workers=1)) as served:
        driver.get(served.base + doc_href("x.txt"))
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#text .m"))
        assert driver.title != "pwned"
        assert driver.find_element(By.ID, "text").get_attribute("textContent") == text
        assert not driver.find_elements(By.CSS_SELECTOR, "#text img, #text svg, #text script")


def test_staying_in_the_starting_document_draws_only_its_neighbours(driver, seeds_server):
    driver.get(seeds_server + "/explore")
    assert driver.find_element(By.ID, "within").is_selected()  # by default
    driver.find_element(By.ID, "search").send_keys("党员")
    driver.find_element(By.CSS_SELECTOR, "#search-form button").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results button"))
    first = driver.find_element(By.CSS_SELECTOR, "#results button")
    start = first.get_attribute("data-id")
    first.click()
    url = f"{seeds_server}/explore/node"
    home = httpx.get(url, params={"iri": start}, timeout=30).json()["node"]["document"]
    data = httpx.get(url, params={"iri": start, "document": home}, timeout=30).json()
    expected = {start} | {n["id"] for n in data["nodes"]}
    WebDriverWait(driver, 10).until(lambda d: set(_drawn(d)) == expected)
    assert set(_drawn(driver)) == expected
