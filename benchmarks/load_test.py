"""Load test: concurrent clients running saved queries against a local ``kg serve``.

Loopback only and bounded (clients and seconds are capped). Each client loops
over the saved queries (bound with parameters taken from the build) for the
given duration and records latency and errors.

Usage::

    python benchmarks/load_test.py --out seeds-build --clients 100 --seconds 30
    python benchmarks/load_test.py --url http://127.0.0.1:7878 --clients 10 --seconds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

MAX_CLIENTS = 200
MAX_SECONDS = 120
LOOPBACK = ("127.0.0.1", "localhost", "::1")
DOCS_QUERY = "SELECT ?id WHERE { ?d a ck:Document ; dcterms:identifier ?id } ORDER BY ?id LIMIT 2"


@dataclass
class LoadReport:
    """Outcome of a load run."""

    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    statuses: dict[int | str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        data = sorted(self.latencies_ms)
        k = min(len(data) - 1, max(0, round(p / 100 * (len(data) - 1))))
        return data[k]

    def summary(self) -> dict:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items(), key=str)},
            "throughput_rps": round(self.requests / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(self.percentile(50), 1),
            "p90_ms": round(self.percentile(90), 1),
            "p99_ms": round(self.percentile(99), 1),
            "max_ms": round(max(self.latencies_ms, default=float("nan")), 1),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 1) if self.latencies_ms else None,
        }


async def bound_queries(client: httpx.AsyncClient, base: str) -> list[str]:
    """Every saved query, bound with parameter values found in the served build."""

    async def first(q: str, default: str) -> str:
        r = await client.post(f"{base}/sparql", data={"query": q})
        rows = r.json()["results"]["bindings"]
        return next(iter(rows[0].values()))["value"] if rows else default

    ids_r = await client.post(
        f"{base}/sparql",
        data={"query": DOCS_QUERY},
    )
    ids = [b["id"]["value"] for b in ids_r.json()["results"]["bindings"]] or ["x", "y"]
    values = {
        "actor": await first("SELECT ?l WHERE { ?a a ck:Actor ; rdfs:label ?l } LIMIT 1", "党委"),
        "step": await first("SELECT ?l WHERE { ?a a ck:Step ; rdfs:label ?l } LIMIT 1", "转段"),
        "iri": await first(
            "SELECT ?r WHERE { ?r a ck:Requirement } LIMIT 1", "https://w3id.org/campaign-kg/id/x"
        ),
        "document": ids[0],
        "other": ids[-1],
    }
    catalog = (await client.get(f"{base}/catalog")).json()["queries"]
    out = []
    for entry in catalog:
        params = {p["name"]: values[p["name"]] for p in entry["params"]}
        r = await client.get(f"{base}/catalog/{entry['name']}/query", params=params)
        r.raise_for_status()
        out.append(r.text)
    return out


async def run_load(base: str, clients: int, seconds: float) -> LoadReport:
    """Run ``clients`` concurrent clients for ``seconds`` against ``base`` (loopback only)."""
    host = urlsplit(base).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"{base}: load tests run against loopback addresses only")
    clients = max(1, min(clients, MAX_CLIENTS))
    seconds = max(0.1, min(seconds, MAX_SECONDS))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        queries = await bound_queries(client, base)
        report = LoadReport(clients=clients, seconds=seconds)
        t_end = time.perf_counter() + seconds

        async def one(i: int) -> None:
            k = i
            while time.perf_counter() < t_end:
                q = queries[k % len(queries)]
                k += 1
                t0 = time.perf_counter()
                try:
                    r = await client.post(
                        f"{base}/sparql",
                        data={"query": q},
                        headers={"Accept": "application/sparql-results+json"},
                    )
                    status = r.status_code
                except httpx.HTTPError as e:  # counted by exception name
                    status = type(e).__name__
                report.latencies_ms.append((time.perf_counter() - t0) * 1000)
                report.requests += 1
                report.statuses[status] = report.statuses.get(status, 0) + 1
                if status != 200:
                    report.errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(clients)))
        report.seconds = time.perf_counter() - t0
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="Base URL of a running server (loopback).")
    parser.add_argument("--out", type=Path, help="Build to serve for the run (started here).")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="Query workers (with --out).")
    args = parser.parse_args(argv)
    if args.url:
        report = asyncio.run(run_load(args.url.rstrip("/"), args.clients, args.seconds))
    elif args.out:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from kg.server.app import Settings
        from tests.kg.serving import running_server

        with running_server(Settings(build=args.out, workers=args.workers)) as served:
            report = asyncio.run(run_load(served.base, args.clients, args.seconds))
    else:
        parser.error("give --url or --out")
    print(json.dumps(report.summary(), indent=1))
    return 0 if report.errors == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
