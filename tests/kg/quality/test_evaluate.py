"""kg.quality.evaluate reproduces the shared scorer's figures on the same graph."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract
from kg.graph.rdf import to_graph
from kg.quality.evaluate import evaluate, score_rows
from kg.quality.match import norm, prf, quantity_key, strip_year
from tests.kg.quality.toy import FORMATS, toy, write

SHARED = Path(__file__).resolve().parents[4] / "shared"
SCORER = SHARED / "eval" / "score.py"
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not available")


def _scorer(gold_dir: Path, graph_path: Path, tmp_path: Path) -> dict:
    out = tmp_path / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(gold_dir),
            "--graph",
            str(graph_path),
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("各级党组织", "党组织"),
        ("黨委", "党委"),
        ("各党委", "党委"),
        ("各地", "各地"),
        ("每一个党员", "党员"),
        ("全体党员", "党员"),
    ],
)
def test_norm(name: str, folded: str) -> None:
    assert norm(name) == folded


@pytest.mark.parametrize(
    ("value", "stripped"),
    [
        ("2005-03-15", "--03-15"),
        ("2005-08-01/2005-08-10", "--08-01/--08-10"),
        ("--02-23/--03-15", "--02-23/--03-15"),
        (None, None),
        ("2005-07", "--07"),
    ],
)
def test_strip_year(value: str | None, stripped: str | None) -> None:
    assert strip_year(value) == stripped


@pytest.mark.parametrize(
    ("q", "key"),
    [
        ({"comparator": ">=", "value": "45", "unit": "学时"}, (">=", "45", "学时")),
        ({"comparator": ">=", "value": 45.0, "unit": "学时"}, (">=", "45", "学时")),
        ({"comparator": "range", "value": "1-2", "unit": "個"}, ("range", "1-2", "个")),
        ({"comparator": ">=", "value": None, "unit": "个月"}, (">=", "None", "个月")),
    ],
)
def test_quantity_key(q: dict, key: tuple) -> None:
    assert quantity_key(q) == key


def test_prf_empty_sides() -> None:
    assert prf(0, 0, 0, 0)["f1"] == 1.0
    assert prf(0, 3, 0, 0)["p"] == 0.0


def test_toy_figures(tmp_path: Path) -> None:
    ex, gold = toy()
    gold_dir, graph_path = write(tmp_path, [to_graph(ex)], [gold])
    report = evaluate(gold_dir, graph_path)
    o = report["overall"]
    assert o["actors"]["tp"] == 1 and o["actors"]["pred"] == 2
    assert o["times"]["tp"] == 1  # the year is ignored; the wrong month is not
    assert o["requirements"]["tp"] == 2 and o["requirements"]["pred"] == 3
    assert o["requirements"]["modality_acc"] == 0.5
    assert o["requirements"]["deadline_acc"] == 1.0
    assert o["requirements"]["quantity_acc"] == 1.0
    assert o["steps"]["f1"] == 0.0
    assert score_rows(report)[-1]["document"] == "OVERALL"


@needs_scorer
@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_toy_agrees_with_scorer(tmp_path: Path, suffix: str) -> None:
    ex, gold = toy()
    gold_dir, graph_path = write(tmp_path, [to_graph(ex)], [gold], f"graph{suffix}")
    assert evaluate(gold_dir, graph_path) == _scorer(gold_dir, graph_path, tmp_path)


@needs_scorer
def test_build_directory_scores_what_the_scorer_scores_on_its_graph_ttl(
    seeds_build: Path, tmp_path: Path
) -> None:
    gold_dir = SHARED / "gold"
    expected = _scorer(gold_dir, seeds_build / "graph.ttl", tmp_path)
    assert evaluate(gold_dir, seeds_build) == expected


def test_unknown_graph_file_extension_is_an_error(tmp_path: Path) -> None:
    ex, gold = toy()
    gold_dir, _ = write(tmp_path, [to_graph(ex)], [gold])
    with pytest.raises(ValueError, match="not an RDF file extension"):
        evaluate(gold_dir, tmp_path / "graph.csv")


@needs_scorer
def test_seeds_agree_with_scorer(tmp_path: Path) -> None:
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed documents")
    graphs = [to_graph(extract(document_from_bytes(p.name, p.read_bytes()))) for p in seeds]
    golds = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((SHARED / "gold").glob("*.json"))
    ]
    gold_dir, graph_path = write(tmp_path, graphs, golds)
    mine = evaluate(gold_dir, graph_path)
    assert mine == _scorer(gold_dir, graph_path, tmp_path)
    assert mine["overall"]["requirements"]["f1"] > 0.5
