"""The saved-query catalog: its files, parameter binding (injection-safe) and answers."""

from __future__ import annotations

import re

import pytest

from kg.sparql import catalog
from kg.sparql.query import QUERY_PREFIXES, execute
from kg.store import count_quads, open_store

CATALOG = catalog.load_catalog()
DECL = re.compile(r"^PREFIX\s+(\w*):\s*<([^>]*)>", re.MULTILINE)


@pytest.fixture(scope="module")
def store(fixture_build):
    return open_store(fixture_build)


def run(store, name, **params):
    r = execute(store, catalog.bind(catalog.get(name), params))
    return [dict(zip(r.variables, row, strict=True)) for row in r.rows]


def values(rows, column):
    return [None if row[column] is None else row[column].value for row in rows]


def test_catalog_has_at_least_twelve_queries():
    assert len(CATALOG) >= 12


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_entry_has_one_line_description(name):
    entry = CATALOG[name]
    assert entry.description and entry.text.startswith("# " + entry.description + "\n")


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_declared_prefixes_match_namespaces(name):
    decls = DECL.findall(CATALOG[name].text)
    assert decls
    for prefix, iri in decls:
        assert QUERY_PREFIXES[prefix] == iri


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_uses_only_contract_terms(name):
    from ontology.namespaces import CK

    for local in re.findall(r"\bck:(\w+)", CATALOG[name].text):
        assert getattr(CK, local)


@pytest.mark.parametrize(
    ("line", "param"),
    [
        ("# param: actor (label of an actor)", catalog.Param("actor", "label of an actor")),
        ("#param:iri", catalog.Param("iri", "")),
    ],
)
def test_param_lines_are_parsed(line, param):
    assert catalog.parse_entry("x", f"# d\n{line}\nSELECT * {{}}").params == (param,)


def test_missing_parameter_is_an_error():
    with pytest.raises(catalog.CatalogError, match="missing --param actor"):
        catalog.bind(catalog.get("actor-responsibilities"), {})


def test_unknown_parameter_is_an_error():
    with pytest.raises(catalog.CatalogError, match="unknown parameter 'who'"):
        catalog.bind(catalog.get("deadlines"), {"who": "x"})


def test_unknown_name_is_an_error():
    with pytest.raises(catalog.CatalogError, match="no saved query"):
        catalog.get("nope")


@pytest.mark.parametrize(
    "value",
    [
        'x" } ; DROP ALL ; SELECT * { "',
        '督导组" . ?a ?b ?c } #',
        "a}{b",
        "line1\nline2 } UNION { ?s ?p ?o",
        '\\" ) } INSERT DATA { <http://e/a> <http://e/b> <http://e/c> } #',
        "'''\"\"\"",
    ],
)
def test_injection_attempts_match_nothing_and_change_nothing(store, value):
    before = count_quads(store)
    assert run(store, "actor-responsibilities", actor=value) == []
    assert count_quads(store) == before


@pytest.mark.parametrize("value", ["http://e/x> . ?s ?p ?o", "not an iri", "http://e/a b"])
def test_iri_parameter_must_be_an_iri(value):
    with pytest.raises(catalog.CatalogError, match="not a valid IRI"):
        catalog.bind(catalog.get("source-quote"), {"iri": value})


def test_bound_value_is_an_escaped_literal():
    text = catalog.bind(catalog.get("actor-responsibilities"), {"actor": 'a"b\n'})
    assert 'VALUES ?actor { "a\\"b\\n" }' in text


@pytest.mark.parametrize(
    ("name", "params", "column", "expected"),
    [
        ("actor-responsibilities", {"actor": "督导组"}, "quote", ["区委督导组要加强指导。"]),
        ("actor-responsibilities", {"actor": "党支部"}, "deadline", ["--03-15"]),
        ("requirements-per-stage", {}, "stage", ["(no stage)"] * 3 + ["分析评议", "学习动员"]),
        ("deadlines", {}, "date", ["--03-15", "--08-01/--08-10", None]),
        ("quantities", {}, "unit", ["学时"]),
        ("zhuanduan-approval", {}, "kind", ["edge", "edge", "requirement"]),
        ("actors-per-level", {}, "level", ["(unknown)", "乡镇", "单位", "县"]),
        ("requirements-without-actor", {}, "quote", ["月日前完成转段。"]),
        ("documents-mentioning-step", {"step": "转段"}, "document", ["a.txt"]),
        ("documents-mentioning-step", {"step": "分析评议"}, "document", ["b.txt", "a.txt"]),
        ("prohibitions", {}, "actors", ["党委"]),
        ("counts-per-document", {}, "requirements", ["5", "2"]),
        ("shared-actors", {"document": "a.txt", "other": "b.txt"}, "label", ["党员"]),
        (
            "actor-relations",
            {},
            "relation",
            [
                "https://w3id.org/campaign-kg/ontology#approves",
                "https://w3id.org/campaign-kg/ontology#reportsTo",
            ],
        ),
        ("phase-order", {}, "before", ["学习动员"]),
    ],
)
def test_saved_query_answers(store, name, params, column, expected):
    assert values(run(store, name, **params), column) == expected


def test_source_quote_gives_document_offsets_and_text(store, fixture_build):
    from kg.iri import requirement_iri

    rows = run(store, "source-quote", iri=str(requirement_iri("a.txt", "0-11")))
    assert [
        (r["document"].value, r["start"].value, r["end"].value, r["quote"].value) for r in rows
    ] == [("a.txt", "0", "11", "区委督导组要加强指导。")]
