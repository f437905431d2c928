"""Editing in the workbench, in headless Chromium: each kind of change made through the pages.

A real build of a small text of ours, served with ``--allow-edits``; every
change is made by clicking the page, then read back twice: the record in
``corrections.jsonl`` and the corrected fact in the republished graph,
asked through the SPARQL endpoint. The default server shows no control.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from kg.address import actor_href, doc_href, span_href
from kg.corrections import ledger
from kg.server.app import Settings
from kg.server.workbench.index import open_index
from tests.kg.browser import chromium
from tests.kg.serving import running_server, sparql_json

pytestmark = pytest.mark.browser

NAME = "w.txt"
TEXT = (
    "关于开展𠮷山读书月活动的安排\n"  # a character outside the BMP: offsets count code points
    "各党支部要在5月20日前完成集中学习，每名党员撰写体会不少于2篇。\n"
    "镇党委要加强督促检查，不得搞形式主义。\n"
    "检查组负责收集各村的意见，报镇党委审定。\n"
    "学习动员阶段，各村党组织书记要讲一次专题党课。\n"
    "宣传委员及时报送活动简报。\n"
)


def span(sub: str) -> tuple[int, int]:
    start = TEXT.index(sub)
    return start, start + len(sub)


LEARN = span("各党支部要在5月20日前完成集中学习")
CHECK = span("镇党委要加强督促检查")
FORBID = span("不得搞形式主义")
COLLECT = span("检查组负责收集各村的意见")  # no requirement: it has no modal word
NEWS = span("宣传委员")
DEADLINE = span("5月20日前")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from kg.build.run import build

    root = tmp_path_factory.mktemp("editing")
    (root / "in").mkdir()
    (root / "in" / NAME).write_text(TEXT, encoding="utf-8")
    build([root / "in"], root / "out", progress=False, views=False)
    return root / "out"


@pytest.fixture
def build(built, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    return out


@pytest.fixture
def editable(build):
    settings = Settings(build=build, workers=1, allow_edits=True, author="王")
    with running_server(settings) as served:
        yield served.base


@pytest.fixture(scope="module")
def driver():
    with chromium() as d:
        d.set_window_size(1300, 1000)
        yield d


def ask(base: str, query: str, expect) -> object:
    """Poll the endpoint until ``query``'s values are ``expect`` (it follows a republish)."""
    deadline, seen = time.monotonic() + 30, None
    while time.monotonic() < deadline:
        rows = sparql_json(base, query)["results"]["bindings"]
        seen = sorted(row["v"]["value"].rsplit("#", 1)[-1] for row in rows)
        if seen == expect:
            break
        time.sleep(0.2)
    return seen


def at(start: int, path: str) -> str:
    """The values at ``path`` of the requirement whose evidence starts at ``start``."""
    return f"SELECT ?v WHERE {{ ?r a ck:Requirement ; ck:evidence/oa:start {start} ; {path} ?v }}"


def open_fact(driver, base: str, where: tuple[int, int]) -> None:
    driver.get(base + span_href(NAME, *where))
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "edit-fact"))


STATUS = (
    "const s = document.getElementById('edit-status');"
    "return s ? [s.textContent, s.className] : ['', ''];"
)


def saved(driver) -> str:
    """Wait for the page to reload after a change and say it was saved; the status line."""
    done = WebDriverWait(driver, 60).until(  # read at once: the page may reload meanwhile
        lambda d: (lambda t: t if t[0].startswith("saved") or "error" in t[1] else None)(
            d.execute_script(STATUS)
        )
    )
    assert "error" not in done[1], done[0]
    return done[0]


def click(driver, element_id: str) -> None:
    driver.find_element(By.ID, element_id).click()


def choose(driver, element_id: str, value: str) -> None:
    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


def last(build: Path) -> dict:
    return ledger.read(build)[-1].to_dict()


def test_changing_the_modality_records_it_and_the_graph_shows_it(driver, editable, build):
    open_fact(driver, editable, CHECK)
    choose(driver, "modality", "exhortation")
    click(driver, "modality-go")
    assert saved(driver) == "saved: modality → exhortation"
    c = last(build)
    assert (c["action"], c["change"], c["author"]) == (
        "modality",
        {"modality": "exhortation"},
        "王",
    )
    assert (c["target"]["start"], c["target"]["end"]) == CHECK
    assert ask(editable, at(CHECK[0], "ck:modality"), ["exhortation"]) == ["exhortation"]
    assert "req-exhortation" in driver.find_element(
        By.CSS_SELECTOR, f'#text [data-s="{CHECK[0]}"]'
    ).get_attribute("class")


