"""Gold files from reviewed documents score 1.0 against the build they were written from."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build.run import build
from kg.corrections import ledger
from kg.corrections.gold import write_gold
from kg.corrections.records import Change, Correction, Target
from kg.errors import BuildError
from tests.kg.corrections.test_build import A_TEXT, B_TEXT, requirement_at, write_corpus

SCORER = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "score.py"
WHEN = "2026-03-01T08:00:00Z"


def fix(action: str, target: Target, **change) -> Correction:
    return Correction(action=action, target=target, change=Change(**change), author="王", time=WHEN)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A plain build, the same corpus built with corrections and both documents reviewed."""
    root = tmp_path_factory.mktemp("gold")
    corpus = write_corpus(root / "in")
    plain = root / "plain"
    build([corpus], plain, progress=False, views=False)
    out = root / "out"
    shutil.copytree(plain, out, symlinks=True)
    forbid = requirement_at(plain, "a.txt", A_TEXT, "督导组不得")
    study = requirement_at(plain, "b.txt", B_TEXT, "各党委要")
    join = requirement_at(plain, "b.txt", B_TEXT, "党员要")
    ledger.append(
        out,
        [
            fix("modality", Target("a.txt", "requirement", *forbid), modality="exhortation"),
            fix("actors.add", Target("b.txt", "requirement", *study), actors=("党员",)),
            fix("reject", Target("b.txt", "requirement", *join)),
            fix("review", Target("a.txt", "document")),
            fix("review", Target("b.txt", "document")),
        ],
    )
    report = build([corpus], out, progress=False, views=False)
    assert report.orphaned == []
    gold = root / "gold"
    assert write_gold(out, gold) == ["a.txt", "b.txt"]
    return plain, out, gold


def score(gold: Path, graph: Path) -> dict:
    report = gold.parent / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(gold),
            "--graph",
            str(graph),
            "--json",
            str(report),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def figures(report: dict) -> dict[str, float | None]:
    o = report["overall"]
    out = {
        k: o[k]["f1"] for k in ("actors", "stages", "steps", "times", "requirements", "relations")
    }
    rq = o["requirements"]
    out |= {"requirement actors": rq["actor"]["f1"], "modality": rq["modality_acc"]}
    return out


def test_gold_scores_one_against_the_corrected_build(reviewed):
    _, out, gold = reviewed
    assert set(figures(score(gold, out / "graph.ttl")).values()) == {1.0}


def test_gold_scores_one_per_document(reviewed):
    _, out, gold = reviewed
    docs = score(gold, out / "graph.ttl")["documents"]
    assert [(d["document"], d["requirements"]["f1"], d["actors"]["f1"]) for d in docs] == [
        ("a.txt", 1.0, 1.0),
        ("b.txt", 1.0, 1.0),
    ]


@pytest.mark.parametrize("figure", ["requirements", "modality", "requirement actors"])
def test_the_uncorrected_build_falls_short_of_the_gold(reviewed, figure):
    plain, _, gold = reviewed
    assert figures(score(gold, plain / "graph.ttl"))[figure] < 1.0


def test_gold_holds_the_corrected_values(reviewed):
    _, _, gold = reviewed
    a = json.loads((gold / "a.txt.json").read_text(encoding="utf-8"))
    quotes = {r["quote"]: r["modality"] for r in a["requirements"]}
    assert quotes["督导组不得代替支部工作"] == "exhortation"


def test_gold_files_follow_the_format(reviewed):
    _, _, gold = reviewed
    data = json.loads((gold / "b.txt.json").read_text(encoding="utf-8"))
    assert list(data) == [
        "document",
        "meta",
        "actors",
        "stages",
        "steps",
        "times",
        "requirements",
        "relations",
    ]
    for r in data["requirements"]:
        assert B_TEXT[r["start"] : r["end"]] == r["quote"]


def test_gold_is_refused_when_corrections_changed_since_the_build(reviewed, tmp_path):
    _, out, _ = reviewed
    again = tmp_path / "out"
    shutil.copytree(out, again, symlinks=True)
    ledger.append(
        again, [fix("modality", Target("a.txt", "requirement", 0, 3), modality="permission")]
    )
    with pytest.raises(BuildError, match="changed since the last build"):
        write_gold(again, tmp_path / "gold")


def test_marking_a_document_reviewed_needs_no_rebuild(reviewed, tmp_path):
    plain, _, _ = reviewed
    again = tmp_path / "out"
    shutil.copytree(plain, again, symlinks=True)
    ledger.append(again, [fix("review", Target("b.txt", "document"))])
    assert write_gold(again, tmp_path / "gold") == ["b.txt"]


def test_no_reviewed_document_writes_nothing(reviewed, tmp_path):
    plain, _, _ = reviewed
    assert write_gold(plain, tmp_path / "gold") == []
    assert not (tmp_path / "gold").exists()


def saved(out: Path, name: str) -> list[dict]:
    from kg.graph.store import open_store
    from kg.sparql import catalog
    from kg.sparql.query import execute
    from kg.sparql.results import display_rows

    return display_rows(execute(open_store(out), catalog.bind(catalog.get(name), {})))[1]


def test_saved_query_lists_what_changed(reviewed):
    _, out, _ = reviewed
    rows = saved(out, "corrections")
    got = sorted((r["kind"], r["document"], r["extracted"], r["corrected"]) for r in rows)
    assert got == [
        ("actors.add", "b.txt", "", "党员"),
        ("modality", "a.txt", "prohibition", "exhortation"),
        ("reject", "b.txt", "Requirement", ""),
        ("review", "a.txt", "", ""),
        ("review", "b.txt", "", ""),
    ]


def test_saved_query_counts_corrections_by_author(reviewed):
    _, out, _ = reviewed
    rows = saved(out, "corrections-by-author")
    assert [(r["author"], int(r["corrections"]), int(r["documents"])) for r in rows] == [
        ("王", 5, 2)
    ]


def test_saved_query_lists_rejected_facts_with_their_quote(reviewed):
    _, out, _ = reviewed
    rows = saved(out, "rejected-facts")
    assert [(r["document"], r["quote"], r["type"]) for r in rows] == [
        ("b.txt", B_TEXT[B_TEXT.index("党员要") :].rstrip("。"), "ck:Requirement")
    ]


def test_kg_eval_agrees_with_the_shared_scorer(reviewed):
    from kg.quality.evaluate import evaluate

    _, out, gold = reviewed
    assert figures(evaluate(gold, out / "graph.ttl")) == figures(score(gold, out / "graph.ttl"))
