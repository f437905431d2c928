"""kg push into a real Virtuoso (Debian's virtuoso-opensource) over the Graph Store protocol."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kg.builddir import Manifest
from kg.cli.main import cli
from kg.export.push import PushError, push
from kg.graph.store import open_store

QUERIES = sorted((Path(__file__).parents[1] / "queries").glob("*.rq"))

pytestmark = pytest.mark.virtuoso


def _push(build: Path, server, **kw):
    return push(
        build,
        server.sparql,
        graph_store=server.graph_store,
        user=server.user,
        password=server.password,
        **kw,
    )


@pytest.fixture(scope="module")
def pushed(seeds_build: Path, virtuoso):
    """The seeds build pushed twice (small batches, so graphs span PUT and POSTs)."""
    first = _push(seeds_build, virtuoso, batch_triples=700)
    second = _push(seeds_build, virtuoso, batch_triples=700)
    return first, second


def _term(value: dict | None) -> tuple[str, str] | None:
    if value is None:
        return None
    return value["value"], value.get("xml:lang", "")


def virtuoso_rows(server, query: str) -> list[tuple]:
    r = httpx.post(
        server.sparql,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    r.raise_for_status()
    data = r.json()
    names = data["head"]["vars"]
    return [tuple(_term(b.get(n)) for n in names) for b in data["results"]["bindings"]]


def embedded_rows(build: Path, query: str) -> list[tuple]:
    import pyoxigraph as ox

    from kg.graph.store import query as store_query

    solutions = store_query(open_store(build), query)
    names = [v.value for v in solutions.variables]
    rows = []
    for s in solutions:
        row = []
        for n in names:
            t = s[n]
            lang = (t.language or "") if isinstance(t, ox.Literal) else ""
            row.append(None if t is None else (t.value, lang))
        rows.append(tuple(row))
    return rows


def test_every_graph_arrives_whole(pushed) -> None:
    first, _ = pushed
    assert first.held == first.sent
    assert first.mismatches == []


def test_one_graph_per_document_plus_the_ontology(pushed, seeds_build: Path) -> None:
    first, _ = pushed
    assert first.graphs == len(Manifest.read(seeds_build).documents) + 1
    assert first.requests > first.graphs


def test_push_twice_is_idempotent(pushed) -> None:
    first, second = pushed
    assert second.held == first.held == first.sent


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_server_answers_like_the_embedded_store(pushed, seeds_build: Path, virtuoso, query):
    text = query.read_text(encoding="utf-8")
    expected = embedded_rows(seeds_build, text)
    assert expected
    # Virtuoso's default dataset is a bag over the graphs (a shared actor's label
    # repeats once per document graph); the build's default graph is their set union.
    assert sorted(set(virtuoso_rows(virtuoso, text)), key=repr) == sorted(set(expected), key=repr)


def test_wrong_password_is_refused(seeds_build: Path, virtuoso) -> None:
    with pytest.raises(PushError, match="HTTP 401"):
        push(
            seeds_build,
            virtuoso.sparql,
            graph_store=virtuoso.graph_store,
            user="dba",
            password="wrong",
        )


def test_unreachable_server_is_one_line_error(seeds_build: Path) -> None:
    from tests.kg.virtuoso import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    result = CliRunner().invoke(cli, ["push", "--endpoint", url, "--out", str(seeds_build)])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ") and result.output.count("\n") == 1


def test_cli_push_reports_triples(pushed, seeds_build: Path, virtuoso) -> None:
    args = ["push", "--endpoint", virtuoso.sparql, "--user", "dba", "--password", "dba"]
    result = CliRunner().invoke(cli, [*args, "--out", str(seeds_build)])
    assert result.exit_code == 0, result.output
    assert f"pushed {pushed[0].triples} triples in {pushed[0].graphs} graphs" in result.output


def test_serial_push_gives_the_same_graphs(pushed, seeds_build: Path, virtuoso) -> None:
    serial = _push(seeds_build, virtuoso, jobs=1)
    assert serial.held == pushed[0].held


def test_graph_sizes_are_read_page_by_page(pushed, virtuoso, monkeypatch) -> None:
    import kg.export.push

    monkeypatch.setattr(kg.export.push, "PAGE", 2)
    with httpx.Client() as client:
        sizes = kg.export.push.graph_sizes(client, virtuoso.sparql, sorted(pushed[0].sent))
    assert sizes == pushed[0].sent
