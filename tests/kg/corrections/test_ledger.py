"""The corrections file: append-only, idempotent, exported and imported, safe for two writers."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from kg.corrections import ledger
from kg.corrections.records import Change, Correction, CorrectionError, Target

WHEN = "2026-03-01T08:00:00Z"


def correction(i: int, author: str = "王") -> Correction:
    return Correction(
        action="modality",
        target=Target("a.txt", "requirement", i, i + 5),
        change=Change(modality="obligation"),
        author=author,
        time=WHEN,
    )


def test_append_writes_one_sorted_line_per_correction(tmp_path):
    items = [correction(i) for i in range(3)]
    ledger.append(tmp_path, items)
    lines = ledger.path(tmp_path).read_text(encoding="utf-8").splitlines()
    assert lines == [c.to_line() for c in items]


def test_append_only_adds_at_the_end(tmp_path):
    ledger.append(tmp_path, [correction(0)])
    before = ledger.path(tmp_path).read_bytes()
    ledger.append(tmp_path, [correction(1)])
    assert ledger.path(tmp_path).read_bytes().startswith(before)


@pytest.mark.parametrize("repeat", [1, 2, 3])
def test_the_same_correction_is_written_once(tmp_path, repeat):
    for _ in range(repeat):
        ledger.append(tmp_path, [correction(0), correction(0)])
    assert len(ledger.read(tmp_path)) == 1


def test_a_build_without_a_file_has_no_corrections(tmp_path):
    assert ledger.read(tmp_path) == []


def test_export_then_import_gives_the_same_file(tmp_path):
    ledger.append(tmp_path / "a", [correction(i) for i in range(4)])
    ledger.export_file(tmp_path / "a", tmp_path / "shared.jsonl")
    assert ledger.import_file(tmp_path / "b", tmp_path / "shared.jsonl") == 4
    assert ledger.path(tmp_path / "b").read_bytes() == ledger.path(tmp_path / "a").read_bytes()


def test_import_adds_only_what_is_new(tmp_path):
    ledger.append(tmp_path / "b", [correction(0), correction(1)])
    ledger.append(tmp_path / "a", [correction(1), correction(2)])
    ledger.export_file(tmp_path / "a", tmp_path / "shared.jsonl")
    assert ledger.import_file(tmp_path / "b", tmp_path / "shared.jsonl") == 1
    assert [c.target.start for c in ledger.read(tmp_path / "b")] == [0, 1, 2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{}\n", r"shared.jsonl:1: missing field"),
        (correction(0).to_line() + "\nnot json\n", r"shared.jsonl:2: not JSON"),
        (None, r"shared.jsonl: No such file"),
    ],
)
def test_bad_file_is_named_with_line_and_cause(tmp_path, content, message):
    file = tmp_path / "shared.jsonl"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(CorrectionError, match=message):
        ledger.import_file(tmp_path / "b", file)


def test_reviewed_lists_documents_once_sorted(tmp_path):
    reviews = [
        Correction(action="review", target=Target(d, "document"), author=a, time=WHEN)
        for d, a in (("b.txt", "王"), ("a.txt", "王"), ("b.txt", "李"))
    ]
    ledger.append(tmp_path, [correction(0), *reviews])
    assert ledger.reviewed(tmp_path) == ["a.txt", "b.txt"]


def _write_many(out: str, author: str, n: int) -> None:
    for i in range(n):
        ledger.append(Path(out), [correction(i, author)])


def test_two_concurrent_writers_lose_nothing(tmp_path):
    n = 60
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(tmp_path), a, n)) for a in ("王", "李")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    got = ledger.read(tmp_path)
    assert len(got) == 2 * n
    assert {c.id for c in got} == {correction(i, a).id for i in range(n) for a in ("王", "李")}


def test_a_reader_never_sees_half_a_line(tmp_path):
    n = 60
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(tmp_path), a, n)) for a in ("王", "李")]
    for p in procs:
        p.start()
    seen = []
    while any(p.is_alive() for p in procs):
        seen.append(len(ledger.read(tmp_path)))  # raises on a torn line
    for p in procs:
        p.join(120)
    assert seen == sorted(seen) and len(ledger.read(tmp_path)) == 2 * n
