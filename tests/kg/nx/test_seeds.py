"""Graph analyses on the seeds build: robust properties, whatever the extractor finds."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extract.ingest.reader import document_from_bytes
from kg.cli.main import cli
from kg.nx.common import CANONICAL_STAGES
from kg.nx.projection import edges_of, load_graph
from tests.kg.conftest import SHARED

SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="module")
def seeds_graph(seeds_build):
    return load_graph(seeds_build)


def _json(*args: str):
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _raw(name: str) -> str:
    return document_from_bytes(name, (SEEDS / name).read_bytes()).raw


def test_who_supervisors_quotes_are_source_text(seeds_build):
    rows = _json("who", "督导组", "--out", str(seeds_build))
    assert rows, "the seeds give 督导组 responsibilities"
    for row in rows:
        assert _raw(row["document"])[row["start"] : row["end"]] == row["quote"]
        assert row["modality"] in ("obligation", "prohibition", "permission", "exhortation")


def test_deps_of_rectification_respects_canonical_order(seeds_build, seeds_graph):
    labels = {
        seeds_graph.nodes[n]["label"]
        for n in seeds_graph
        if seeds_graph.nodes[n]["type"] == "Stage"
    }
    if "整改提高" not in labels:
        pytest.fail("the seeds mention 整改提高; the build has no such stage")
    rows = _json("deps", "整改提高", "--out", str(seeds_build))
    stages = [r["item"] for r in rows if r["type"] == "Stage" and r["item"] in CANONICAL_STAGES]
    assert "整改提高" not in stages
    assert stages == sorted(stages, key=CANONICAL_STAGES.index)
    canonical_edges = {
        (seeds_graph.nodes[u]["label"], seeds_graph.nodes[v]["label"])
        for u, v in edges_of(seeds_graph, "precedes")
    }
    if {("学习动员", "分析评议"), ("分析评议", "整改提高")} <= canonical_edges:
        assert stages[-2:] == ["学习动员", "分析评议"]


def test_order_lists_every_document(seeds_build):
    rows = _json("deps", "--order", "--out", str(seeds_build))
    docs = sorted(p.name for p in SEEDS.iterdir() if not p.name.startswith("."))
    assert sorted({r["document"] for r in rows}) == docs
    for doc in docs:
        positions = [r["position"] for r in rows if r["document"] == doc]
        assert positions == list(range(1, len(positions) + 1))


@pytest.mark.parametrize(
    "args",
    [["timeline", "--merged"], ["check"], ["hubs"], ["chain"], ["matrix", "--long"]],
)
def test_commands_run_on_seeds(seeds_build, args):
    rows = _json(*args, "--out", str(seeds_build))
    assert isinstance(rows, list)
    for row in rows:
        if row.get("quote") and row.get("start") is not None and row.get("document"):
            assert _raw(row["document"])[row["start"] : row["end"]] == row["quote"]


def test_timeline_sorted_by_date_per_document(seeds_graph):
    from extract.timex_value import year_offset
    from kg.nx.common import date_key
    from kg.nx.timeline import timeline

    rows = timeline(seeds_graph, roles=("deadline", "schedule", "event"))
    for doc in {r["document"] for r in rows}:
        # a year-less document's 去年10月 comes before its 1月
        keys = [
            date_key(r["date"], year_offset(r["time"]) or 0) for r in rows if r["document"] == doc
        ]
        assert keys == sorted(keys)


def test_compare_finds_shared_requirements_in_other_words(seeds_graph):
    from kg.nx.compare import compare

    rows = compare(seeds_graph, "000_", "001_")
    shared = [r for r in rows if r["status"] == "shared"]
    assert shared, "000 and 001 both demand 严格把关 and 补课 before 转段"
    assert any("把关" in r["quote_a"] and "把关" in r["quote_b"] for r in shared)


def _output(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
def test_hubs_tells_same_label_actors_apart(seeds_build, seeds_graph, fmt):
    actors = [seeds_graph.nodes[n] for n in seeds_graph if seeds_graph.nodes[n]["type"] == "Actor"]
    supervisors = [a for a in actors if a["label"] == "督导组"]
    assert len(supervisors) > 1, "the seeds have more than one actor labelled 督导组"
    text = _output("hubs", "--out", str(seeds_build), "--format", fmt)
    for a in supervisors:
        told = a.get("jurisdiction") or sorted(a["documents"])[0]
        assert f"督导组 ({told}" in text