LABELS = "ck:responsibleActor/rdfs:label"


def test_adding_an_actor_records_it_and_the_graph_shows_it(driver, editable, build):
    open_fact(driver, editable, LEARN)
    choose(driver, "add-actor", "镇党委")
    click(driver, "add-actor-go")
    saved(driver)
    assert last(build)["change"] == {"actors": ["镇党委"]}
    assert ask(editable, at(LEARN[0], LABELS), ["党支部", "镇党委"]) == ["党支部", "镇党委"]
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#responsible li")]
    assert len(names) == 2 and any("镇党委" in n for n in names)


def test_removing_an_actor_records_it_and_the_graph_shows_it(driver, editable, build):
    open_fact(driver, editable, CHECK)
    driver.find_element(By.CSS_SELECTOR, '#responsible button[data-label="镇党委"]').click()
    saved(driver)
    c = last(build)
    assert (c["action"], c["change"]) == ("actors.remove", {"actors": ["镇党委"]})
    assert ask(editable, at(CHECK[0], LABELS), []) == []


def test_setting_the_stage_records_it_and_the_graph_shows_it(driver, editable, build):
    open_fact(driver, editable, LEARN)
    choose(driver, "stage", "学习动员")
    click(driver, "stage-go")
    saved(driver)
    assert last(build)["change"] == {"stage": "学习动员"}
    path = "ck:stage/rdfs:label"
    assert ask(editable, at(LEARN[0], path), ["学习动员"]) == ["学习动员"]


def test_setting_the_deadline_records_it_and_the_graph_shows_it(driver, editable, build):
    open_fact(driver, editable, CHECK)
    key = f"{DEADLINE[0]}-{DEADLINE[1]}"
    choose(driver, "deadline", key)
    click(driver, "deadline-go")
    saved(driver)
    assert last(build)["change"] == {"deadline": key}
    path = "ck:deadline/ck:evidence/oa:exact"
    assert ask(editable, at(CHECK[0], path), ["5月20日前"]) == ["5月20日前"]


def test_clearing_the_deadline_records_it_and_the_graph_shows_it(driver, editable, build):
    open_fact(driver, editable, LEARN)
    choose(driver, "deadline", "")
    click(driver, "deadline-go")
    saved(driver)
    assert last(build)["change"] == {"deadline": ""}
    assert ask(editable, at(LEARN[0], "ck:deadline"), []) == []


def test_rejecting_a_requirement_takes_two_clicks_and_removes_it(driver, editable, build):
    open_fact(driver, editable, FORBID)
    click(driver, "reject")
    assert not ledger.path(build).exists()  # the first click only arms the button
    click(driver, "reject")
    saved(driver)
    c = last(build)
    assert c["action"] == "reject" and (c["target"]["start"], c["target"]["end"]) == FORBID
    assert ask(editable, at(FORBID[0], "a"), []) == []
    assert not driver.find_elements(By.CSS_SELECTOR, "#text .m.req-prohibition")


@pytest.mark.parametrize(
    ("quote", "kind", "query"),
    [
        (
            "5月20日前",
            "time",
            "SELECT ?v WHERE {{ ?v a ck:TimeExpression ; ck:evidence/oa:start {} }}",
        ),
        ("宣传委员", "actor", 'SELECT ?v WHERE {{ ?v a ck:Actor ; rdfs:label "宣传委员"@zh }}'),
        ("报镇党委审定。", "relation", "SELECT ?v WHERE {{ ?v ck:reportsTo ?o }}"),
    ],
)
def test_rejecting_a_time_an_actor_or_a_relation_removes_it(
    driver, editable, build, quote, kind, query
):
    where = span(quote)
    query = query.format(where[0])
    assert sparql_json(editable, query)["results"]["bindings"]  # there before
    open_fact(driver, editable, where)
    reject = driver.find_element(By.ID, "reject")
    assert reject.text.endswith(kind)
    reject.click()
    reject.click()
    saved(driver)
    c = last(build)
    assert (c["action"], c["target"]["kind"]) == ("reject", kind)
    assert ask(editable, query, []) == []


