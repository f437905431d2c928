"""No data lost on faults: a build killed mid-way leaves the previous one intact, and resumes.

A real ``kg build`` subprocess is signalled at a seeded point of its extraction
(after a seeded number of documents is cached); the previous build must still
open and hold the same bytes, no temporary file may survive a clean
interruption, and the next build must equal a clean build.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kg.build.run import build
from kg.graph.store import open_store
from tests.kg.conftest import output_bytes, write_articles

KG = str(Path(sys.executable).parent / "kg")
PREVIOUS_DOCS, NEXT_DOCS = 60, 260


def _store_quads(out: Path) -> list[str]:
    store = open_store(out)
    try:
        return sorted(str(q) for q in store)
    finally:
        del store


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The previous build (200 articles), its snapshot, and a clean build of the next input."""
    root = tmp_path_factory.mktemp("faults")
    (root / "v1").mkdir()
    (root / "v2").mkdir()
    write_articles(root / "v1" / "articles.jsonl", PREVIOUS_DOCS)
    write_articles(root / "v2" / "articles.jsonl", NEXT_DOCS)
    previous = root / "previous"
    build([root / "v1"], previous, progress=False, workers=1, views=False)
    snapshot = (output_bytes(previous), _store_quads(previous))
    clean = root / "clean"
    t0 = time.monotonic()  # the same command the tests interrupt, to time it
    proc = _start(root, clean, workers=1)
    _stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    return root, previous, snapshot, output_bytes(clean), time.monotonic() - t0


def _start(root: Path, out: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [KG, "build", str(root / "v2"), "--out", str(out), "-j", str(workers), "-q", "--no-views"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job
    )


def _cached(out: Path) -> int:
    """How many documents' N-Quads the build in ``out`` has cached so far."""
    return sum(1 for p in (out / "cache").iterdir() if p.suffix == ".nq")


def _leftovers(out: Path) -> list[str]:
    names = [p.name for d in (out, out / "cache") for p in d.iterdir()]
    temp = [n for n in names if n.startswith((".kg-tmp", ".kg-sort")) or n.endswith(".tmp")]
    stores = [p.name for p in (out / ".stores").iterdir()]
    return temp + (stores if len(stores) > 1 else [])


def _check_previous_intact(out: Path, snapshot) -> None:
    files, quads = snapshot
    assert output_bytes(out) == files
    assert _store_quads(out) == quads


def _check_next_build_equals_clean(root: Path, out: Path, clean: dict) -> None:
    report = build([root / "v2"], out, progress=False, workers=1, views=False)
    assert output_bytes(out) == clean
    assert report.documents == NEXT_DOCS
    assert _leftovers(out) == []


@pytest.mark.parametrize(
    ("sig", "seed", "workers"),
    [(signal.SIGINT, 1, 1), (signal.SIGTERM, 2, 1), (signal.SIGKILL, 3, 1), (signal.SIGINT, 4, 2)],
)
def test_killed_build_keeps_the_previous_one_and_resumes(builds, tmp_path, sig, seed, workers):
    root, previous, snapshot, clean, _seconds = builds
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    # at a seeded point of the extraction, counted in documents written to the cache
    # (not in seconds: a loaded or idle machine moves a timed signal out of the build)
    before = _cached(out)
    target = max(1, int(random.Random(seed).uniform(0.05, 0.9) * (NEXT_DOCS - PREVIOUS_DOCS)))
    proc = _start(root, out, workers=workers)
    parent = psutil.Process(proc.pid)
    while _cached(out) - before < target and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, f"build finished before the signal after {target} documents"
    children = parent.children(recursive=True)
    if sig == signal.SIGINT:  # Ctrl-C: the terminal signals the whole job
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _stdout, stderr = proc.communicate(timeout=60)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, stderr
        assert "Traceback" not in stderr  # nor from a worker
        assert _leftovers(out) == []
        assert psutil.wait_procs(children, timeout=20)[1] == []  # no process left behind
    _check_previous_intact(out, snapshot)
    _check_next_build_equals_clean(root, out, clean)


def test_killed_worker_fails_the_build_and_keeps_the_previous_one(builds, tmp_path):
    root, previous, snapshot, clean, _seconds = builds
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    proc = _start(root, out, workers=2)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 30
    workers: list[psutil.Process] = []
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        spawned = [c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]
        workers = sorted(spawned, key=lambda c: c.create_time())  # the pool's workers
    # Kill it soon after it starts (the extractor is fast: waiting seconds lets the build end).
    time.sleep(random.Random(5).uniform(0.2, 0.6))
    assert workers, "no worker process found"
    workers[0].kill()
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2, stderr
    assert "worker process died" in stderr and "Traceback" not in stderr
    _check_previous_intact(out, snapshot)
    _check_next_build_equals_clean(root, out, clean)


def test_killed_parent_leaves_no_worker_behind(builds, tmp_path):
    root, previous, _snapshot, _clean, _seconds = builds
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    proc = _start(root, out, workers=2)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 30
    while len(parent.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    children = parent.children(recursive=True)
    proc.kill()
    proc.communicate(timeout=30)
    _gone, alive = psutil.wait_procs(children, timeout=20)
    assert alive == []
