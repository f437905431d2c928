"""``scripts/same_outputs.py``: how two build directories are compared, and that its two
builds really run two different trees of code.

The comparison is tested on small hand-made folders (tables of cases). The two builds are
tested end to end on a copy of the repository: a confidence changed in the copy's
``extract/data/rules.json`` must be reported in ``graph.nq`` against the copy's ``HEAD``,
and an unchanged copy must give identical outputs. The script is started from inside the
copy, where ``python -c`` once put the working tree's code first on both builds' path.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path("scripts") / "same_outputs.py"
COPIED = ("extract", "kg", "ontology", "scripts", "examples")
GIT = ("git", "-c", "user.name=test", "-c", "user.email=test@example.org")


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("same_outputs", REPO / SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


same_outputs = _load()

BUILD = {
    "graph.nq": b"<a> <b> <c> .\n",
    "report.html": b"<html></html>\n",
    "texts/d0.gz": b"\x1f\x8b\x08\x00",
}


def _write(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def _differ(tmp_path: Path, rev: dict[str, bytes], now: dict[str, bytes]) -> list[str]:
    return same_outputs.compare(
        same_outputs.digests(_write(tmp_path / "rev", rev)),
        same_outputs.digests(_write(tmp_path / "now", now)),
    )


@pytest.mark.parametrize(
    ("rev", "now", "named"),
    [
        pytest.param(BUILD, BUILD, [], id="identical"),
        pytest.param(BUILD, {**BUILD, "graph.nq": b"<a> <b> <d> .\n"}, ["graph.nq"], id="byte"),
        pytest.param(
            BUILD, {**BUILD, "texts/d0.gz": b"\x1f\x8b\x08\x01"}, ["texts/d0.gz"], id="nested-byte"
        ),
        pytest.param(BUILD, {**BUILD, "graph.ttl": b""}, ["graph.ttl"], id="only-now"),
        pytest.param({**BUILD, "summary.md": b"#\n"}, BUILD, ["summary.md"], id="only-rev"),
        pytest.param(
            {**BUILD, "graph.nq": b"", "summary.md": b""},
            {**BUILD, "graph.ttl": b""},
            ["graph.nq", "graph.ttl", "summary.md"],
            id="several",
        ),
        pytest.param({**BUILD, ".kg-lock": b"1"}, {**BUILD, ".kg-lock": b"2"}, [], id="lock"),
        pytest.param(
            {**BUILD, ".stores/s1/000001.sst": b"a", ".stores/s1/CURRENT": b"x"},
            {**BUILD, ".stores/s2/000009.sst": b"b"},
            [],
            id="stores",
        ),
        pytest.param({**BUILD, "store/data": b"a"}, {**BUILD, "store/data": b"b"}, [], id="store"),
        pytest.param(
            BUILD, {**BUILD, ".kg-lock": b"", "store/data": b""}, [], id="skipped-one-side"
        ),
        pytest.param(
            {**BUILD, "texts/store": b"a"},
            {**BUILD, "texts/store": b"b"},
            ["texts/store"],
            id="store-below-top",
        ),
    ],
)
def test_compare_names_the_files_that_differ(
    tmp_path: Path, rev: dict[str, bytes], now: dict[str, bytes], named: list[str]
) -> None:
    assert _differ(tmp_path, rev, now) == named


def _projection(path: Path, rows: list[tuple[str, str]], page_size: int, churn: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA page_size = {page_size}")
    db.execute("CREATE TABLE edge (s TEXT, o TEXT)")
    if churn:  # pages written then freed: the file's layout, not its rows
        db.execute("CREATE TABLE scratch (b BLOB)")
        db.executemany("INSERT INTO scratch VALUES (?)", [(b"x" * 5000,)] * 20)
        db.commit()
        db.execute("DROP TABLE scratch")
    db.executemany("INSERT INTO edge VALUES (?, ?)", rows)
    db.commit()
    db.close()


ROWS = [("a", "b"), ("b", "c")]
SAME_ROWS = [  # (rev's name, page size, churn), (now's name, page size, churn)
    pytest.param(("s1-aaa.sqlite", 4096, False), ("s1-aaa.sqlite", 1024, False), id="page-size"),
    pytest.param(("s1-aaa.sqlite", 4096, False), ("s1-aaa.sqlite", 4096, True), id="freed-pages"),
    pytest.param(("s1-aaa.sqlite", 4096, False), ("s2-bbb.sqlite", 1024, True), id="name"),
]


@pytest.mark.parametrize(("rev", "now"), SAME_ROWS)
def test_a_projection_with_the_same_rows_is_equal(
    tmp_path: Path, rev: tuple[str, int, bool], now: tuple[str, int, bool]
) -> None:
    sides = {}
    for side, (name, page_size, churn) in (("rev", rev), ("now", now)):
        sides[side] = tmp_path / side / ".projection" / name
        _projection(sides[side], ROWS, page_size, churn)
    assert sides["rev"].read_bytes() != sides["now"].read_bytes()
    digests = {side: same_outputs.digests(tmp_path / side) for side in sides}
    assert same_outputs.compare(digests["rev"], digests["now"]) == []


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([("a", "b"), ("b", "d")], id="changed-row"),
        pytest.param([*ROWS, ("c", "d")], id="added-row"),
        pytest.param(ROWS[:1], id="removed-row"),
    ],
)
def test_a_projection_with_other_rows_is_named(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    _projection(tmp_path / "rev" / ".projection" / "s1-aaa.sqlite", ROWS, 4096, False)
    _projection(tmp_path / "now" / ".projection" / "s2-bbb.sqlite", rows, 4096, False)
    digests = {side: same_outputs.digests(tmp_path / side) for side in ("rev", "now")}
    assert same_outputs.compare(digests["rev"], digests["now"]) == [".projection/*.sqlite"]


def test_the_examples_of_the_script_hold() -> None:
    result = doctest.testmod(same_outputs)
    assert result.attempted > 0 and result.failed == 0


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The working tree's code, data and examples, committed as ``HEAD`` of a new repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", *COPIED], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    root = tmp_path / "repo"
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, root / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", "copy"]):
        subprocess.run([*GIT, *args], cwd=root, capture_output=True, check=True)
    return root


def _same_outputs(root: Path) -> subprocess.CompletedProcess[str]:
    # started from inside the tree whose code is compared with HEAD's
    args = [sys.executable, str(SCRIPT), "HEAD", "--corpus", "examples", "--workers", "1"]
    return subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=600, check=False)


def test_an_unchanged_tree_gives_identical_outputs(copy: Path) -> None:
    result = _same_outputs(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "differs" not in result.stdout


def test_a_changed_confidence_is_found_in_the_graph(copy: Path) -> None:
    rules_file = copy / "extract" / "data" / "rules.json"
    rules = json.loads(rules_file.read_text(encoding="utf-8"))
    rules["actor.*"][0] = round(rules["actor.*"][0] - 0.05, 2)
    rules_file.write_text(json.dumps(rules, ensure_ascii=False, indent=1), encoding="utf-8")
    result = _same_outputs(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "examples workers=1: graph.nq differs" in result.stdout.splitlines()
