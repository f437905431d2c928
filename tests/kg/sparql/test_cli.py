"""``kg query``: sources, formats, saved queries, parameters and one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli.main import cli
from kg.sparql.catalog import load_catalog


def kg(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_list_shows_every_saved_query_with_description():
    r = kg("query", "--list", "--format", "json")
    rows = json.loads(r.output)
    assert [row["name"] for row in rows] == list(load_catalog())
    assert all(row["description"] for row in rows)


def test_list_table_shows_whole_descriptions_wrapped():
    r = kg("query", "--list")
    squeezed = "".join(r.output.split())
    assert "…" not in r.output
    assert all("".join(e.description.split()) in squeezed for e in load_catalog().values())
    assert max(len(line) for line in r.output.splitlines()) <= 110


def test_json_is_w3c_results(fixture_build):
    r = kg("query", "--out", str(fixture_build), "--format", "json", "--name", "quantities")
    data = json.loads(r.output)
    assert data["head"]["vars"][:3] == ["document", "start", "comparator"]
    assert data["results"]["bindings"][0]["unit"] == {"type": "literal", "value": "学时"}


@pytest.mark.parametrize(
    ("fmt", "first_line"),
    [("csv", "document,label,type,mentions"), ("tsv", "?document\t?label\t?type\t?mentions")],
)
def test_csv_and_tsv_are_w3c_results(fixture_build, fmt, first_line):
    r = kg(
        "query",
        "--out",
        str(fixture_build),
        "--format",
        fmt,
        "--name",
        "documents-mentioning-step",
        "--param",
        "step=转段",
    )
    assert r.exit_code == 0
    assert r.output.splitlines()[0] == first_line


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_table_formats_show_values(fixture_build, fmt):
    r = kg("query", "--out", str(fixture_build), "--format", fmt, "--name", "prohibitions")
    assert "各党委不得走过场。" in r.output


def test_query_file_with_params(fixture_build, tmp_path):
    f = tmp_path / "who.rq"
    f.write_text(
        "# Who has this label.\n# param: label (a label)\n"
        "SELECT ?a WHERE { ?a rdfs:label ?l FILTER(STR(?l) = ?label) }\n",
        encoding="utf-8",
    )
    r = kg(
        "query", str(f), "--out", str(fixture_build), "--param", "label=党支部", "--format", "csv"
    )
    assert r.exit_code == 0 and len(r.output.splitlines()) == 2


def test_construct_prints_turtle(fixture_build):
    r = kg(
        "query",
        "--out",
        str(fixture_build),
        "CONSTRUCT WHERE { ?r ck:modality ck:prohibition }",
    )
    g = Graph().parse(data=r.output, format="turtle")
    assert len(g) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?s WHERE { ?s ?p }"], "kg: error: query: syntax error at line 1, column 26: "),
        (["--name", "nope"], "kg: error: no saved query named 'nope'"),
        (["--name", "actor-responsibilities"], "missing --param actor="),
        (["missing.rq"], "kg: error: missing.rq: cannot read query file"),
        (["SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"], "SERVICE"),
    ],
)
def test_errors_are_one_line_exit_2(fixture_build, args, message):
    r = CliRunner().invoke(cli, ["query", "--out", str(fixture_build), *args])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


@pytest.mark.parametrize(
    ("name", "param", "notice"),
    [
        (
            "actor-responsibilities",
            "actor=党支布",
            "kg: notice: saved query actor-responsibilities: no label, alias or document name "
            "is '党支布' (parameter actor); closest: 党支部",
        ),
        (
            "documents-mentioning-step",
            "step=没有这一步",
            "kg: notice: saved query documents-mentioning-step: no label, alias or document "
            "name is '没有这一步' (parameter step)",
        ),
        (
            "source-quote",
            "iri=https://w3id.org/campaign-kg/id/req/zz.txt/0-1",
            "kg: notice: saved query source-quote: no triple mentions "
            "<https://w3id.org/campaign-kg/id/req/zz.txt/0-1> (parameter iri)",
        ),
    ],
)
def test_parameter_naming_nothing_gives_a_notice_and_exit_0(fixture_build, name, param, notice):
    r = CliRunner().invoke(
        cli, ["query", "--out", str(fixture_build), "--name", name, "--param", param]
    )
    assert r.exit_code == 0
    assert r.stdout.strip().endswith("(no results)")
    assert r.stderr.strip().splitlines() == [notice]


def test_parameter_naming_something_gives_no_notice(fixture_build):
    args = ["--name", "actor-responsibilities", "--param", "actor=党员", "--format", "csv"]
    r = CliRunner().invoke(cli, ["query", "--out", str(fixture_build), *args])
    assert r.exit_code == 0 and r.stderr == ""


def test_no_build_is_exit_2(tmp_path):
    r = CliRunner().invoke(cli, ["query", "--out", str(tmp_path), "ASK {}"])
    assert r.exit_code == 2 and "no build found" in r.stderr
