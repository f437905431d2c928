"""The projection child of a parallel publish: its answer, its errors, its death."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.build import publish as publish_module
from kg.build.run import build
from kg.nx.cache import cache_path
from tests.kg.conftest import SEEDS


def dies(out: Path, store_dir: Path, nquads: Path) -> float:
    os._exit(3)


def fails(out: Path, store_dir: Path, nquads: Path) -> float:
    raise ValueError(f"cannot project {nquads.name}")


def answers(out: Path, store_dir: Path, nquads: Path) -> float:
    return 1.5


def sleeps(out: Path, store_dir: Path, nquads: Path) -> float:
    time.sleep(60)
    return 60.0


@pytest.mark.parametrize(
    ("target", "raises", "message"),
    [
        (dies, publish_module.ChildLost, "exit code 3"),
        (fails, ValueError, "cannot project graph.nq"),
    ],
)
def test_child_errors_reach_the_parent(tmp_path, target, raises, message):
    child = publish_module.ChildProjection(target)
    child.submit(tmp_path, tmp_path, tmp_path / "graph.nq")
    with pytest.raises(raises, match=message):
        child.wait()


def test_child_answer_is_its_seconds(tmp_path):
    child = publish_module.ChildProjection(answers)
    child.submit(tmp_path, tmp_path, tmp_path / "graph.nq")
    assert child.wait() == 1.5


def _recording(wait, calls: list):
    def recorded(self):
        calls.append(self)
        return wait(self)

    return recorded


def test_stopped_child_is_gone_at_once(tmp_path):
    child = publish_module.ChildProjection(sleeps)
    child.submit(tmp_path, tmp_path, tmp_path / "graph.nq")
    t0 = time.monotonic()
    child.stop()
    assert not child.proc.is_alive()
    assert time.monotonic() - t0 < 10


def test_child_without_a_job_ends_when_the_parent_lets_go():
    child = publish_module.ChildProjection(answers)
    child.conn.close()  # as when the parent process ends
    child.proc.join(30)
    assert child.proc.exitcode == 0


@pytest.mark.parametrize("corpus", ["empty", "seeds"])
def test_build_leaves_no_projection_process_behind(tmp_path, corpus):
    """Started with the workers; stopped when not needed (small build) or when the build fails."""
    import multiprocessing

    from kg.errors import BuildError

    folder = SEEDS if corpus == "seeds" else tmp_path / "empty"
    folder.mkdir(exist_ok=True)
    try:
        build([folder], tmp_path / "out", progress=False, workers=2, views=False)
    except BuildError:
        assert corpus == "empty"
    assert multiprocessing.active_children() == []


class DyingChild(publish_module.ChildProjection):
    def __init__(self):
        super().__init__(dies)


def test_lost_child_is_replaced_by_the_projection_made_here(tmp_path, monkeypatch, seeds_build):
    monkeypatch.setattr(publish_module, "ChildProjection", DyingChild)
    monkeypatch.setattr(publish_module, "PARALLEL_PROJECTION_MIN_QUADS", 0)
    started = []
    monkeypatch.setattr(DyingChild, "wait", _recording(DyingChild.wait, started))
    report = build([SEEDS], tmp_path / "out", progress=False, workers=2, views=False)
    assert started, "the child was never started"
    assert "projection" in report.phases and "projection_parallel" not in report.phases
    assert cache_path(tmp_path / "out").read_bytes() == cache_path(seeds_build).read_bytes()


def test_projection_process_dead_before_its_job_is_replaced_here(
    tmp_path, monkeypatch, seeds_build
):
    import kg.build.run as build_module

    def dead() -> publish_module.ChildProjection:
        child = publish_module.ChildProjection(answers)
        child.proc.kill()  # e.g. killed during extraction
        child.proc.join()
        return child

    monkeypatch.setattr(build_module, "start_projection", dead)
    monkeypatch.setattr(publish_module, "PARALLEL_PROJECTION_MIN_QUADS", 0)
    report = build([SEEDS], tmp_path / "out", progress=False, workers=2, views=False)
    assert "projection" in report.phases and "projection_parallel" not in report.phases
    assert cache_path(tmp_path / "out").read_bytes() == cache_path(seeds_build).read_bytes()
