"""``kg corrections``: thin commands over the library: examples, formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.corrections import ledger

SUBCOMMANDS = ["list", "add", "review", "gold", "export", "import"]
WHEN = "2026-03-01T08:00:00Z"


def kg(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def add(out: Path, *args: str):
    return kg("corrections", "add", *args, "--author", "王", "--time", WHEN, "--out", str(out))


@pytest.mark.parametrize("command", [[], *([name] for name in SUBCOMMANDS)])
def test_help_shows_an_example(command):
    r = kg("corrections", *command, "--help")
    assert r.exit_code == 0
    assert "kg corrections" in r.output.split("Example", 1)[1]


ADDS = {
    "modality": ["modality", "--doc", "a.txt", "--span", "0-8", "--modality", "prohibition"],
    "actors.add": [
        "actors.add",
        "--doc",
        "a.txt",
        "--span",
        "0-8",
        "--actor",
        "党委",
        "--actor",
        "支部",
    ],
    "quantity": ["quantity", "--doc", "a.txt", "--span", "0-8", "--quantity", ">=,45,学时"],
    "no quantities": ["quantity", "--doc", "a.txt", "--span", "0-8", "--no-quantities"],
    "reject time": ["reject", "--doc", "a.txt", "--span", "3-8", "--kind", "time"],
    "reject relation": [
        "reject",
        "--doc",
        "a.txt",
        "--relation",
        "reportsTo",
        "--from",
        "支部",
        "--to",
        "党委",
    ],
    "add.actor": [
        "add.actor",
        "--doc",
        "a.txt",
        "--span",
        "0-3",
        "--quote",
        "督导组",
        "--label",
        "督导组",
        "--type",
        "SupervisoryGroup",
    ],
    "merge": ["merge", "--doc", "a.txt", "--label", "督导组", "--into", "区委督导组"],
    "split": [
        "split",
        "--doc",
        "a.txt",
        "--label",
        "督导组",
        "--into",
        "市委督导组",
        "--requirement",
        "9-20",
    ],
}
EXPECTED = {
    "modality": ("modality", "a.txt requirement 0-8", {"modality": "prohibition"}),
    "actors.add": ("actors.add", "a.txt requirement 0-8", {"actors": ["党委", "支部"]}),
    "quantity": (
        "quantity",
        "a.txt requirement 0-8",
        {"quantities": [{"comparator": ">=", "unit": "学时", "value": 45}]},
    ),
    "no quantities": ("quantity", "a.txt requirement 0-8", {"quantities": []}),
    "reject time": ("reject", "a.txt time 3-8", {}),
    "reject relation": ("reject", "a.txt relation 支部 reportsTo 党委", {}),
    "add.actor": (
        "add.actor",
        "a.txt actor 督导组@0-3",
        {"actor_type": "SupervisoryGroup", "quote": "督导组"},
    ),
    "merge": ("merge", "a.txt actor 督导组", {"label": "区委督导组"}),
    "split": ("split", "a.txt actor 督导组", {"label": "市委督导组", "requirements": ["9-20"]}),
}


@pytest.mark.parametrize("name", sorted(ADDS))
def test_add_records_what_the_options_say(tmp_path, name):
    r = add(tmp_path, *ADDS[name])
    assert r.exit_code == 0, r.output
    rows = json.loads(kg("corrections", "list", "--out", str(tmp_path), "--format", "json").output)
    got = [(row["action"], row["target"], json.loads(row["change"])) for row in rows]
    assert got == [EXPECTED[name]]


def test_adding_the_same_correction_twice_records_it_once(tmp_path):
    first, second = add(tmp_path, *ADDS["modality"]), add(tmp_path, *ADDS["modality"])
    assert "recorded" in first.output and "already recorded" in second.output
    assert len(ledger.read(tmp_path)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["modality", "--doc", "a.txt", "--span", "0-8", "--modality", "must"], "modality 'must'"),
        (
            ["modality", "--doc", "a.txt", "--span", "8", "--modality", "obligation"],
            "is not START-END",
        ),
        (["rename", "--doc", "a.txt", "--span", "0-8"], "action 'rename'"),
        (
            ["quantity", "--doc", "a.txt", "--span", "0-8", "--quantity", ">=45"],
            "COMPARATOR,VALUE,UNIT",
        ),
    ],
)
def test_bad_correction_is_one_error_line(tmp_path, args, message):
    r = add(tmp_path, *args)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("kg: error: ") and message in r.stderr
    assert not ledger.path(tmp_path).exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
def test_list_renders_every_format(tmp_path, fmt):
    add(tmp_path, *ADDS["modality"])
    (c,) = ledger.read(tmp_path)
    text = kg("corrections", "list", "--out", str(tmp_path), "--format", fmt).output
    parsed = {
        "json": lambda t: [row["id"] for row in json.loads(t)],
        "csv": lambda t: [row["id"] for row in csv.DictReader(io.StringIO(t))],
        "md": lambda t: [line.split("|")[1].strip() for line in t.splitlines()[2:]],
        "table": lambda t: [line.split()[0] for line in t.splitlines()[2:]],
    }[fmt](text)
    assert parsed == [c.id]


def test_list_orphaned_names_why(tmp_path):
    add(tmp_path, *ADDS["modality"])
    rows = json.loads(
        kg("corrections", "list", "--orphaned", "--out", str(tmp_path), "--format", "json").output
    )
    assert [(r["target"], r["reason"]) for r in rows] == [
        ("a.txt requirement 0-8", "document not in the build")
    ]


def test_export_and_import_share_corrections(tmp_path):
    for name in ("modality", "merge"):
        add(tmp_path / "a", *ADDS[name])
    shared = tmp_path / "team" / "corrections.jsonl"
    assert kg("corrections", "export", str(shared), "--out", str(tmp_path / "a")).exit_code == 0
    r = kg("corrections", "import", str(shared), "--out", str(tmp_path / "b"))
    assert "2 corrections added" in r.output
    assert ledger.read(tmp_path / "b") == ledger.read(tmp_path / "a")


def test_import_of_a_bad_file_names_it_and_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"action": "modality"}\n', encoding="utf-8")
    r = kg("corrections", "import", str(bad), "--out", str(tmp_path / "b"))
    assert r.exit_code == 2 and f"{bad}:1: missing field" in r.stderr


def test_review_marks_documents(tmp_path):
    r = kg("corrections", "review", "a.txt", "b.txt", "--author", "王", "--out", str(tmp_path))
    assert r.exit_code == 0
    assert ledger.reviewed(tmp_path) == ["a.txt", "b.txt"]


def test_gold_writes_one_file_per_reviewed_document(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("各支部要按时报送材料。", encoding="utf-8")
    out = str(tmp_path / "out")
    assert kg("build", str(tmp_path / "in"), "--out", out, "--no-views").exit_code == 0
    kg("corrections", "review", "a.txt", "--author", "王", "--out", out)
    r = kg("corrections", "gold", str(tmp_path / "gold"), "--out", out)
    assert r.exit_code == 0 and sorted(p.name for p in (tmp_path / "gold").iterdir()) == [
        "a.txt.json"
    ]
