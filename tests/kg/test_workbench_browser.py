"""The analyst's workbench in headless Chromium over the seeds build: reader, tables, explore."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from kg.server.app import Settings
from kg.workbench.address import doc_href, span_href
from kg.workbench.index import open_index
from tests.kg.browser import chromium
from tests.kg.builds import HOSTILE_LABELS
from tests.kg.serving import running_server

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


@pytest.mark.parametrize("path", ["/documents", "/doc/000_84104d4993cf4f96.txt"])
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
