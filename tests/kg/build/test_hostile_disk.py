"""A disk that refuses writes while a build publishes: the previous build stays whole.

A real ``kg build`` runs with a file-size limit (RLIMIT_FSIZE): the kernel
then fails its writes past the limit, as a full disk would (EFBIG instead of
ENOSPC; the build handles every OS error the same way).
"""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from kg.build.run import build
from tests.kg.conftest import SEEDS, output_bytes
from tests.kg.hostile_run import GOOD, kg_build

CACHE_FITS = 2 * 1024 * 1024
"""Larger than any seed document's cached N-Quads, smaller than their graph.nq."""


def _file_size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.fixture
def previous(tmp_path) -> Path:
    """A published one-document build (with views) to rebuild over."""
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "v1"], out, progress=False, views=True)
    return out


def test_write_failure_while_publishing_is_one_line_exit_2(tmp_path, previous):
    before = output_bytes(previous)
    store = (previous / "store").resolve()
    run = kg_build(SEEDS, "--out", previous, preexec=_file_size_limit(CACHE_FITS))
    assert run.code == 2, run.err
    assert len(run.err) == 1 and run.err[0].startswith("kg: error: "), run.err
    assert "previous build is intact" in run.err[0]
    assert output_bytes(previous) == before
    assert (previous / "store").resolve() == store


def test_views_that_cannot_be_written_leave_a_published_build_and_a_warning(tmp_path, previous):
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "other.txt").write_text(GOOD.replace("督导组", "县委"), encoding="utf-8")
    (previous / "report.html").unlink()
    (previous / "report.html").mkdir()  # renaming the new report over it fails after the commit
    run = kg_build(tmp_path / "v2", "--out", previous, views=True)
    assert run.code == 1, run.err
    (warning,) = run.warnings
    assert "views not written" in warning and "report.html" in warning
    assert '"other.txt"' in (previous / "manifest.json").read_text(encoding="utf-8")
    assert not (previous / "graph.html").exists()


def test_an_output_folder_that_cannot_be_made_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    run = kg_build(tmp_path / "in", "--out", blocker / "out")
    assert run.code == 2, run.err
    assert len(run.err) == 1 and run.err[0].startswith("kg: error: "), run.err
