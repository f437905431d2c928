"""A rebuild into the served directory (issue point 6): no error, new data served, no store lost.

Real server (uvicorn on loopback), real HTTP clients, a real ``kg build``
process into the directory it serves; worker processes killed for real.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import psutil
import pytest

from kg import atomic
from kg.build.remove import publish_extractions
from kg.builddir import STORE_LINK, STORES_DIR
from kg.server.app import Settings
from tests.kg.builds import fixture_extractions
from tests.kg.conftest import SEEDS
from tests.kg.serving import running_server

DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ck:Document }"
KG = str(Path(sys.executable).with_name("kg"))
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def documents(base: str) -> int:
    r = httpx.get(f"{base}/sparql", params={"query": DOCS}, timeout=60)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def wait_for(condition, seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.05)


class Clients:
    """Threads querying the server in a loop; every answer that is not 200 is kept."""

    def __init__(self, base: str, n: int = 4) -> None:
        self.base, self.stop, self.errors, self.answers = base, False, [], 0
        self.seen: set[int] = set()
        self.threads = [threading.Thread(target=self._loop) for _ in range(n)]

    def _loop(self) -> None:
        with httpx.Client(timeout=60) as client:
            while not self.stop:
                try:
                    r = client.get(f"{self.base}/sparql", params={"query": DOCS})
                except httpx.HTTPError as e:
                    self.errors.append(repr(e))
                    continue
                self.answers += 1
                if r.status_code != 200:
                    self.errors.append((r.status_code, r.text))
                else:
                    self.seen.add(int(r.json()["results"]["bindings"][0]["n"]["value"]))

    def __enter__(self) -> Clients:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop = True
        for t in self.threads:
            t.join(120)


def stores(out: Path) -> list[str]:
    return sorted(p.name for p in (out / STORES_DIR).iterdir() if p.is_dir())


@pytest.fixture
def seeds_copy(seeds_build: Path, tmp_path: Path) -> Path:
    out = tmp_path / "served"
    shutil.copytree(seeds_build, out, symlinks=True)
    return out


@pytest.fixture
def small_build(tmp_path: Path) -> Path:
    out = tmp_path / "small"
    publish_extractions(out, fixture_extractions()[:1])
    return out


def test_kg_build_into_the_served_directory_causes_no_error(seeds_copy, tmp_path):
    corpus = tmp_path / "three"
    corpus.mkdir()
    for f in sorted(SEEDS.iterdir())[:3]:
        shutil.copy(f, corpus)
    old = (seeds_copy / STORE_LINK).resolve()
    with running_server(Settings(build=seeds_copy)) as served:
        assert documents(served.base) == 5
        with Clients(served.base) as clients:
            done = subprocess.run(
                [KG, "build", str(corpus), "--out", str(seeds_copy)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert done.returncode == 0, done.stderr
            wait_for(lambda: documents(served.base) == 3, what="the new build served")
            wait_for(lambda: not old.exists(), what="the old store removed")
        assert clients.errors == []
        assert clients.answers > 0 and clients.seen <= {5, 3}
        assert served.app.state.pool.store == (seeds_copy / STORE_LINK).resolve()
    assert stores(seeds_copy) == [(seeds_copy / STORE_LINK).resolve().name]


def open_query(base: str, query: str) -> socket.socket:
    """Send ``query`` as a POST on a raw socket and leave the answer unread.

    The query runs until the caller closes the socket (the client goes away),
    however slow the machine: no timeout decides when it ends.
    """
    host, port = base.removeprefix("http://").split(":")
    body = urlencode({"query": query}).encode()
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    sock = socket.create_connection((host, int(port)), timeout=60)
    sock.sendall(head + body)
    return sock


def test_a_store_in_use_is_kept_until_its_query_ends(small_build):
    settings = Settings(build=small_build, timeout=600, slow_after=0.3)
    old = (small_build / STORE_LINK).resolve()
    with running_server(settings) as served:
        pool = served.app.state.pool
        sock = open_query(served.base, ENDLESS)
        try:
            wait_for(lambda: len(pool.pids("slow")) == 1, what="the long query in the slow lane")
            publish_extractions(small_build, fixture_extractions())
            wait_for(lambda: documents(served.base) == 2, what="the new build served")
            assert pool.busy("slow") == 1 and old.is_dir()  # the long query reads the old store
        finally:
            sock.close()  # the client goes: its query is stopped
        wait_for(lambda: not old.exists(), what="the old store removed")


@pytest.mark.parametrize("rebuilds", [1, 2])
def test_timeouts_after_rebuilds_leave_the_server_serving(small_build, rebuilds):
    settings = Settings(build=small_build, timeout=1, slow_after=0.3, workers=2)
    with running_server(settings) as served:
        pool = served.app.state.pool
        for i in range(rebuilds):
            publish_extractions(small_build, fixture_extractions()[: 2 - i % 2])
            expected = 2 - i % 2
            wait_for(lambda e=expected: documents(served.base) == e, what="the rebuild served")
        for _ in range(2):
            r = httpx.post(f"{served.base}/sparql", data={"query": ENDLESS}, timeout=60)
            assert r.status_code == 503
        wait_for(lambda: len(pool.pids("fast")) == pool.size, what="the fast lane full again")
        for _ in range(5):
            assert documents(served.base) == expected


def test_killed_workers_are_replaced(small_build):
    with running_server(Settings(build=small_build, workers=2)) as served:
        pool = served.app.state.pool
        before = pool.pids()
        for pid in before:
            os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not set(before) & set(pool.pids()), what="the dead workers noticed")
        assert documents(served.base) == 1  # the first query meets a dead worker or a new one
        wait_for(lambda: len(pool.pids("fast")) == pool.size, what="replacements started")
        wait_for(lambda: len(pool.pids("spare")) == pool.spares, what="spares started")
        assert all(psutil.Process(pid).is_running() for pid in pool.pids())


def test_a_published_store_that_does_not_open_leaves_the_old_one_served(small_build):
    bogus = small_build / STORES_DIR / "bogus"
    bogus.mkdir()
    (bogus / "CURRENT").write_text("not a store\n", encoding="utf-8")
    good = os.readlink(small_build / STORE_LINK)
    with running_server(Settings(build=small_build, watch=0.1)) as served:
        pool = served.app.state.pool
        atomic.swap_symlink(small_build / STORE_LINK, f"{STORES_DIR}/bogus")
        time.sleep(2)  # several looks at the link, each failing to open the store
        assert documents(served.base) == 1
        assert pool.store == (small_build / good).resolve()
        publish_extractions(small_build, fixture_extractions())  # a good build follows
        wait_for(lambda: documents(served.base) == 2, what="the good build served")


def test_a_worker_killed_while_idle_is_replaced_without_a_query(small_build):
    with running_server(Settings(build=small_build, workers=2)) as served:
        pool = served.app.state.pool
        wait_for(lambda: len(pool.pids("spare")) == pool.spares, what="spares started")
        victim = pool.pids("fast")[0]
        os.kill(victim, signal.SIGKILL)
        wait_for(
            lambda: victim not in pool.pids() and len(pool.pids("fast")) == pool.size,
            what="the fast lane full again, no query sent",
        )
