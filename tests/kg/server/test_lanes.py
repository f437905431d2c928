"""Slow queries, abandoned queries and overload (issue point 7), against the real server.

Long queries move to a low-priority slow lane of limited size, short ones keep
being answered; a query whose client goes away is stopped (its worker process
killed); overload is answered 503 with Retry-After at once.
"""

from __future__ import annotations

import threading
import time

import httpx
import psutil
import pytest

from kg.server.app import Settings
from tests.kg.serving import running_server

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} # {}"
SHORT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ck:Document }"


def wait_for(condition, seconds: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.05)


def post(base: str, query: str, timeout: float = 120) -> httpx.Response:
    return httpx.post(f"{base}/sparql", data={"query": query}, timeout=timeout)


class Background:
    """Requests sent from threads; their responses (or exceptions) kept in order of sending."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.results: dict[int, object] = {}

    def send(self, fn, *args) -> int:
        i = len(self.threads)

        def run() -> None:
            try:
                self.results[i] = fn(*args)
            except Exception as e:
                self.results[i] = e

        t = threading.Thread(target=run)
        self.threads.append(t)
        t.start()
        return i

    def running(self, i: int) -> bool:
        return self.threads[i].is_alive()

    def join(self) -> None:
        for t in self.threads:
            t.join(120)


@pytest.fixture(scope="module")
def lanes(seeds_build):
    settings = Settings(build=seeds_build, timeout=8, slow_after=0.3, slow_queries=2, workers=2)
    with running_server(settings) as served:
        yield served


def settle(served) -> None:
    """Wait until no query runs or waits and the fast lane is full."""
    pool = served.app.state.pool
    wait_for(
        lambda: pool.waiting() == 0 and pool.busy() == 0 and len(pool.pids("fast")) == pool.size,
        60,
        "the pool at rest",
    )


def test_short_queries_are_answered_while_two_long_ones_run(lanes):
    settle(lanes)
    pool = lanes.app.state.pool
    bg = Background()
    slow = [bg.send(post, lanes.base, ENDLESS.format(f"a{i}")) for i in range(2)]
    wait_for(lambda: pool.busy("slow") == 2, what="two queries in the slow lane")
    for _ in range(10):
        r = post(lanes.base, SHORT)
        assert r.status_code == 200
    assert all(bg.running(i) for i in slow)  # answered while the long ones still ran
    bg.join()
    assert all(bg.results[i].status_code == 503 for i in slow)  # they hit the timeout


def test_long_queries_run_at_the_lowest_priority(lanes):
    settle(lanes)
    pool = lanes.app.state.pool
    bg = Background()
    bg.send(post, lanes.base, ENDLESS.format("nice"))
    wait_for(lambda: pool.busy("slow") == 1, what="a query in the slow lane")
    assert {psutil.Process(p).nice() for p in pool.pids("slow")} == {19}
    assert {psutil.Process(p).nice() for p in pool.pids("fast")} == {0}
    bg.join()


def test_a_third_long_query_is_refused_with_retry_after(lanes):
    settle(lanes)
    pool = lanes.app.state.pool
    bg = Background()
    slow = [bg.send(post, lanes.base, ENDLESS.format(f"b{i}")) for i in range(2)]
    wait_for(lambda: pool.busy("slow") == 2, what="two queries in the slow lane")
    r = post(lanes.base, ENDLESS.format("b3"))
    assert r.status_code == 503 and "long-running" in r.text
    assert int(r.headers["retry-after"]) >= 1
    assert all(bg.running(i) for i in slow)
    bg.join()


def test_a_query_known_to_be_slow_is_refused_before_it_runs(lanes):
    settle(lanes)
    pool = lanes.app.state.pool
    bg = Background()
    queries = [ENDLESS.format(f"c{i}") for i in range(2)]
    for q in queries:
        bg.send(post, lanes.base, q)
    wait_for(lambda: pool.busy("slow") == 2, what="two queries in the slow lane")
    killed = pool.killed
    r = post(lanes.base, queries[0])  # the same text again: straight to the full slow lane
    assert r.status_code == 503 and "retry-after" in r.headers
    assert pool.killed == killed  # it never ran
    bg.join()


def test_a_query_is_stopped_when_its_client_goes_away(lanes):
    settle(lanes)
    pool = lanes.app.state.pool
    before, killed = set(pool.pids()), pool.killed
    with pytest.raises(httpx.TimeoutException):
        post(lanes.base, ENDLESS.format("gone"), timeout=0.5)
    wait_for(lambda: pool.killed == killed + 1, 10, "the abandoned query stopped")
    gone = before - set(pool.pids())
    assert len(gone) == 1
    pid = gone.pop()
    wait_for(lambda: not psutil.pid_exists(pid) or psutil.Process(pid).status() == "zombie")


def test_twenty_abandoned_queries_leave_the_server_usable(lanes):
    settle(lanes)
    pool = lanes.app.state.pool
    killed = pool.killed
    bg = Background()
    for i in range(20):
        bg.send(post, lanes.base, ENDLESS.format(f"d{i}"), 0.5)
    bg.join()
    # each client gave up, unless told at once that the slow lane was full
    assert all(
        isinstance(r, httpx.TimeoutException) or r.status_code == 503 for r in bg.results.values()
    )
    # every abandoned query that had started was stopped, none waits any more
    wait_for(lambda: pool.busy() == 0 and pool.waiting() == 0, 10, "nothing left running")
    assert pool.killed > killed
    assert post(lanes.base, SHORT).status_code == 200


def test_overload_is_answered_503_with_retry_after_at_once(seeds_build):
    settings = Settings(
        build=seeds_build,
        workers=1,
        timeout=6,
        slow_after=6,
        slow_queries=0,  # the long query keeps the only worker
        max_wait=30,
        max_queue=2,
    )
    with running_server(settings) as served:
        pool = served.app.state.pool
        bg = Background()
        hold = bg.send(post, served.base, ENDLESS.format("hold"))
        wait_for(lambda: pool.busy() == 1, what="the only worker busy")
        queued = [bg.send(post, served.base, SHORT) for _ in range(2)]
        wait_for(lambda: pool.waiting() == 2, what="two queries waiting")
        r = post(served.base, SHORT)
        assert r.status_code == 503 and "overloaded" in r.text
        assert int(r.headers["retry-after"]) >= 1
        assert bg.running(hold) and all(bg.running(i) for i in queued)  # at once
        bg.join()
        assert [bg.results[i].status_code for i in queued] == [200, 200]


def test_too_many_requests_in_flight_are_answered_503_at_once(seeds_build):
    settings = Settings(
        build=seeds_build, workers=1, timeout=5, slow_after=5, slow_queries=0, max_inflight=2
    )
    with running_server(settings) as served:
        bg = Background()
        pool = served.app.state.pool
        bg.send(post, served.base, ENDLESS.format("inflight"))
        wait_for(lambda: pool.busy() == 1, what="the only worker busy")
        bg.send(post, served.base, SHORT)
        wait_for(lambda: pool.waiting() == 1, what="a query waiting")
        r = httpx.get(f"{served.base}/catalog")
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        bg.join()
        assert httpx.get(f"{served.base}/catalog").status_code == 200
