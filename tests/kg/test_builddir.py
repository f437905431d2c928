"""A build directory's paths and its manifest: one reader, one writer, one staleness check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.builddir import MANIFEST_VERSION, BuildDir, Manifest, manifest_entry
from kg.errors import BuildError


def _manifest(**kw) -> Manifest:
    docs = {n: manifest_entry(n, "0" * 64, f"{n}.nq", {}) for n in ("b.txt", "a.txt")}
    return Manifest(documents=docs, extractor="x", pipeline="p1", **kw)


def test_written_manifest_reads_back_equal(tmp_path: Path) -> None:
    _manifest().write(BuildDir(tmp_path).manifest)
    assert Manifest.read(tmp_path) == _manifest()


def test_manifest_text_lists_documents_in_name_order(tmp_path: Path) -> None:
    data = json.loads(_manifest().text())
    assert list(data) == ["version", "extractor", "pipeline", "totals", "documents"]
    assert list(data["documents"]) == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("text", "cause"),
    [(None, "no build found"), ("{", "unreadable manifest"), ("[]", "not a build manifest")],
)
def test_bad_manifest_is_one_line_naming_the_file(tmp_path: Path, text, cause) -> None:
    if text is not None:
        BuildDir(tmp_path).manifest.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=cause) as e:
        Manifest.read(tmp_path)
    assert str(BuildDir(tmp_path).manifest) in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("version", "pipeline", "current"),
    [(MANIFEST_VERSION, "p1", True), (MANIFEST_VERSION, "p2", False), (1, "p1", False)],
)
def test_is_current_needs_this_layout_and_pipeline(version, pipeline, current) -> None:
    assert _manifest(version=version).is_current(pipeline) is current


@pytest.mark.parametrize(("pipeline", "reused"), [("p1", ["a.txt", "b.txt"]), ("p2", [])])
def test_an_incremental_build_reuses_only_a_current_manifest(tmp_path, pipeline, reused) -> None:
    _manifest().write(BuildDir(tmp_path).manifest)
    assert sorted(Manifest.reusable(tmp_path, pipeline)) == reused


def test_an_incremental_build_reuses_nothing_without_a_manifest(tmp_path: Path) -> None:
    assert Manifest.reusable(tmp_path, "p1") == {}


def test_select_names_an_unknown_document(tmp_path: Path) -> None:
    _manifest().write(BuildDir(tmp_path).manifest)
    with pytest.raises(BuildError, match=r"manifest\.json: no document named c\.txt"):
        Manifest.read(tmp_path).select(["c.txt"])


@pytest.mark.parametrize(
    ("names", "selected"), [(None, ["a.txt", "b.txt"]), (["b.txt"], ["b.txt"])]
)
def test_select_defaults_to_every_document(names, selected) -> None:
    assert _manifest().select(names) == selected


def test_prune_cache_keeps_only_the_entries_files(tmp_path: Path) -> None:
    build = BuildDir(tmp_path)
    build.cache.mkdir()
    for name in ("a.txt.nq", "old.nq", "notes.txt"):
        build.cache_file(name).write_text("", encoding="utf-8")
    entries = {"a.txt": manifest_entry("a.txt", "0" * 64, "a.txt.nq", {})}
    assert build.prune_cache(entries) == ["old.nq"]
    assert sorted(p.name for p in build.cache.iterdir()) == ["a.txt.nq", "notes.txt"]