def test_a_memo_goes_with_the_change_into_the_graph(driver, editable, build):
    open_fact(driver, editable, CHECK)
    driver.find_element(By.ID, "memo").send_keys("原文是倡导口吻")
    choose(driver, "modality", "exhortation")
    click(driver, "modality-go")
    saved(driver)
    assert last(build)["memo"] == "原文是倡导口吻"
    q = "SELECT ?v WHERE { ?c a ck:Correction ; rdfs:comment ?v }"
    assert ask(editable, q, ["原文是倡导口吻"]) == ["原文是倡导口吻"]


def test_marking_the_document_reviewed_records_it_and_says_so(driver, editable, build):
    driver.get(editable + doc_href(NAME))
    click(driver, "review")
    saved(driver)
    c = last(build)
    assert (c["action"], c["target"]) == ("review", {"document": NAME, "kind": "document"})
    q = 'SELECT ?v WHERE { ?c ck:correctionKind "review" ; prov:wasAssociatedWith/rdfs:label ?v }'
    assert ask(editable, q, ["王"]) == ["王"]
    WebDriverWait(driver, 10).until(
        lambda d: "reviewed by 王" in d.find_element(By.ID, "reviewed").text
    )


def select_text(driver, start: int, end: int, timeout: float = 10) -> None:
    """Select the document's characters [start, end) in the reader, release the mouse, and
    wait ``timeout`` seconds for the form adding a fact there."""
    driver.execute_script(
        """
        const [start, end] = [arguments[0], arguments[1]];
        function point(at) {  // the text node and UTF-16 offset of code point ``at``
          for (const s of document.querySelectorAll('#text [data-s]')) {
            const a = Number(s.dataset.s), b = Number(s.dataset.e);
            if (a <= at && at < b) {
              const node = s.firstChild;
              return [node, Array.from(node.data).slice(0, at - a).join('').length];
            }
          }
        }
        const range = document.createRange();
        range.setStart(...point(start));
        range.setEnd(...point(end - 1));
        range.setEnd(range.endContainer, range.endOffset + 1);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        document.getElementById('text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        """,
        start,
        end,
    )
    WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.ID, "edit-add"))


@pytest.mark.parametrize(
    "quote",
    [
        "检查组负责收集各村的意见",  # across highlighted facts
        "山读书月活动",  # inside one passage, after a character outside the BMP
        "𠮷山",  # starting with it
    ],
)
def test_a_selection_names_exactly_its_span_of_the_document(driver, editable, quote):
    driver.get(editable + doc_href(NAME))
    start, end = span(quote)
    select_text(driver, start, end)
    assert driver.find_element(By.ID, "selection").text == f"[{start}-{end}] {quote}"


def test_adding_a_requirement_from_a_selection(driver, editable, build):
    driver.get(editable + doc_href(NAME))
    assert ask(editable, at(COLLECT[0], "a"), []) == []
    select_text(driver, *COLLECT)
    choose(driver, "new-actors", "检查组")
    click(driver, "add-requirement")
    saved(driver)
    c = last(build)
    assert c["action"] == "add.requirement"
    assert (c["target"]["start"], c["target"]["end"]) == COLLECT
    assert c["change"] == {
        "actors": ["检查组"],
        "modality": "obligation",
        "quote": TEXT[slice(*COLLECT)],
    }
    assert ask(editable, at(COLLECT[0], LABELS), ["检查组"]) == ["检查组"]
    assert driver.find_elements(By.CSS_SELECTOR, f'#text .m.req-obligation[data-s="{COLLECT[0]}"]')


def test_adding_an_actor_from_a_selection(driver, editable, build):
    where = span("简报")  # no actor there
    driver.get(editable + doc_href(NAME))
    select_text(driver, *where)
    field = driver.find_element(By.ID, "new-label")
    field.clear()
    field.send_keys("简报组")
    choose(driver, "new-type", "CampaignOffice")
    click(driver, "add-actor-new")
    saved(driver)
    c = last(build)
    assert c["action"] == "add.actor" and c["change"] == {
        "actor_type": "CampaignOffice",
        "quote": "简报",
    }
    assert c["target"] == {
        "document": NAME,
        "kind": "actor",
        "label": "简报组",
        "start": where[0],
        "end": where[1],
    }
    q = (
        "SELECT ?v WHERE { ?a a ck:CampaignOffice ; "
        'rdfs:label "简报组"@zh ; ck:evidence/oa:start ?v }'
    )
    assert ask(editable, q, [str(where[0])]) == [str(where[0])]


