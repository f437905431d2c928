"""kg.quality.gold_diff lists every disagreement with gold, read through the projection."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.rdf import to_graph
from kg.quality.gold_diff import error_counts, error_rows
from tests.kg.quality.toy import FORMATS, TEXT, toy, write

SHARED = Path(__file__).resolve().parents[4] / "shared"


@pytest.fixture
def toy_rows(tmp_path: Path) -> list[dict]:
    ex, gold = toy()
    gold_dir, graph_path = write(tmp_path, [to_graph(ex)], [gold])
    return error_rows(gold_dir, graph_path)


def _key(row: dict) -> tuple[str, str, str, str]:
    return row["category"], row["error"], row["gold"], row["predicted"]


@pytest.mark.parametrize(
    "expected",
    [
        ("actor", "missed", "党员", ""),
        ("actor", "spurious", "", "督导组"),
        ("step", "missed", "转段", ""),
        ("time", "value", "--01", "--02"),
        ("requirement", "spurious", "", "permission ['党委', '督导组']"),
        ("modality", "wrong", "obligation", "prohibition"),
        ("responsible-actor", "spurious", "", "党委"),
        ("relation", "spurious", "", "reportsTo 党委 -> 督导组 [rel.b]"),
    ],
)
def test_toy_disagreement_is_listed(toy_rows: list[dict], expected: tuple) -> None:
    assert expected in [_key(r) for r in toy_rows]


@pytest.mark.parametrize("category", ["time", "requirement", "modality", "relation"])
def test_toy_agreement_is_not_listed(toy_rows: list[dict], category: str) -> None:
    agreed = {
        "time": "--03-15",
        "requirement": "obligation ['党委']",
        "modality": "exhortation",
        "relation": "supervises",
    }[category]
    rows = [r for r in toy_rows if r["category"] == category]
    assert not [r for r in rows if agreed in r["gold"] or agreed in r["predicted"]]


def test_spurious_requirement_quotes_the_text_of_its_span(toy_rows: list[dict]) -> None:
    rows = [r for r in toy_rows if _key(r)[:2] == ("requirement", "spurious")]
    assert rows and all(r["quote"] == TEXT[r["start"] : r["end"]] for r in rows)


@pytest.mark.parametrize("suffix", sorted(set(FORMATS) - {".ttl"}))
def test_every_triple_format_gives_the_same_rows(
    tmp_path: Path, toy_rows: list[dict], suffix: str
) -> None:
    ex, gold = toy()
    (tmp_path / "other").mkdir()
    gold_dir, graph_path = write(tmp_path / "other", [to_graph(ex)], [gold], f"graph{suffix}")
    assert error_rows(gold_dir, graph_path) == toy_rows


def test_build_directory_gives_the_rows_of_its_graph_ttl(seeds_build: Path) -> None:
    rows = error_rows(SHARED / "gold", seeds_build)
    assert rows and rows == error_rows(SHARED / "gold", seeds_build / "graph.ttl")


def test_error_counts_tally_rows_in_first_seen_order(toy_rows: list[dict]) -> None:
    counts = error_counts(toy_rows)
    assert sum(c["count"] for c in counts) == len(toy_rows)
    assert (counts[0]["category"], counts[0]["error"]) == _key(toy_rows[0])[:2]
