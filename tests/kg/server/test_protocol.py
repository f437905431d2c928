"""The SPARQL 1.1 Protocol endpoint with real clients: SPARQLWrapper, rdflib SPARQLStore, httpx."""

from __future__ import annotations

import json
import re
import socket

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from kg.graph.iri import graph_iri
from kg.server.app import STATIC
from ontology.namespaces import CK, RDF, RDFS

LABELS = "SELECT DISTINCT ?l WHERE { ?a a ck:Actor ; rdfs:label ?l } ORDER BY ?l"
PROHIBITION = "CONSTRUCT WHERE { ?r ck:modality ck:prohibition ; ck:evidence ?e }"


def wrapper(base: str, query: str, fmt: str) -> SPARQLWrapper:
    w = SPARQLWrapper(f"{base}/sparql")
    w.setQuery(query)
    w.setReturnFormat(fmt)
    return w


def local_labels(fixture_build) -> list[str]:
    """Actor labels read from the build's graph.ttl with rdflib (the reference)."""
    g = Graph().parse(fixture_build / "graph.ttl")
    return sorted({str(g.value(a, RDFS.label)) for a in g.subjects(RDF.type, CK.Actor)})


def test_sparqlwrapper_json(fixture_server, fixture_build):
    res = wrapper(fixture_server, LABELS, JSON).queryAndConvert()
    assert [b["l"]["value"] for b in res["results"]["bindings"]] == local_labels(fixture_build)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_methods(fixture_server, fixture_build, method):
    w = wrapper(fixture_server, LABELS, JSON)
    w.setMethod(method)
    if method == "POST":
        w.setRequestMethod(URLENCODED)
    res = w.queryAndConvert()
    assert len(res["results"]["bindings"]) == len(local_labels(fixture_build))


def test_sparqlwrapper_xml(fixture_server, fixture_build):
    doc = wrapper(fixture_server, LABELS, XML).queryAndConvert()
    values = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert values == local_labels(fixture_build)


@pytest.mark.parametrize(("fmt", "header"), [(CSV, "l"), (TSV, "?l")])
def test_sparqlwrapper_csv_tsv(fixture_server, fixture_build, fmt, header):
    text = wrapper(fixture_server, LABELS, fmt).queryAndConvert().decode()
    lines = text.splitlines()
    assert lines[0] == header and len(lines) == 1 + len(local_labels(fixture_build))


def test_sparqlwrapper_construct_turtle(fixture_server, fixture_build):
    data = wrapper(fixture_server, PROHIBITION, TURTLE).queryAndConvert()
    got = Graph().parse(data=data, format="turtle")
    expected = (
        Graph()
        .parse(fixture_build / "graph.ttl")
        .query("PREFIX ck: <https://w3id.org/campaign-kg/ontology#>\n" + PROHIBITION)
        .graph
    )
    assert len(got) == 2 and isomorphic(got, expected)


def test_rdflib_sparqlstore(fixture_server, fixture_build):
    g = Graph(store=SPARQLStore(f"{fixture_server}/sparql", returnFormat="json"))
    rows = list(
        g.query(
            "PREFIX ck: <https://w3id.org/campaign-kg/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + LABELS
        )
    )
    assert [str(r[0]) for r in rows] == local_labels(fixture_build)


def test_rdflib_sparqlstore_ask(fixture_server):
    g = Graph(store=SPARQLStore(f"{fixture_server}/sparql"))
    assert bool(g.query("ASK { ?s ?p ?o }").askAnswer)


