"""The SERVICE scan (issue point 10): the word in a literal, IRI, comment or name is no SERVICE.

Each query said to reach the network is first shown to do so with Oxigraph
itself (it tries to connect to a closed loopback port); each query said to be
harmless runs without touching the network.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.sparql.query import QueryError, check_allowed
from kg.sparql.text import mentions_service
from tests.kg.serving import free_port

PORT = free_port()  # nothing listens there
NET = f"http://127.0.0.1:{PORT}/"

FEDERATED = [
    f"SELECT * {{ SERVICE <{NET}x> {{ ?s ?p ?o }} }}",
    f"select * {{ sErViCe <{NET}x> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ SERVICE<{NET}x>{{ ?s ?p ?o }} }}",
    f"PREFIX : <{NET}> SELECT * {{ SERVICE:x {{ ?s ?p ?o }} }}",
    f"PREFIX : <{NET}> SELECT * {{ service:x {{ ?s ?p ?o }} }}",
    f"PREFIX foo: <{NET}> SELECT * {{ SERVICEfoo:x {{ ?s ?p ?o }} }}",
    f"SELECT * {{ BIND(1 AS ?one) SERVICE #comment\n<{NET}x> {{ ?s ?p ?o }} }}",
    f"SELECT * {{ VALUES ?v {{ 'a' }} SERVICE <{NET}x> {{ ?s ?p ?o }} }}",
    f"PREFIX e: <http://e/> SELECT * {{ VALUES ?v {{ e:a\\' }} SERVICE <{NET}x> {{ }} "
    "VALUES ?w { e:b\\' } }",
    f"SELECT * {{ {{ SELECT * {{ SERVICE <{NET}x> {{ ?s ?p ?o }} }} }} }}",
]
HARMLESS = [
    'SELECT * { ?s ?p "customer service" }',
    "SELECT * { ?s ?p 'SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }' }",
    'SELECT * { ?s ?p """long\nservice""" }',
    "SELECT ?service WHERE { ?service ?p ?o }",
    "PREFIX ex: <http://e/> SELECT * { ?s ex:service ?o }",
    "SELECT * { ?s <http://e/service> ?o } # uses a service",
    'SELECT * { ?s ?p "x"@service }',
    'SELECT * { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Service")) }',
    'SELECT * { ?s ?p "a\\u0041 service " }',
]


@pytest.mark.parametrize("query", FEDERATED)
def test_oxigraph_reads_these_as_federated_queries(query):
    with pytest.raises(OSError, match=r"(?i)connect|refused"):
        result = ox.Store().query(query)
        list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)


@pytest.mark.parametrize("query", FEDERATED)
def test_federated_queries_are_refused(query):
    assert mentions_service(query)
    with pytest.raises(QueryError) as e:
        check_allowed(query)
    assert e.value.kind == "refused"


@pytest.mark.parametrize("query", HARMLESS)
def test_the_word_outside_code_is_allowed(query):
    list(ox.Store().query(query))  # valid, and no network
    assert not mentions_service(query)
    check_allowed(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { \\u0053ERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
        "ASK { ?s ?p 1SERVICE<http://127.0.0.1:9/x>{} }",
    ],
)
def test_escaped_or_glued_forms_are_refused_too(query):
    assert mentions_service(query)
