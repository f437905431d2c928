"""The query page in headless Chromium: run queries, read the table; hostile labels stay text."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from kg.cli.main import cli
from kg.server.app import Settings
from tests.kg.browser import chromium
from tests.kg.builds import HOSTILE_LABELS
from tests.kg.serving import running_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def driver():
    with chromium() as d:
        yield d


@pytest.fixture(scope="module")
def hostile_server(hostile_build):
    with running_server(Settings(build=hostile_build)) as served:
        yield served.base


def open_page(driver, base: str) -> None:
    driver.get(f"{base}/")
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1"
    )


def run_and_read(driver) -> tuple[list[str], list[list[str]]]:
    status = driver.find_element(By.ID, "status")
    driver.execute_script("arguments[0].removeAttribute('data-done')", status)
    driver.find_element(By.ID, "run").click()
    WebDriverWait(driver, 30).until(lambda d: status.get_attribute("data-done") == "1")
    error = driver.find_element(By.ID, "error")
    assert not error.is_displayed(), error.text
    head = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#results thead th")]
    rows = [
        [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        for tr in driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    ]
    return head, rows


def cli_rows(build, name: str) -> list[list[str]]:
    r = CliRunner().invoke(cli, ["query", "--out", str(build), "--name", name, "--format", "json"])
    data = json.loads(r.stdout)
    return [
        [b[v]["value"] for v in data["head"]["vars"] if v in b] for b in data["results"]["bindings"]
    ]


def test_saved_query_runs_in_the_page(driver, fixture_server, fixture_build):
    open_page(driver, fixture_server)
    Select(driver.find_element(By.ID, "catalog")).select_by_value("counts-per-document")
    head, rows = run_and_read(driver)
    assert head == ["document", "actors", "phases", "requirements", "times", "relations"]
    assert rows == cli_rows(fixture_build, "counts-per-document")


def test_parameters_are_bound_by_the_server(driver, fixture_server):
    open_page(driver, fixture_server)
    Select(driver.find_element(By.ID, "catalog")).select_by_value("actor-responsibilities")
    driver.find_element(By.CSS_SELECTOR, "input[data-param=actor]").send_keys("督导组")
    head, rows = run_and_read(driver)
    assert rows and rows[0][head.index("quote")] == "区委督导组要加强指导。"


def test_iris_link_to_describe(driver, fixture_server):
    open_page(driver, fixture_server)
    Select(driver.find_element(By.ID, "catalog")).select_by_value("prohibitions")
    run_and_read(driver)
    link = driver.find_element(By.CSS_SELECTOR, "#results tbody a")
    assert "/describe?iri=" in link.get_attribute("href")
    link.click()
    WebDriverWait(driver, 20).until(lambda d: "/describe" in d.current_url)
    assert "各党委不得走过场。" in driver.find_element(By.CSS_SELECTOR, "table.evidence").text


def test_malformed_query_shows_the_parser_message(driver, fixture_server):
    open_page(driver, fixture_server)
    box = driver.find_element(By.ID, "query")
    box.clear()
    box.send_keys("SELECT ?s WHERE { ?s ?p }")
    driver.find_element(By.ID, "run").click()
    error = driver.find_element(By.ID, "error")
    WebDriverWait(driver, 20).until(lambda d: error.is_displayed())
    assert "400" in error.text and "line 1" in error.text


def test_hostile_labels_show_as_text_in_the_table(driver, hostile_server):
    open_page(driver, hostile_server)
    title = driver.title
    box = driver.find_element(By.ID, "query")
    box.clear()
    box.send_keys("SELECT DISTINCT ?a ?l WHERE { ?a rdfs:label ?l . ?a a ck:Actor } ORDER BY ?l")
    _, rows = run_and_read(driver)
    assert sorted(r[1] for r in rows) == sorted(HOSTILE_LABELS)
    assert (
        driver.find_elements(By.CSS_SELECTOR, "#results img, #results script, #results svg") == []
    )
    assert driver.title == title
    assert driver.execute_script("return document.title") != "pwned"


def test_hostile_labels_show_as_text_on_describe(driver, hostile_server):
    from kg.graph.iri import actor_iri

    for label in HOSTILE_LABELS:
        iri = str(actor_iri(label, scope="global"))
        driver.get(f"{hostile_server}/describe?iri={quote(iri, safe='')}")
        assert driver.find_element(By.ID, "title").text == label
        assert driver.find_elements(By.CSS_SELECTOR, "main img, main script, main svg") == []
        assert driver.execute_script("return document.title") != "pwned"