def test_adding_a_relation_from_a_selection(driver, editable, build):
    driver.get(editable + doc_href(NAME))
    select_text(driver, *CHECK)
    choose(driver, "new-relation", "supervises")
    choose(driver, "new-source", "镇党委")
    choose(driver, "new-dest", "党支部")
    click(driver, "add-relation")
    saved(driver)
    c = last(build)
    assert (c["action"], c["change"]) == ("add.relation", {"quote": TEXT[slice(*CHECK)]})
    assert c["target"] == {
        "document": NAME,
        "kind": "relation",
        "label": "supervises",
        "source": "镇党委",
        "dest": "党支部",
        "start": CHECK[0],
        "end": CHECK[1],
    }
    q = (
        "SELECT ?v WHERE { ?r a ck:RelationAssertion ; rdf:predicate ck:supervises ; "
        'rdf:subject/rdfs:label "镇党委"@zh ; rdf:object/rdfs:label "党支部"@zh ; '
        "rdf:subject ?s ; rdf:object ?o ; ck:evidence ?e . ?s ck:supervises ?o . "
        "{ ?e oa:start ?v } UNION { ?e oa:end ?v } UNION { ?e oa:exact ?v } }"
    )
    expect = sorted([str(CHECK[0]), str(CHECK[1]), TEXT[slice(*CHECK)]])
    assert ask(editable, q, expect) == expect
    assert driver.find_elements(By.CSS_SELECTOR, f'#text .m.relation[data-s="{CHECK[0]}"]')


@pytest.mark.parametrize(
    ("relation", "ends"),
    [
        ("reportsTo", ["党员", "党支部", "党组织书记", "宣传委员", "村", "检查组", "镇党委"]),
        ("precedes", ["学习动员"]),  # stages and steps; this text has no step
    ],
)
def test_the_ends_a_relation_offers_follow_its_type(driver, editable, relation, ends):
    driver.get(editable + doc_href(NAME))
    select_text(driver, *CHECK)
    choose(driver, "new-relation", relation)
    for end in ("new-source", "new-dest"):
        options = Select(driver.find_element(By.ID, end)).options
        assert [o.get_attribute("value") for o in options] == ends


def actor_page(base: str, build: Path, label: str) -> str:
    db = open_index(build)
    try:
        iri = db.execute("SELECT iri FROM actors WHERE label = ?", (label,)).fetchone()[0]
    finally:
        db.close()
    return base + actor_href(iri)


def test_merging_two_actors_on_an_actor_page(driver, editable, build):
    driver.get(actor_page(editable, build, "检查组"))
    choose(driver, "merge-document", NAME)
    choose(driver, "merge-into", "镇党委")
    click(driver, "merge")
    saved(driver)
    c = last(build)
    assert (c["action"], c["target"]["label"], c["change"]) == (
        "merge",
        "检查组",
        {"label": "镇党委"},
    )
    q = 'SELECT ?v WHERE { ?a a ck:Actor ; skos:altLabel ?v . FILTER(STR(?v) = "检查组") }'
    assert ask(editable, q, ["检查组"]) == ["检查组"]
    gone = 'SELECT ?v WHERE { ?v a ck:Actor ; rdfs:label "检查组"@zh }'
    assert ask(editable, gone, []) == []
    assert driver.find_element(By.ID, "title").text.startswith("镇党委")  # the page it went into


def test_splitting_an_actor_on_its_page(driver, editable, build):
    driver.get(actor_page(editable, build, "镇党委"))
    key = f"{FORBID[0]}-{FORBID[1]}"
    driver.find_element(By.CSS_SELECTOR, f'.split-req[value="{key}"]').click()
    driver.find_element(By.ID, "split-label").send_keys("镇纪委")
    click(driver, "split")
    saved(driver)
    c = last(build)
    assert (c["action"], c["change"]) == ("split", {"label": "镇纪委", "requirements": [key]})
    assert ask(editable, at(FORBID[0], LABELS), ["镇纪委"]) == ["镇纪委"]
    assert ask(editable, at(CHECK[0], LABELS), ["镇党委"]) == ["镇党委"]
    assert not driver.find_elements(By.CSS_SELECTOR, f'.split-req[value="{key}"]')


