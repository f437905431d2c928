"""Input discovery: files, folders, JSON Lines collections and their document names."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.build.sources import JsonlOptions, SourceError, count_sources, iter_sources


def _jsonl(path: Path, records: list[object]) -> Path:
    text = "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("file_name", "records", "opts", "expected"),
    [
        ("a.jsonl", [{"id": "x-1", "content": "党委"}], JsonlOptions(), [("a.jsonl#x-1", "党委")]),
        (
            "a.jsonl",
            [{"content": "党委"}, {"content": "县委"}],
            JsonlOptions(),
            [("a.jsonl#L1", "党委"), ("a.jsonl#L2", "县委")],
        ),
        ("a.jsonl.gz", [{"id": 3, "content": "区委"}], JsonlOptions(), [("a.jsonl.gz#3", "区委")]),
        (
            "b.ndjson",
            [{"key": "k", "body": "市委"}],
            JsonlOptions("body", "key"),
            [("b.ndjson#k", "市委")],
        ),
        ("a.jsonl", [{"id": "", "content": "党委"}], JsonlOptions(), [("a.jsonl#L1", "党委")]),
    ],
)
def test_jsonl_records_become_named_documents(tmp_path, file_name, records, opts, expected):
    path = _jsonl(tmp_path / file_name, records)
    got = [(s.name, s.load().decode("utf-8")) for s in iter_sources([path], opts)]
    assert got == expected


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not a JSON record"),
        ("[1, 2]", "not a JSON object"),
        (json.dumps({"id": 1, "text": "x"}), "no text field 'content'"),
        (json.dumps({"id": 1, "content": 5}), "no text field 'content'"),
    ],
)
def test_bad_jsonl_record_is_a_problem_not_an_error(tmp_path, line, problem):
    path = _jsonl(tmp_path / "a.jsonl", [line])
    (src,) = list(iter_sources([path]))
    assert problem in src.problem


def test_truncated_gzip_is_a_problem_not_an_error(tmp_path):
    data = gzip.compress(b'{"id": 1, "content": "x"}\n' * 1000)
    path = tmp_path / "t.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    problems = [s.problem for s in iter_sources([path]) if s.problem]
    assert problems and "unreadable" in problems[-1]


def test_folders_are_searched_recursively_without_hidden_entries(tmp_path):
    for rel in ("a.txt", "sub/b.txt", ".hidden/c.txt", "sub/.d.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("党委", encoding="utf-8")
    assert [s.name for s in iter_sources([tmp_path])] == ["a.txt", "b.txt"]


def test_same_file_name_in_two_folders_is_an_error(tmp_path):
    for rel in ("x/a.txt", "y/a.txt"):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text("党委", encoding="utf-8")
    with pytest.raises(SourceError, match="same file name"):
        list(iter_sources([tmp_path / "x", tmp_path / "y"]))


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        list(iter_sources([tmp_path / "nope"]))


def test_file_size_is_known_before_reading(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 123)
    (src,) = list(iter_sources([tmp_path]))
    assert src.size == 123


def test_count_matches_the_sources(tmp_path):
    _jsonl(tmp_path / "a.jsonl.gz", [{"content": "x"}] * 5)
    (tmp_path / "b.txt").write_text("党委", encoding="utf-8")
    assert count_sources([tmp_path]) == len(list(iter_sources([tmp_path]))) == 6
