"""The workbench's pages over HTTP on the seeds build: actor pages, headers, errors, the index."""

from __future__ import annotations

import re

import httpx
import pytest

from kg.address import actor_href, actor_key
from kg.nx.common import distinguish
from kg.nx.responsibility import GENERIC_ACTORS
from kg.server.workbench.index import open_index


@pytest.fixture(scope="module")
def db(seeds_build):
    return open_index(seeds_build)


def _get(base: str, path: str) -> httpx.Response:
    return httpx.get(base + path, timeout=60)


def _count(html: str, section: str) -> int:
    return int(re.search(rf'<h2 id="{section}"[^>]*>[^<]*\((\d+)\)', html).group(1))


@pytest.fixture(scope="module")
def organization(db):
    """The organization of the seeds with the most own requirements."""
    return db.execute(
        "SELECT a.iri, COUNT(*) AS n FROM actors a JOIN requirement_actors ra ON ra.actor = a.iri "
        "WHERE a.actor_type = 'PartyCommittee' GROUP BY a.iri ORDER BY n DESC, a.iri LIMIT 1"
    ).fetchone()


def test_an_actor_page_lists_its_own_requirements(seeds_server, db, organization):
    html = _get(seeds_server, actor_href(organization["iri"])).text
    assert _count(html, "own") == organization["n"]


def test_inherited_requirements_are_generic_and_apart_from_its_own(seeds_server, organization):
    html = _get(seeds_server, actor_href(organization["iri"])).text
    own, inherited = html.split('<h2 id="inherited"', 1)
    assert _count(html, "inherited") > 0
    vias = re.findall(r"</a></td><td>([^<]+)</td>", inherited)
    assert vias and set(vias) <= GENERIC_ACTORS
    own_links = set(re.findall(r'href="(/doc/[^"]+#\d+-\d+)"', own))
    assert not own_links & set(re.findall(r'href="(/doc/[^"]+#\d+-\d+)"', inherited))


def test_actors_with_the_same_label_have_different_titles(seeds_server, db):
    label = db.execute(
        "SELECT label FROM actors GROUP BY label HAVING COUNT(*) > 1 ORDER BY label LIMIT 1"
    ).fetchone()[0]
    iris = [r[0] for r in db.execute("SELECT iri FROM actors WHERE label = ?", (label,))]
    titles = {
        re.search(r'<h1 id="title">([^<]+)</h1>', _get(seeds_server, actor_href(i)).text).group(1)
        for i in iris
    }
    assert len(titles) == len(iris)


@pytest.mark.parametrize(
    "path",
    [
        "/documents",
        "/doc/000_84104d4993cf4f96.txt",
        "/table/requirements",
        "/table/actors?q=%E5%85%9A",
        "/explore",
    ],
)
def test_workbench_pages_carry_the_security_headers(seeds_server, path):
    r = _get(seeds_server, path)
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r'(src|href)="(https?:)?//', r.text)


@pytest.mark.parametrize("path", ["/doc/nope.txt", "/actor/0000", "/table/nope", "/actor/..%2Fdoc"])
def test_unknown_things_are_404_pages(seeds_server, path):
    assert _get(seeds_server, path).status_code == 404


@pytest.mark.parametrize(
    ("label", "jurisdiction", "documents", "shown"),
    [
        ("督导组", "龙滩子街道", ["a.txt"], "督导组 (龙滩子街道)"),
        ("督导组", "", ["a.txt"], "督导组 (a.txt)"),
        ("党员", "", [], "党员"),
    ],
)
def test_distinguish(label, jurisdiction, documents, shown):
    assert distinguish(label, jurisdiction, documents) == shown


def test_the_index_counts_what_the_manifest_counts(seeds_build, db):
    import json

    totals = json.loads((seeds_build / "manifest.json").read_text())["totals"]["types"]
    for table, kind in [
        ("requirements", "Requirement"),
        ("actors", "Actor"),
        ("times", "TimeExpression"),
        ("relations", "Relation"),
    ]:
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == totals[kind]


def test_actor_keys_round_trip(db):
    iri = db.execute("SELECT iri FROM actors LIMIT 1").fetchone()[0]
    assert actor_href(iri) == "/actor/" + actor_key(iri)


def test_the_index_follows_a_rebuild_and_drops_the_old_one(tmp_path):
    from kg.build.remove import publish_extractions
    from kg.server.workbench.index import INDEX_DIR, Indexer
    from tests.kg.builds import fixture_extractions

    exs = fixture_extractions()
    publish_extractions(tmp_path, exs[:1])
    indexer = Indexer(tmp_path)
    assert indexer.connect().execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    publish_extractions(tmp_path, exs)
    assert indexer.connect().execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
    assert len(list((tmp_path / INDEX_DIR).glob("index-*.sqlite"))) == 1