def test_rejecting_an_actor_on_its_page_takes_two_clicks_and_removes_it(driver, editable, build):
    q = 'SELECT ?v WHERE { ?v a ck:Actor ; rdfs:label "宣传委员"@zh }'
    assert sparql_json(editable, q)["results"]["bindings"]  # there before
    driver.get(actor_page(editable, build, "宣传委员"))
    assert Select(driver.find_element(By.ID, "reject-document")).first_selected_option.text == NAME
    click(driver, "reject")
    assert not ledger.path(build).exists()  # the first click only arms the button
    click(driver, "reject")
    assert saved(driver) == f"saved: rejected the actor 宣传委员 in {NAME}"
    c = last(build)
    assert (c["action"], c["target"]) == (
        "reject",
        {"document": NAME, "kind": "actor", "label": "宣传委员"},
    )
    assert ask(editable, q, []) == []
    assert driver.current_url == editable + doc_href(NAME)  # its only document: no page left


@pytest.fixture(scope="module")
def built_two(tmp_path_factory) -> Path:
    """A build of ``w.txt`` and ``v.txt``, both naming the shared actor 党员."""
    from kg.build.run import build

    root = tmp_path_factory.mktemp("editing-two")
    (root / "in").mkdir()
    (root / "in" / NAME).write_text(TEXT, encoding="utf-8")
    (root / "in" / "v.txt").write_text("全体党员要按时参加组织生活。\n", encoding="utf-8")
    build([root / "in"], root / "out", progress=False, views=False)
    return root / "out"


@pytest.fixture
def two(built_two, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_two, out, symlinks=True)
    with running_server(Settings(build=out, workers=1, allow_edits=True, author="王")) as served:
        yield served.base, out


IN_GRAPHS = (
    'SELECT ?v WHERE { GRAPH ?g { ?a a ck:Actor ; rdfs:label "党员"@zh } '
    'BIND(STRAFTER(STR(?g), "/graph/") AS ?v) }'
)


@pytest.mark.parametrize(
    ("choice", "rejected", "left", "lands_on"),
    [
        ("v.txt", ["v.txt"], ["w.txt"], "actor"),  # the page stays: 党员 is still in w.txt
        ("", ["v.txt", NAME], [], "v.txt"),  # all documents: the first one's reader opens
    ],
)
def test_rejecting_a_shared_actor_in_one_or_all_of_its_documents(
    driver, two, choice, rejected, left, lands_on
):
    base, build = two
    assert ask(base, IN_GRAPHS, ["v.txt", NAME]) == ["v.txt", NAME]
    page = actor_page(base, build, "党员")
    driver.get(page)
    assert Select(driver.find_element(By.ID, "reject-document")).first_selected_option.text == (
        "（全部 all 2 documents）"
    )
    choose(driver, "reject-document", choice)
    click(driver, "reject")
    click(driver, "reject")
    saved(driver)
    assert [(c.action, c.target.document, c.target.label) for c in ledger.read(build)] == [
        ("reject", d, "党员") for d in rejected
    ]
    assert ask(base, IN_GRAPHS, left) == left
    assert driver.current_url == (page if lands_on == "actor" else base + doc_href(lands_on))


def test_the_author_is_kept_by_the_browser_and_signs_the_change(driver, editable, build):
    open_fact(driver, editable, CHECK)
    field = driver.find_element(By.ID, "author")
    assert field.get_attribute("value") == "王"  # the server's default
    field.clear()
    field.send_keys("李")
    driver.find_element(By.ID, "memo").click()  # leaving the field stores it
    open_fact(driver, editable, CHECK)
    assert driver.find_element(By.ID, "author").get_attribute("value") == "李"
    choose(driver, "modality", "permission")
    click(driver, "modality-go")
    saved(driver)
    assert last(build)["author"] == "李"
    driver.execute_script("localStorage.clear()")


