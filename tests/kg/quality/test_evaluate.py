"""kg.quality.evaluate reproduces the shared scorer's figures on the same graph."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract
from extract.records import (
    Actor,
    Document,
    Extraction,
    Provenance,
    Quantity,
    Requirement,
    TimeExpression,
)
from kg.graph.rdf import to_graph
from kg.quality.evaluate import evaluate, score_rows
from kg.quality.match import norm, prf, quantity_key, strip_year

SHARED = Path(__file__).resolve().parents[4] / "shared"
SCORER = SHARED / "eval" / "score.py"
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not available")

TEXT = "各级党委要在3月15日前完成学习，学习时间不少于45个学时。督导组可以参加。今年1月召开了会议。"


def _toy() -> tuple[Extraction, dict]:
    doc = Document("toy.txt", TEXT, TEXT)
    sp = doc.raw_span
    actors = (
        Actor("党委", "PartyCommittee", (sp(2, 4),), aliases=("各级党委",)),
        Actor("督导组", "SupervisoryGroup", (sp(29, 32),)),
    )
    times = (
        TimeExpression(sp(6, 12), "2005-03-15", "deadline"),
        TimeExpression(sp(40, 44), "--02", "event"),  # wrong value: not a match
    )
    reqs = (
        Requirement(sp(0, 18), "obligation", ("党委",), None, "6-12", prov=Provenance("test")),
        Requirement(
            sp(19, 28),
            "prohibition",
            ("党委",),
            None,
            None,
            (Quantity(">=", 45, "学时", sp(23, 28)),),
        ),
        Requirement(sp(29, 37), "permission", ("督导组", "党委")),
    )
    ex = Extraction(doc, actors=actors, times=times, requirements=reqs)
    gold = {
        "document": "toy.txt",
        "actors": [
            {"label": "党委", "aliases": ["黨委"], "type": "PartyCommittee"},
            {"label": "党员", "aliases": [], "type": "MemberGroup"},
        ],
        "stages": [],
        "steps": ["转段"],
        "times": [
            {
                "start": 6,
                "end": 13,
                "text": TEXT[6:13],
                "normalized": "--03-15",
                "role": "deadline",
            },
            {"start": 40, "end": 44, "text": TEXT[40:44], "normalized": "--01", "role": "event"},
        ],
        "requirements": [
            {
                "start": 0,
                "end": 18,
                "quote": TEXT[0:18],
                "modality": "obligation",
                "actors": ["党委"],
                "stage": None,
                "deadline": "--03-15",
                "quantities": [],
            },
            {
                "start": 19,
                "end": 28,
                "quote": TEXT[19:28],
                "modality": "obligation",
                "actors": [],
                "stage": None,
                "deadline": None,
                "quantities": [{"comparator": ">=", "value": 45, "unit": "学时"}],
            },
        ],
        "relations": [{"type": "supervises", "from": "督导组", "to": "党委"}],
    }
    return ex, gold


def _write(tmp_path: Path, graphs: list[Graph], golds: list[dict]) -> tuple[Path, Path]:
    g = Graph()
    for part in graphs:
        for t in part:
            g.add(t)
    graph_path = tmp_path / "graph.ttl"
    g.serialize(graph_path, format="turtle")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for gold in golds:
        (gold_dir / f"{gold['document']}.json").write_text(
            json.dumps(gold, ensure_ascii=False), encoding="utf-8"
        )
    return gold_dir, graph_path


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
    ex, gold = _toy()
    gold_dir, graph_path = _write(tmp_path, [to_graph(ex)], [gold])
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
def test_toy_agrees_with_scorer(tmp_path: Path) -> None:
    ex, gold = _toy()
    gold_dir, graph_path = _write(tmp_path, [to_graph(ex)], [gold])
    assert evaluate(gold_dir, graph_path) == _scorer(gold_dir, graph_path, tmp_path)


@needs_scorer
def test_seeds_agree_with_scorer(tmp_path: Path) -> None:
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed documents")
    graphs = [to_graph(extract(document_from_bytes(p.name, p.read_bytes()))) for p in seeds]
    golds = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((SHARED / "gold").glob("*.json"))
    ]
    gold_dir, graph_path = _write(tmp_path, graphs, golds)
    mine = evaluate(gold_dir, graph_path)
    assert mine == _scorer(gold_dir, graph_path, tmp_path)
    assert mine["overall"]["requirements"]["f1"] > 0.5
