"""Atomic replacement: readers see the old or the new file, never a partial one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg import atomic


def test_write_text_creates_parents_and_writes_utf8_lf(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "summary.md"
    atomic.write_text(target, "县委\n督导组\n")
    assert target.read_bytes() == "县委\n督导组\n".encode()


def test_write_replaces_the_old_content(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    atomic.write_bytes(target, b"old")
    atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "graph.nq"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.atomic_open(target, "w") as fh:
        fh.write("partial")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq"]


def test_file_mode_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic.write_text(tmp_path / "x", "一")
    finally:
        os.umask(old)
    assert (tmp_path / "x").stat().st_mode & 0o777 == 0o640


def test_swap_symlink_points_at_the_new_target_and_returns_the_old(tmp_path: Path) -> None:
    (tmp_path / "s1").mkdir()
    (tmp_path / "s2").mkdir()
    link = tmp_path / "store"
    assert atomic.swap_symlink(link, "s1") is None
    assert atomic.swap_symlink(link, "s2") == "s1"
    assert os.readlink(link) == "s2" and link.resolve() == (tmp_path / "s2").resolve()


def test_swap_symlink_refuses_to_replace_a_real_directory(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    with pytest.raises(FileExistsError):
        atomic.swap_symlink(tmp_path / "store", "s1")


def test_remove_tree_removes_and_ignores_missing(tmp_path: Path) -> None:
    (tmp_path / "d" / "e").mkdir(parents=True)
    atomic.remove_tree(tmp_path / "d")
    atomic.remove_tree(tmp_path / "d")
    assert not (tmp_path / "d").exists()
