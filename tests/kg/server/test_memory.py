"""A memory cap per query (issue point 8): the worker's address space is limited; over it, 422.

The reproductions of the issue, against the real server: a 1.5 KB query that
doubles a string 26 times (3.2 GB uncapped) and ORDER BY over a cartesian
product (5.6 GB in 10 s uncapped).
"""

from __future__ import annotations

import httpx
import psutil
import pytest

from kg.server.app import Settings
from tests.kg.serving import running_server

CAP_MB = 256
DOUBLING = (
    'SELECT (STRLEN(?s26) AS ?n) WHERE { BIND("0123456789abcdef" AS ?s0) '
    + " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(26))
    + " }"
)
CARTESIAN_ORDER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


@pytest.fixture(scope="module")
def capped(seeds_build):
    settings = Settings(build=seeds_build, max_memory=CAP_MB, timeout=60, slow_after=60)
    with running_server(settings) as served:
        yield served


def address_space_limit(pid: int) -> int:
    soft, _ = psutil.Process(pid).rlimit(psutil.RLIMIT_AS)
    return soft


def test_every_worker_has_its_address_space_capped(capped):
    pool = capped.app.state.pool
    for pid in pool.pids():
        limit = address_space_limit(pid)
        mapped = psutil.Process(pid).memory_info().vms
        assert limit != psutil.RLIM_INFINITY
        assert 0 < limit - mapped <= CAP_MB * 1024 * 1024


@pytest.mark.parametrize("query", [DOUBLING, CARTESIAN_ORDER], ids=["concat", "order-by"])
def test_a_query_over_the_cap_is_stopped_with_422(capped, query):
    assert len(DOUBLING) < 1600
    r = httpx.post(f"{capped.base}/sparql", data={"query": query}, timeout=120)
    assert r.status_code == 422
    assert "memory" in r.text and f"{CAP_MB} MB" in r.text


def test_the_server_answers_after_a_query_over_the_cap(capped):
    pool = capped.app.state.pool
    httpx.post(f"{capped.base}/sparql", data={"query": DOUBLING}, timeout=120)
    r = httpx.get(f"{capped.base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
    assert r.status_code == 200 and r.json()["boolean"] is True
    assert len(pool.pids("fast")) <= pool.size


def test_a_query_under_the_cap_is_answered(capped):
    q = (
        'SELECT (STRLEN(?s10) AS ?n) WHERE { BIND("0123456789abcdef" AS ?s0) '
        + " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(10))
        + " }"
    )
    r = httpx.post(f"{capped.base}/sparql", data={"query": q}, timeout=60)
    assert r.status_code == 200
    assert r.json()["results"]["bindings"][0]["n"]["value"] == str(16 * 2**10)
