"""Leases on published stores, with real reader processes: a leased store is never removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg import atomic
from kg.builddir import STORE_LINK, STORES_DIR
from kg.graph import leases
from kg.graph.store import StoreError

HOLDER = """
import sys, time
from kg.graph.leases import take
lease = take(sys.argv[1])
print("held", flush=True)
time.sleep(600)
"""


@pytest.fixture
def stores(tmp_path: Path) -> Path:
    d = tmp_path / STORES_DIR
    for name in ("a", "b", "c"):
        (d / name).mkdir(parents=True)
        (d / name / "data").write_text(name, encoding="utf-8")
    return d


def hold_in_child(store: Path) -> subprocess.Popen:
    """A separate process holding a lease on ``store`` until it is killed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_store_leased_by_another_process_is_kept(stores):
    holder = hold_in_child(stores / "a")
    try:
        assert leases.remove_unused(stores / "a") is False
        assert (stores / "a" / "data").read_text(encoding="utf-8") == "a"
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_lets_the_store_go(stores):
    holder = hold_in_child(stores / "a")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert leases.remove_unused(stores / "a") is True
    assert not (stores / "a").exists()
    assert not leases.lease_file(stores / "a").exists()


def test_collect_keeps_the_new_store_and_the_leased_one(stores):
    holder = hold_in_child(stores / "b")
    try:
        assert leases.collect(stores, keep={"c"}) == ["b"]
        assert sorted(p.name for p in stores.iterdir() if p.is_dir()) == ["b", "c"]
    finally:
        holder.kill()
        holder.wait()
    assert leases.collect(stores, keep={"c"}) == []
    assert sorted(p.name for p in stores.iterdir()) == ["c"]


def test_collect_removes_lease_files_left_without_their_store(stores):
    leases.lease_file(stores / "gone").write_text("", encoding="utf-8")
    leases.collect(stores, keep={"a", "b", "c"})
    assert not leases.lease_file(stores / "gone").exists()


def test_a_removed_store_cannot_be_leased(stores):
    assert leases.remove_unused(stores / "a")
    with pytest.raises(leases.StoreGone):
        leases.take(stores / "a")


def test_take_current_follows_the_link(stores):
    build = stores.parent
    atomic.swap_symlink(build / STORE_LINK, f"{STORES_DIR}/b")
    with leases.take_current(build) as lease:
        assert lease.store_dir == (stores / "b").resolve()
        assert leases.remove_unused(stores / "b") is False
    assert lease.held is False


def test_take_current_without_a_build_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no build found"):
        leases.take_current(tmp_path)


def test_a_rebuild_keeps_the_store_a_reader_holds(tmp_path):
    from kg.build.remove import publish_extractions
    from tests.kg.builds import fixture_extractions

    out = tmp_path / "out"
    publish_extractions(out, fixture_extractions()[:1])
    served = (out / STORE_LINK).resolve()
    holder = hold_in_child(served)
    try:
        publish_extractions(out, fixture_extractions())
        assert (out / STORE_LINK).resolve() != served
        assert served.is_dir()  # still there for the reader
    finally:
        holder.kill()
        holder.wait()
    publish_extractions(out, fixture_extractions()[:1])  # the next build removes it
    assert not served.exists()
    assert len([p for p in (out / STORES_DIR).iterdir() if p.is_dir()]) == 1