def test_an_edit_that_changes_nothing_is_said_in_one_error_line(driver, editable, build):
    open_fact(driver, editable, CHECK)
    ledger_before = ledger.path(build).exists()
    httpx.post(  # another analyst removes the actor first
        f"{editable}/corrections",
        json={
            "action": "actors.remove",
            "author": "李",
            "target": {"document": NAME, "kind": "requirement", "start": CHECK[0], "end": CHECK[1]},
            "change": {"actors": ["镇党委"]},
        },
        timeout=60,
    )
    driver.find_element(By.CSS_SELECTOR, '#responsible button[data-label="镇党委"]').click()
    status = driver.find_element(By.ID, "edit-status")
    WebDriverWait(driver, 60).until(lambda d: "error" in status.get_attribute("class"))
    assert not ledger_before
    assert status.text.startswith("recorded, but it changes nothing") and "\n" not in status.text


def test_no_request_of_an_editing_page_leaves_the_machine(driver, editable, build):
    open_fact(driver, editable, CHECK)
    choose(driver, "modality", "exhortation")
    click(driver, "modality-go")
    saved(driver)
    for page in (editable + doc_href(NAME), actor_page(editable, build, "镇党委")):
        driver.get(page)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "editbar"))
        names = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".concat([location.href])"
        )
        assert all(u.startswith(editable) for u in names)


def test_the_editing_pages_run_without_script_errors(driver, editable, build):
    driver.get_log("browser")  # what earlier tests left
    open_fact(driver, editable, CHECK)
    select_text(driver, *COLLECT)
    driver.get(actor_page(editable, build, "镇党委"))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "edit-actor"))
    logged = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert [m for m in logged if "/favicon.ico " not in m] == []  # the server has no icon


@pytest.fixture
def read_only(build):
    with running_server(Settings(build=build, workers=1)) as served:
        yield served.base


def test_the_default_server_shows_no_edit_control(driver, read_only, build):
    driver.get(read_only + span_href(NAME, *CHECK))
    WebDriverWait(driver, 20).until(lambda d: "modality" in d.find_element(By.ID, "panel").text)
    found = driver.execute_script(
        "return ['#editbar', '#edit', 'script[src*=\"edit\"]', '.edit', 'select', 'textarea']"
        ".filter(s => document.querySelector(s))"
    )
    assert found == []
    driver.get(actor_page(read_only, build, "镇党委"))
    assert not driver.find_elements(
        By.CSS_SELECTOR, '#editbar, #edit-actor, button, select, script[src*="edit"]'
    )
    r = httpx.post(f"{read_only}/corrections", json={}, timeout=30)
    assert r.status_code == 403


def test_a_selection_on_the_default_server_offers_no_addition(driver, read_only):
    driver.get(read_only + doc_href(NAME))
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#text [data-s]"))
    with pytest.raises(TimeoutException):
        select_text(driver, *CHECK, timeout=3)  # waits for a form that never comes
    found = driver.execute_script(
        "return ['#edit-add', '#add-requirement', '#add-actor-new', '#add-relation', 'select']"
        ".filter(s => document.querySelector(s))"
    )
    assert found == []


def test_two_tabs_editing_at_once_lose_nothing(driver, editable, build):
    first = driver.current_window_handle
    open_fact(driver, editable, CHECK)
    driver.switch_to.new_window("tab")
    second = driver.current_window_handle
    open_fact(driver, editable, LEARN)
    driver.switch_to.window(first)
    choose(driver, "modality", "prohibition")
    driver.switch_to.window(second)
    choose(driver, "modality", "permission")
    # both posts leave before either page reloads
    driver.execute_script("document.getElementById('modality-go').click()")
    driver.switch_to.window(first)
    driver.execute_script("document.getElementById('modality-go').click()")
    try:
        for handle in (first, second):
            driver.switch_to.window(handle)
            saved(driver)
        assert sorted((c.target.start, c.change.modality) for c in ledger.read(build)) == [
            (LEARN[0], "permission"),
            (CHECK[0], "prohibition"),
        ]
        for handle in (first, second):
            driver.switch_to.window(handle)
            driver.refresh()
            WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "edit-fact"))
            for start, css in ((CHECK[0], "req-prohibition"), (LEARN[0], "req-permission")):
                seg = driver.find_element(By.CSS_SELECTOR, f'#text [data-s="{start}"]')
                assert css in seg.get_attribute("class")
        assert ask(editable, at(CHECK[0], "ck:modality"), ["prohibition"]) == ["prohibition"]
        assert ask(editable, at(LEARN[0], "ck:modality"), ["permission"]) == ["permission"]
    finally:
        driver.switch_to.window(second)
        driver.close()
        driver.switch_to.window(first)
