"""The saved-query catalog: its files, parameter binding (injection-safe) and answers."""

from __future__ import annotations

import re

import pytest

from kg.graph.store import count_quads, open_store
from kg.sparql import catalog
from kg.sparql.query import QUERY_PREFIXES, execute

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
    from kg.graph.iri import requirement_iri

    rows = run(store, "source-quote", iri=str(requirement_iri("a.txt", "0-11")))
    assert [
        (r["document"].value, r["start"].value, r["end"].value, r["quote"].value) for r in rows
    ] == [("a.txt", "0", "11", "区委督导组要加强指导。")]


# A hand-written graph for the cases the rewritten queries must keep: labels in
# every literal form, nodes that have a requirement's properties without its
# type, a document with time expressions only, and document names whose order
# is not their insertion order.
_CK = "https://w3id.org/campaign-kg/ontology#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_OA = "http://www.w3.org/ns/oa#"
_ID = "http://purl.org/dc/terms/identifier"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_INT = "http://www.w3.org/2001/XMLSchema#integer"


def _edge_quads() -> str:
    quads: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        quads.append(f"{s} {p} {o} <http://e/graph> .")

    def node(name: str) -> str:
        return f"<http://e/{name}>"

    def ck(local: str) -> str:
        return f"<{_CK}{local}>"

    def evidence(subject: str, doc: str, start: int, quote: str) -> None:
        ev = node(f"ev/{doc}/{start}")
        add(subject, ck("evidence"), ev)
        add(ev, ck("document"), node(f"doc/{doc}"))
        add(ev, f"<{_OA}start>", f'"{start}"^^<{_INT}>')
        add(ev, f"<{_OA}exact>", f'"{quote}"')

    for doc in ("b.txt", "a.txt", "c.txt"):
        add(node(f"doc/{doc}"), f"<{_TYPE}>", ck("Document"))
        add(node(f"doc/{doc}"), f"<{_ID}>", f'"{doc}"')
    # One actor per literal form of its name; each is responsible for one requirement.
    names = {
        "zh": (f"<{_RDFS}label>", '"甲"@zh'),
        "plain": (f"<{_RDFS}label>", '"乙"'),
        "en": (f"<{_RDFS}label>", '"丙"@en'),
        "alias": (f"<{_SKOS}altLabel>", '"戊"@zh'),
    }
    for i, (key, (prop, literal)) in enumerate(names.items()):
        actor, req = node(f"actor/{key}"), node(f"req/{key}")
        add(actor, f"<{_TYPE}>", ck("Actor"))
        add(actor, prop, literal)
        if prop != f"<{_RDFS}label>":
            add(actor, f"<{_RDFS}label>", '"丁"@zh')
        add(actor, ck("mentionedIn"), node("doc/a.txt"))
        add(req, f"<{_TYPE}>", ck("Requirement"))
        add(req, ck("modality"), ck("obligation"))
        add(req, ck("responsibleActor"), actor)
        evidence(req, "a.txt", 10 + i, f"{key}要落实。")
    # Requirements without an actor, in documents inserted out of order.
    for doc, start in (("b.txt", 0), ("a.txt", 5), ("a.txt", 1)):
        req = node(f"req/{doc}/{start}")
        add(req, f"<{_TYPE}>", ck("Requirement"))
        add(req, ck("modality"), ck("prohibition"))
        evidence(req, doc, start, f"{doc}{start}不得拖延。")
        quantity = node(f"q/{doc}/{start}")
        add(req, ck("quantity"), quantity)
        add(quantity, ck("comparator"), '"≥"')
        add(quantity, ck("unit"), '"学时"')
    # A node with a requirement's properties but not its type is no requirement.
    fake = node("not-a-requirement")
    add(fake, ck("modality"), ck("prohibition"))
    evidence(fake, "a.txt", 50, "转段不是要求。")
    add(fake, ck("quantity"), node("q/fake"))
    add(node("q/fake"), ck("comparator"), '"≥"')
    add(node("q/fake"), ck("unit"), '"次"')
    # c.txt mentions a time expression and nothing else.
    time = node("time/c")
    add(time, f"<{_TYPE}>", ck("TimeExpression"))
    evidence(time, "c.txt", 3, "3月")
    return "\n".join(quads) + "\n"


@pytest.fixture(scope="module")
def edge_store(tmp_path_factory):
    from kg.graph.store import create_store

    return create_store(
        tmp_path_factory.mktemp("edge") / "store", [_edge_quads()], union_default=True
    )


@pytest.mark.parametrize(
    ("name", "params", "column", "expected"),
    [
        # A name matches whatever its literal form, as STR(?name) = ?actor does.
        ("actor-responsibilities", {"actor": "甲"}, "quote", ["zh要落实。"]),
        ("actor-responsibilities", {"actor": "乙"}, "quote", ["plain要落实。"]),
        ("actor-responsibilities", {"actor": "丙"}, "quote", ["en要落实。"]),
        ("actor-responsibilities", {"actor": "戊"}, "quote", ["alias要落实。"]),
        ("actor-responsibilities", {"actor": "丁"}, "quote", ["alias要落实。"]),
        ("actor-responsibilities", {"actor": "戊"}, "actorLabel", ["丁"]),
        ("actor-responsibilities", {"actor": "甲@zh"}, "quote", []),
        # Sorted by document name and offset, only typed requirements without an actor.
        (
            "requirements-without-actor",
            {},
            "quote",
            ["a.txt1不得拖延。", "a.txt5不得拖延。", "b.txt0不得拖延。"],
        ),
        ("prohibitions", {}, "quote", ["a.txt1不得拖延。", "a.txt5不得拖延。", "b.txt0不得拖延。"]),
        ("quantities", {}, "document", ["a.txt", "a.txt", "b.txt"]),
        ("zhuanduan-approval", {}, "quote", []),
        ("counts-per-document", {}, "document", ["a.txt", "b.txt", "c.txt"]),
        ("counts-per-document", {}, "requirements", ["6", "1", "0"]),
        ("counts-per-document", {}, "times", ["0", "0", "1"]),
        ("counts-per-document", {}, "actors", ["4", "0", "0"]),
        ("requirements-per-stage", {}, "requirements", ["4", "3"]),
        (
            "shared-actors",
            {"document": "a.txt", "other": "a.txt"},
            "label",
            ["丁", "丙", "乙", "甲"],
        ),
        ("shared-actors", {"document": "a.txt", "other": "b.txt"}, "label", []),
    ],
)
def test_saved_query_edge_cases(edge_store, name, params, column, expected):
    assert values(run(edge_store, name, **params), column) == expected


def test_document_identifiers_are_plain_strings(store):
    # shared-actors matches its parameters against dcterms:identifier in a triple
    # pattern, which equals STR(?id) = ?document only for plain strings.
    r = execute(store, "SELECT DISTINCT (DATATYPE(?id) AS ?t) WHERE { ?d dcterms:identifier ?id }")
    assert [row[0].value for row in r.rows] == ["http://www.w3.org/2001/XMLSchema#string"]
