"""Every saved query gives the same results from ``kg query`` and over HTTP (seeds build)."""

from __future__ import annotations

import json

import httpx
import pytest
from click.testing import CliRunner
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli.main import cli
from kg.graph.store import open_store
from kg.sparql import catalog
from kg.sparql.query import execute


@pytest.fixture(scope="module")
def params(seeds_build) -> dict[str, str]:
    """Parameter values taken from the seeds build itself (whatever the extractor found)."""
    store = open_store(seeds_build)

    def first(q: str, default: str) -> str:
        r = execute(store, q)
        return r.rows[0][0].value if r.rows else default

    docs = execute(
        store, "SELECT ?id WHERE { ?d a ck:Document ; dcterms:identifier ?id } ORDER BY ?id"
    )
    ids = [row[0].value for row in docs.rows]
    return {
        "actor": first(
            "SELECT ?l WHERE { ?r ck:responsibleActor/rdfs:label ?l } ORDER BY ?l LIMIT 1",
            first("SELECT ?l WHERE { ?a a ck:Actor ; rdfs:label ?l } ORDER BY ?l LIMIT 1", "党委"),
        ),
        "step": first(
            "SELECT ?l WHERE { ?s a ck:Step ; rdfs:label ?l } ORDER BY ?l LIMIT 1", "转段"
        ),
        "iri": first(
            "SELECT ?r WHERE { ?r a ck:Requirement } ORDER BY ?r LIMIT 1",
            "https://w3id.org/campaign-kg/id/none",
        ),
        "document": ids[0],
        "other": ids[-1],
    }


def cli_json(build, name: str, values: dict[str, str]) -> dict:
    args = ["query", "--out", str(build), "--format", "json", "--name", name]
    for k, v in values.items():
        args += ["--param", f"{k}={v}"]
    r = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("name", sorted(catalog.load_catalog()))
def test_saved_query_same_from_cli_and_http(seeds_build, seeds_server, params, name):
    entry = catalog.get(name)
    values = {p.name: params[p.name] for p in entry.params}
    from_cli = cli_json(seeds_build, name, values)
    bound = httpx.get(f"{seeds_server}/catalog/{name}/query", params=values).text
    w = SPARQLWrapper(f"{seeds_server}/sparql")
    w.setQuery(bound)
    w.setReturnFormat(JSON)
    from_http = w.queryAndConvert()
    assert from_http == from_cli
