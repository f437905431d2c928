"""Server limits: query timeout (worker killed, server stays responsive), result cap, body size."""

from __future__ import annotations

import time

import httpx
import psutil
import pytest

from kg.server.app import Settings
from tests.kg.serving import running_server

TIMEOUT = 1.0
CAP = 50
BODY = 2000
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def limited(seeds_build):
    settings = Settings(
        build=seeds_build, timeout=TIMEOUT, max_results=CAP, max_body=BODY, workers=2
    )
    with running_server(settings) as served:
        yield served


def test_timeout_answers_503_and_kills_the_worker(limited):
    pool = limited.app.state.pool
    before = set(pool.pids())
    t0 = time.monotonic()
    r = httpx.post(f"{limited.base}/sparql", data={"query": ENDLESS}, timeout=30)
    elapsed = time.monotonic() - t0
    assert r.status_code == 503 and "timeout" in r.text
    assert elapsed < TIMEOUT + 5
    killed = before - set(pool.pids())
    assert len(killed) == 1
    pid = killed.pop()
    deadline = time.monotonic() + 10
    while _alive(pid):
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie, or a process reaped while asked, does not)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_server_stays_responsive_after_a_timeout(limited):
    httpx.post(f"{limited.base}/sparql", data={"query": ENDLESS}, timeout=30)
    r = httpx.get(f"{limited.base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_pool_recovers_its_size_after_timeouts(limited):
    httpx.post(f"{limited.base}/sparql", data={"query": ENDLESS}, timeout=30)
    pool = limited.app.state.pool
    deadline = time.monotonic() + 30
    while len(pool.pids()) < pool.size:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    r = httpx.get(f"{limited.base}/sparql", params={"query": "ASK {}"}, timeout=30)
    assert r.status_code == 200


def test_result_over_the_cap_is_refused(limited):
    r = httpx.get(f"{limited.base}/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert r.status_code == 422 and str(CAP) in r.text


def test_result_at_the_cap_is_served(limited):
    q = f"SELECT * {{ ?s ?p ?o }} LIMIT {CAP}"
    r = httpx.get(f"{limited.base}/sparql", params={"query": q})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == CAP


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": {"query": "ASK {} #" + "x" * BODY}},
        {
            "content": ("ASK {} #" + "x" * BODY).encode(),
            "headers": {"Content-Type": "application/sparql-query"},
        },
    ],
)
def test_body_over_the_limit_is_413(limited, kwargs):
    r = httpx.post(f"{limited.base}/sparql", **kwargs)
    assert r.status_code == 413


def test_body_under_the_limit_is_served(limited):
    r = httpx.post(f"{limited.base}/sparql", data={"query": "ASK {} #" + "x" * (BODY // 2)})
    assert r.status_code == 200