def test_the_describe_page_links_each_quote_to_the_reader(seeds_server, db):
    from html import escape

    from kg.address import span_href

    r = db.execute('SELECT iri, document, start, "end" FROM requirements LIMIT 1').fetchone()
    html = httpx.get(f"{seeds_server}/describe", params={"iri": r["iri"]}, timeout=60).text
    assert escape(span_href(r["document"], r["start"], r["end"])) in html


def test_explore_within_a_document_keeps_to_its_requirements(seeds_server, db):
    actor, doc = db.execute(  # an actor with duties in several documents
        "SELECT target, MIN(document) FROM edges WHERE type = 'responsibleActor' "
        "GROUP BY target HAVING COUNT(DISTINCT document) > 1 ORDER BY COUNT(*), target LIMIT 1"
    ).fetchone()
    url = f"{seeds_server}/explore/node"
    every = httpx.get(url, params={"iri": actor}, timeout=60).json()
    within = httpx.get(url, params={"iri": actor, "document": doc}, timeout=60).json()
    kinds = {n["id"]: n for n in within["nodes"]}
    assert within["nodes"] and all(
        n["document"] == doc for n in kinds.values() if n["kind"] == "requirement"
    )
    assert {n["document"] for n in every["nodes"] if n["kind"] == "requirement"} != {doc}


def test_a_json_lines_document_opens_in_the_reader(tmp_path):
    import json

    from kg.address import doc_href
    from kg.build.run import build
    from kg.server.app import Settings
    from tests.kg.serving import running_server

    records = [{"id": "7", "content": "各党委要在3月15日前完成学习。"}]
    (tmp_path / "news.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    build([tmp_path / "news.jsonl"], tmp_path / "out", progress=False, views=False)
    with running_server(Settings(build=tmp_path / "out", workers=1)) as served:
        r = httpx.get(served.base + doc_href("news.jsonl#7"), timeout=60)
    assert r.status_code == 200 and 'data-s="0"' in r.text and "3月15日" in r.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sort=requirements&desc=1", "SELECT name FROM documents ORDER BY requirements DESC, name"),
        ("sort=date", "SELECT name FROM documents ORDER BY date, name"),
        ("sort=nope", "SELECT name FROM documents ORDER BY name"),
    ],
)
def test_the_documents_list_sorts_by_a_column(seeds_server, db, query, expected):
    html = _get(seeds_server, "/documents?" + query).text
    shown = re.findall(r'<td><a href="/doc/[^"]+">([^<]+)</a></td>', html)
    assert shown == [r[0] for r in db.execute(expected)]


def test_the_documents_list_searches_titles(seeds_server, db):
    title = db.execute("SELECT title FROM documents WHERE title != '' ORDER BY name").fetchone()[0]
    html = _get(seeds_server, "/documents?q=" + title[:4]).text
    n = db.execute(
        "SELECT COUNT(*) FROM documents WHERE instr(name, ?) + instr(title, ?) + instr(issuer, ?)",
        (title[:4],) * 3,
    )
    assert re.search(r'<span id="total">(\d+)</span>', html).group(1) == str(n.fetchone()[0])


def test_the_actor_facet_tells_same_label_actors_apart(seeds_build):
    from kg.server.workbench.tables import TABLES, TableQuery, count, facet_counts

    db = open_index(seeds_build)
    q = TableQuery.parse(TABLES["requirements"], [])
    values = [v for v, _ in facet_counts(db, q)["actor"]]
    supervisors = [v for v in values if v.startswith("督导组")]
    assert len(supervisors) > 1 and "督导组" not in values
    for v in supervisors:
        one = TableQuery.parse(TABLES["requirements"], [("actor", v)])
        actors = {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT ra.actor FROM requirement_actors ra WHERE ra.name = ?", (v,)
            )
        }
        assert len(actors) == 1 and count(db, one) > 0


@pytest.mark.parametrize(
    ("table", "column", "actor_column"),
    [
        ("requirements", "actors", None),
        ("relations", "source_label", "source"),
        ("relations", "target_label", "target"),
    ],
)
def test_table_cells_tell_same_label_actors_apart(db, table, column, actor_column):
    shared = {
        label
        for (label,) in db.execute(
            "SELECT label FROM actors GROUP BY label HAVING COUNT(*) > 1 ORDER BY label"
        )
    }
    if actor_column is None:
        cells = [
            name
            for (value,) in db.execute(f"SELECT {column} FROM {table}")
            for name in (value or "").split("、")
        ]
    else:
        cells = [
            v
            for (v,) in db.execute(
                f"SELECT t.{column} FROM {table} t JOIN actors a ON a.iri = t.{actor_column}"
            )
        ]
    told_apart = [c for c in cells if c.split(" (")[0] in shared]
    assert told_apart and not set(told_apart) & shared