@pytest.mark.parametrize(
    ("accept", "query", "ctype"),
    [
        ("application/sparql-results+json", LABELS, "application/sparql-results+json"),
        ("application/sparql-results+xml", LABELS, "application/sparql-results+xml"),
        ("text/csv", LABELS, "text/csv"),
        ("text/tab-separated-values", LABELS, "text/tab-separated-values"),
        ("*/*", LABELS, "application/sparql-results+json"),
        ("text/turtle", PROHIBITION, "text/turtle"),
        ("application/n-triples", PROHIBITION, "application/n-triples"),
        ("application/ld+json", PROHIBITION, "application/ld+json"),
        ("*/*", PROHIBITION, "text/turtle"),
    ],
)
def test_content_negotiation(fixture_server, accept, query, ctype):
    r = httpx.get(f"{fixture_server}/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == ctype


def test_post_sparql_query_body(fixture_server):
    r = httpx.post(
        f"{fixture_server}/sparql",
        content=LABELS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )
    assert r.status_code == 200 and r.json()["head"]["vars"] == ["l"]


def test_default_graph_uri_over_http(fixture_server):
    r = httpx.get(
        f"{fixture_server}/sparql",
        params={
            "query": "SELECT ?id WHERE { ?d dcterms:identifier ?id }",
            "default-graph-uri": str(graph_iri("a.txt")),
        },
    )
    assert [b["id"]["value"] for b in r.json()["results"]["bindings"]] == ["a.txt"]


UPDATE = "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "GET", "params": {"update": UPDATE}},
        {"method": "POST", "data": {"update": UPDATE}},
        {
            "method": "POST",
            "content": UPDATE,
            "headers": {"Content-Type": "application/sparql-update"},
        },
    ],
)
def test_updates_are_refused(fixture_server, request_kwargs):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = httpx.get(f"{fixture_server}/sparql", params={"query": count}).json()
    r = httpx.request(url=f"{fixture_server}/sparql", **request_kwargs)
    assert r.status_code == 403
    assert httpx.get(f"{fixture_server}/sparql", params={"query": count}).json() == before


def test_update_sent_as_query_is_malformed(fixture_server):
    r = httpx.post(f"{fixture_server}/sparql", data={"query": UPDATE})
    assert r.status_code == 400


def test_sparqlwrapper_update_is_refused(fixture_server):
    w = SPARQLWrapper(f"{fixture_server}/sparql")
    w.setMethod(POST)
    w.setQuery(UPDATE)
    with pytest.raises(Exception, match="403"):
        w.query()


def test_service_is_refused(fixture_server):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    r = httpx.post(f"{fixture_server}/sparql", data={"query": q})
    assert r.status_code == 403 and "SERVICE" in r.text


