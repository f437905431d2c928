"""kg.sparql.query and kg.sparql.results: running queries, errors, caps, serializations."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph.store import open_store
from kg.sparql.query import QueryError, execute
from kg.sparql.results import display_rows, serialize


@pytest.fixture(scope="module")
def store(fixture_build):
    return open_store(fixture_build)


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [
        ("SELECT ?s WHERE { ?s ?p }", 1, 26),
        ("SELECT ?s\nWHERE {\n  ?s ?p ?o . FILTER( }", 3, 23),
        ("SELECT ?s WHERE { ?s ?p ?o } ORDER", 1, 35),
    ],
)
def test_syntax_error_gives_line_and_column(store, query, line, column):
    with pytest.raises(QueryError) as e:
        execute(store, query)
    assert (e.value.kind, e.value.line, e.value.column) == ("syntax", line, column)
    assert f"line {line}, column {column}" in str(e.value)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/x> { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b ?c . SeRvIcE ?x { ?s ?p ?o } }",
        "PREFIX e: <http://127.0.0.1:9/>\nSELECT * WHERE {\n  SERVICE\te:x { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(store, query):
    with pytest.raises(QueryError) as e:
        execute(store, query)
    assert e.value.kind == "refused"


def test_default_graph_is_the_union_of_documents(store):
    r = execute(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ck:Document }")
    assert r.rows[0][0].value == "2"


def test_default_graph_uri_restricts_to_one_document(store):
    from kg.graph.iri import graph_iri

    r = execute(
        store,
        "SELECT ?id WHERE { ?d a ck:Document ; dcterms:identifier ?id }",
        default_graphs=[str(graph_iri("b.txt"))],
    )
    assert [row[0].value for row in r.rows] == ["b.txt"]


def test_cap_refuses_larger_results(store):
    with pytest.raises(QueryError) as e:
        execute(store, "SELECT * WHERE { ?s ?p ?o }", max_results=10)
    assert e.value.kind == "too_large"


def test_cap_allows_results_at_the_cap(store):
    r = execute(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", max_results=10)
    assert len(r) == 10


def test_cap_applies_to_graphs(store):
    with pytest.raises(QueryError):
        execute(store, "CONSTRUCT WHERE { ?s ?p ?o }", max_results=10)


def test_json_is_w3c_results_json(store):
    r = execute(
        store, 'SELECT ?l WHERE { ?a a ck:Actor ; rdfs:label ?l FILTER(STR(?l) = "党支部") }'
    )
    data = json.loads(serialize(r, "json"))
    assert data == {
        "head": {"vars": ["l"]},
        "results": {"bindings": [{"l": {"type": "literal", "value": "党支部", "xml:lang": "zh"}}]},
    }


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_serializations_round_trip(store, fmt):
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    r = execute(store, q)
    back = ox.parse_query_results(
        serialize(r, fmt),
        format={
            "json": ox.QueryResultsFormat.JSON,
            "xml": ox.QueryResultsFormat.XML,
            "tsv": ox.QueryResultsFormat.TSV,
        }[fmt],
    )
    assert [tuple(sol) for sol in back] == [tuple(row) for row in r.rows]


def test_csv_has_header_and_plain_values(store):
    r = execute(store, "SELECT ?id WHERE { ?d dcterms:identifier ?id } ORDER BY ?id")
    assert serialize(r, "csv").decode().splitlines() == ["id", "a.txt", "b.txt"]


def test_ask_serializes_as_boolean(store):
    r = execute(store, "ASK { ?s a ck:Requirement }")
    assert json.loads(serialize(r, "json")) == {"head": {}, "boolean": True}


def test_construct_gives_turtle_isomorphic_to_rdflib(store, fixture_build):
    q = "CONSTRUCT { ?r ck:modality ?m } WHERE { ?r ck:modality ?m }"
    got = Graph().parse(data=serialize(execute(store, q), "turtle"), format="turtle")
    full = Graph().parse(fixture_build / "graph.ttl")
    expected = full.query("PREFIX ck: <https://w3id.org/campaign-kg/ontology#> " + q).graph
    assert isomorphic(got, expected)


def test_graph_result_refuses_select_format(store):
    with pytest.raises(ValueError):
        serialize(execute(store, "CONSTRUCT WHERE { ?s ck:modality ?m }"), "csv")


def test_display_rows_compact_iris(store):
    r = execute(store, "SELECT ?m WHERE { ?r ck:modality ?m } ORDER BY ?m LIMIT 1")
    assert display_rows(r) == (["m"], [{"m": "ck:exhortation"}])


@pytest.mark.parametrize(
    ("query", "columns"),
    [
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", ["s", "p", "o"]),
        ("SELECT DISTINCT * WHERE { ?r ck:modality ?m ; ck:evidence ?e } LIMIT 1", ["r", "m", "e"]),
        ("select reduced * { ?z a ck:Requirement } LIMIT 1", ["z"]),
        ("SELECT ?o ?s WHERE { ?s ?p ?o } LIMIT 1", ["o", "s"]),
        ("SELECT ?x WHERE { { SELECT * WHERE { ?x ?b ?a } LIMIT 1 } }", ["x"]),
    ],
)
def test_select_star_columns_come_in_the_query_order(store, query, columns):
    assert execute(store, query).variables == columns


def test_select_star_rows_follow_their_columns(store):
    star = execute(store, "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5")
    named = execute(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5")
    assert star.rows == named.rows


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?x WHERE { ?x foo:bar ?y }", "unknown prefix `foo:`; known: ck, "),
        (
            "SELECT ?x WHERE {\n  ?x a ck:Actor ;\n     fo:label ?y }",
            "unknown prefix `fo:`; known:",
        ),
        ("PREFIX ex: <http://e/> SELECT ?x { ?x ex:p ?y ; ey:q ?z }", "unknown prefix `ey:`"),
    ],
)
def test_unknown_prefix_is_named_in_one_line(store, query, message):
    with pytest.raises(QueryError) as e:
        execute(store, query)
    assert str(e.value).startswith(message)
    assert "\n" not in str(e.value) and "\\u{" not in str(e.value)


def test_unknown_prefix_lists_the_predeclared_and_declared_ones(store):
    with pytest.raises(QueryError) as e:
        execute(store, "PREFIX ex: <http://e/> SELECT ?x { ?x foo:p ?y }")
    known = str(e.value).split("; known: ")[1].split(", ")
    assert {"ck", "rdfs", "dcterms", "oa", "id", "ex"} <= set(known) and known == sorted(known)


def test_group_concat_of_labels_sharing_a_language_keeps_it(store):
    # documented in docs/DATA-MODEL.md: STR() inside GROUP_CONCAT gives a plain string
    q = "SELECT (GROUP_CONCAT({}; separator='、') AS ?l) WHERE {{ ?a a ck:Actor ; rdfs:label ?x }}"
    tagged = execute(store, q.format("?x")).rows[0][0]
    plain = execute(store, q.format("STR(?x)")).rows[0][0]
    assert (tagged.language, plain.language) == ("zh", None)
    assert tagged.value == plain.value
