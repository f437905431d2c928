"""Hostile names and ids: each bad document is skipped in one escaped line, the build goes on.

Real ``kg build`` processes on real files: a file name that is not UTF-8, a
JSON Lines record with a lone surrogate, a file name with a newline or a
terminal escape, a 1 MB id, a folder that cannot be listed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kg.build.run import build
from kg.build.sources import ID_MAX
from kg.graph.iri import KEY_MAX
from tests.kg.hostile_run import GOOD, kg_build, without_file_access_override

EXIT_SKIPPED = 1


def _folder(tmp_path: Path, files: dict[bytes, bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (folder / os.fsdecode(name)).write_bytes(data)
    return folder


BAD_INPUTS = [
    pytest.param(b"bad\xff.txt", GOOD.encode(), "bad\\xff.txt", "not valid UTF-8", id="name"),
    pytest.param(
        b"s.jsonl",
        b'{"id":"a","content":"\\u515a\\u59d4\\ud800\\u3002"}\n',
        "s.jsonl:1",
        "lone surrogate (U+D800",
        id="surrogate",
    ),
    pytest.param(
        b"t.jsonl",
        b'{"id":"a\\udfff","content":"\\u515a\\u59d4"}\n',
        "t.jsonl:1",
        "id is not valid UTF-8",
        id="surrogate-id",
    ),
]


@pytest.mark.parametrize(("name", "data", "shown", "cause"), BAD_INPUTS)
def test_bad_document_is_skipped_in_one_warning_and_the_build_goes_on(
    tmp_path, name, data, shown, cause
):
    run = kg_build(_folder(tmp_path, {name: data}), "--out", tmp_path / "out")
    assert run.code == EXIT_SKIPPED, run.err
    assert not [line for line in run.err if "Traceback" in line]
    (warning,) = run.warnings
    assert shown in warning and cause in warning
    assert '"good.txt"' in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (b"x\nkg: built OK.txt", "x\\nkg: built OK.txt"),
        (b"y\x1b[31mred.txt", "y\\x1b[31mred.txt"),
        (b"z\xe2\x80\xaetxt.exe", "z\\u202etxt.exe"),
    ],
)
def test_a_name_cannot_forge_log_lines(tmp_path, name, shown):
    run = kg_build(_folder(tmp_path, {name: b"\xff\xfe\x00"}), "--out", tmp_path / "out")
    assert run.code == EXIT_SKIPPED, run.err
    assert all(line.startswith("kg: warning: ") for line in run.err), run.err
    (warning,) = run.warnings
    assert shown in warning
    (summary,) = [line for line in run.out if line.startswith("  skipped ")]
    assert shown in summary
    assert not [line for line in run.out if line.startswith("kg: built OK")]


def test_a_huge_id_keeps_names_and_iris_small(tmp_path):
    record = {"id": "x" * 1_000_000, "content": GOOD}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = build([tmp_path / "in"], tmp_path / "out", progress=False, views=False)
    (entry,) = json.loads((tmp_path / "out" / "manifest.json").read_text())["documents"]
    assert len(entry) <= len("big.jsonl#") + ID_MAX
    assert report.documents == 1
    nquads = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    assert len(nquads) < 200_000
    iris = re.findall(r"<([^>]*)>", nquads)
    assert max(map(len, iris)) < 100 + KEY_MAX


def test_two_huge_ids_sharing_a_prefix_stay_two_documents(tmp_path):
    lines = [json.dumps({"id": "x" * 1000 + tail, "content": GOOD}) for tail in "ab"]
    (tmp_path / "two.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build([tmp_path / "two.jsonl"], tmp_path / "out", progress=False, views=False)
    assert report.documents == 2 and report.skipped == []


def test_a_folder_without_read_permission_is_a_warning(tmp_path):
    folder = _folder(tmp_path, {})
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        run = kg_build(folder, "--out", tmp_path / "out", preexec=without_file_access_override)
    finally:
        locked.chmod(0o755)
    assert run.code == EXIT_SKIPPED, run.err
    (warning,) = run.warnings
    assert str(locked) in warning and "folder not readable" in warning