def test_malformed_query_is_400_with_position(fixture_server):
    r = httpx.get(f"{fixture_server}/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert re.search(r"line 1, column \d+", r.text)


def test_unknown_prefix_is_400_naming_it(fixture_server):
    q = "SELECT ?x WHERE { ?x foo:bar ?y }"
    r = httpx.get(f"{fixture_server}/sparql", params={"query": q})
    assert r.status_code == 400
    assert "unknown prefix `foo:`; known: ck, " in r.text and "\\u{" not in r.text


def test_select_star_columns_come_in_the_query_order(fixture_server):
    res = wrapper(fixture_server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", JSON).queryAndConvert()
    assert res["head"]["vars"] == ["s", "p", "o"]


def test_missing_query_is_400(fixture_server):
    assert httpx.get(f"{fixture_server}/sparql").status_code == 400


def test_unacceptable_media_type_is_406(fixture_server):
    r = httpx.get(
        f"{fixture_server}/sparql", params={"query": LABELS}, headers={"Accept": "image/png"}
    )
    assert r.status_code == 406


def test_unsupported_body_type_is_415(fixture_server):
    r = httpx.post(f"{fixture_server}/sparql", content=b"x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_foreign_host_header_is_refused(fixture_server):
    r = httpx.get(
        f"{fixture_server}/sparql", params={"query": "ASK {}"}, headers={"Host": "evil.example"}
    )
    assert r.status_code == 400


def test_openapi_describes_the_endpoint(fixture_server):
    spec = httpx.get(f"{fixture_server}/openapi.json").json()
    assert {"get", "post"} <= set(spec["paths"]["/sparql"])
    assert "application/sparql-query" in spec["paths"]["/sparql"]["post"]["requestBody"]["content"]


def test_no_swagger_page_from_a_cdn(fixture_server):
    assert httpx.get(f"{fixture_server}/docs").status_code == 404


def test_catalog_endpoint_lists_queries(fixture_server):
    data = httpx.get(f"{fixture_server}/catalog").json()
    assert len(data["queries"]) >= 12 and data["prefixes"]["ck"].endswith("ontology#")


def test_catalog_binding_endpoint_escapes(fixture_server):
    r = httpx.get(
        f"{fixture_server}/catalog/actor-responsibilities/query", params={"actor": 'x" } #'}
    )
    assert r.status_code == 200 and 'VALUES ?actor { "x\\" } #" }' in r.text


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/style.css"])
def test_pages_use_no_remote_assets(fixture_server, path):
    r = httpx.get(f"{fixture_server}{path}")
    assert r.status_code == 200
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", r.text)
    assert "cdn" not in r.text.lower()


def test_static_folder_has_the_page_assets():
    assert {p.name for p in STATIC.iterdir()} >= {"index.html", "app.js", "style.css"}


def test_index_has_a_content_security_policy(fixture_server):
    r = httpx.get(f"{fixture_server}/")
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_build_views_are_served(seeds_server, seeds_build):
    r = httpx.get(f"{seeds_server}/graph.html")
    assert r.status_code == 200 and r.content == (seeds_build / "graph.html").read_bytes()


def test_describe_shows_properties_and_source(fixture_server):
    from kg.graph.iri import requirement_iri

    r = httpx.get(
        f"{fixture_server}/describe", params={"iri": str(requirement_iri("a.txt", "0-11"))}
    )
    assert r.status_code == 200
    assert "区委督导组要加强指导。" in r.text and "a.txt" in r.text and "ck:modality" in r.text


def test_describe_rejects_a_non_iri(fixture_server):
    r = httpx.get(f"{fixture_server}/describe", params={"iri": "not an iri"})
    assert r.status_code == 400


def test_json_body_is_parseable(fixture_server):
    r = httpx.get(f"{fixture_server}/sparql", params={"query": "ASK { ?s a ck:Requirement }"})
    assert json.loads(r.content) == {"head": {}, "boolean": True}


# ---- issue point 10 ------------------------------------------------------------------


def test_construct_with_relative_iris_resolves_against_the_endpoint(fixture_server):
    """W3C protocol test query_content_type_construct: no base IRI in the query."""
    q = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    r = httpx.get(
        f"{fixture_server}/sparql", params={"query": q}, headers={"Accept": "text/turtle"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    got = Graph().parse(data=r.text, format="turtle")
    expected = Graph()
    expected.add((URIRef(f"{fixture_server}/s"), URIRef(f"{fixture_server}/p"), RdfLiteral(1)))
    assert isomorphic(got, expected)


def raw_get(base: str, target: bytes) -> bytes:
    """Send ``GET target`` on a raw socket; return everything the server answers."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize("size", [70_000, 130_000, 2_000_000])
def test_get_url_over_the_limit_is_414(fixture_server, size):
    answer = raw_get(fixture_server, b"/sparql?query=ASK%7B%7D%23" + b"x" * size)
    head, body = answer.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 414 ") and b"POST" in body
    assert b"x-content-type-options: nosniff" in head.lower()


def test_get_url_under_the_limit_is_served(fixture_server):
    answer = raw_get(fixture_server, b"/sparql?query=ASK%7B%7D%23" + b"x" * 60_000)
    assert answer.startswith(b"HTTP/1.1 200 ")


@pytest.mark.parametrize(
    "target",
    [b"/sparql?query=ASK%20%7B%7D%20%23%FF", b"/sparql?query=ASK%7B%7D%23\xff\xfe", b"/?x=%C3"],
)
def test_query_string_that_is_not_utf8_is_400(fixture_server, target):
    assert raw_get(fixture_server, target).startswith(b"HTTP/1.1 400 ")


def test_the_word_service_in_a_literal_is_not_a_federated_query(fixture_server):
    q = 'SELECT ?d WHERE { ?d ?p ?o FILTER(CONTAINS(STR(?o), "service")) } # service'
    r = httpx.get(f"{fixture_server}/sparql", params={"query": q})
    assert r.status_code == 200 and r.json()["head"]["vars"] == ["d"]
