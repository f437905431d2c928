"""Load test: catalog clients, slow clients and a rebuild against a local ``kg serve``.

Loopback only and bounded (clients and seconds are capped). Each *catalog*
client loops over the saved queries (bound with parameters taken from the
build) and records latency and errors. Each *slow* client loops over one
query that runs until the server's timeout (a cartesian product), as a user
with a bad query would; its answers (503 expected) are reported apart. With
``--rebuild CORPUS``, ``kg build CORPUS --out BUILD`` runs into the served
directory during the load; a probe asks for the number of documents every
0.1 s and reports how long after the publication (the swap of the ``store``
link) the new build was answered, and the catalog figures during the rebuild.

With ``--out`` the server is started here as its own process (``kg serve``).
The clients share one event loop and speak HTTP/1.1 over keep-alive
connections through :class:`Connection` (a few lines over asyncio streams):
httpx spent about 5.7 ms of CPU per request, more than the server, on the
same two cores, and its cost showed in the latencies it measured.

Usage::

    python benchmarks/load_test.py --out seeds-build --clients 98 --slow 2 --seconds 30
    python benchmarks/load_test.py --out seeds-build --clients 98 --slow 2 --seconds 30 \\
        --rebuild corpus-4-docs
    python benchmarks/load_test.py --url http://127.0.0.1:7878 --clients 10 --seconds 3
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

MAX_CLIENTS = 200
MAX_SECONDS = 120
LOOPBACK = ("127.0.0.1", "localhost", "::1")
DOCS_QUERY = "SELECT ?id WHERE { ?d a ck:Document ; dcterms:identifier ?id } ORDER BY ?id LIMIT 2"
COUNT_DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ck:Document }"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} # slow client {}"
KG = Path(sys.executable).with_name("kg")


@dataclass
class LoadReport:
    """Outcome of a load run for one kind of client."""

    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    statuses: dict[int | str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    """When each request ended (``time.time()``), in the order of ``latencies_ms``."""
    codes: list[int | str] = field(default_factory=list)
    """The status of each request, in the same order."""
    reasons: dict[str, int] = field(default_factory=dict)
    """The first line of each error answer, counted."""
    slow: LoadReport | None = None
    rebuild: dict | None = None
    cpu: dict | None = None

    def record(self, status: int | str, started: float) -> None:
        now = time.perf_counter()
        self.latencies_ms.append((now - started) * 1000)
        self.times.append(time.time())
        self.codes.append(status)
        self.requests += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status != 200:
            self.errors += 1

    def percentile(self, p: float, latencies: list[float] | None = None) -> float:
        data = sorted(self.latencies_ms if latencies is None else latencies)
        if not data:
            return float("nan")
        k = min(len(data) - 1, max(0, round(p / 100 * (len(data) - 1))))
        return data[k]

    def window(self, start: float, end: float) -> dict:
        """Requests that ended between ``start`` and ``end`` (``time.time()``)."""
        picked = [
            (lat, t)
            for lat, t in zip(self.latencies_ms, self.times, strict=True)
            if start <= t <= end
        ]
        lat = [x for x, _ in picked]
        return {
            "requests": len(lat),
            "p50_ms": round(self.percentile(50, lat), 1),
            "p99_ms": round(self.percentile(99, lat), 1),
            "max_ms": round(max(lat, default=float("nan")), 1),
        }

    def summary(self) -> dict:
        out = {
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
        if self.reasons:
            out["error_answers"] = dict(sorted(self.reasons.items()))
        if self.slow is not None:
            out["slow_clients"] = {
                "clients": self.slow.clients,
                "requests": self.slow.requests,
                "statuses": {str(k): v for k, v in sorted(self.slow.statuses.items(), key=str)},
                "answers": dict(sorted(self.slow.reasons.items())),
            }
        if self.rebuild is not None:
            out["rebuild"] = self.rebuild
        if self.cpu is not None:
            out["cpu"] = self.cpu
        return out


class Connection:
    """One keep-alive HTTP/1.1 connection that POSTs forms (reconnects after a close)."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, fields: dict[str, str]) -> tuple[int, bytes]:
        """POST ``fields`` form-encoded to ``path``; return the status and the body."""
        body = urlencode(fields).encode("utf-8")
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Accept: application/sparql-results+json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode("ascii")
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        try:
            self.writer.write(head + body)
            await self.writer.drain()
            status = int((await self.reader.readline()).split(b" ", 2)[1])
            headers = {}
            while (line := await self.reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            if headers.get("transfer-encoding", "").lower() == "chunked":
                data = b""
                while size := int((await self.reader.readline()).strip() or b"0", 16):
                    data += await self.reader.readexactly(size + 2)
                    data = data[:-2]
                await self.reader.readline()
            else:
                data = await self.reader.readexactly(int(headers.get("content-length", 0)))
        except BaseException:
            self.close()
            raise
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def bound_queries(client: httpx.AsyncClient, base: str) -> list[str]:
    """Every saved query, bound with parameter values found in the served build."""

    async def first(q: str, default: str) -> str:
        r = await client.post(f"{base}/sparql", data={"query": q})
        rows = r.json()["results"]["bindings"]
        return next(iter(rows[0].values()))["value"] if rows else default

    ids_r = await client.post(f"{base}/sparql", data={"query": DOCS_QUERY})
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


async def count_documents(conn: Connection) -> int | None:
    try:
        status, body = await conn.post("/sparql", {"query": COUNT_DOCS})
        return (
            int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) if status == 200 else None
        )
    except (OSError, ValueError, KeyError, IndexError, asyncio.IncompleteReadError):
        return None


async def answer(conn: Connection, query: str, report: LoadReport) -> int | str:
    """The status of one query (an exception's name when the exchange failed)."""
    try:
        status, body = await conn.post("/sparql", {"query": query})
    except (OSError, ValueError, asyncio.IncompleteReadError) as e:
        return type(e).__name__
    if status == 200 and not body.startswith(b"{"):
        return "not JSON"
    if status != 200:
        reason = f"{status} " + body.decode("utf-8", "replace").split("\n")[0][:90]
        report.reasons[reason] = report.reasons.get(reason, 0) + 1
    return status


async def _rebuild(corpus: Path, out: Path, at: float, report: dict) -> None:
    """Run ``kg build CORPUS --out OUT`` after ``at`` seconds; note when it published."""
    await asyncio.sleep(at)
    before = os.lstat(out / "store").st_mtime
    report["started"] = time.time()
    proc = await asyncio.create_subprocess_exec(
        str(KG), "build", str(corpus), "--out", str(out),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await proc.communicate()
    report["ended"] = time.time()
    report["exit_code"] = proc.returncode
    report["build_seconds"] = round(report["ended"] - report["started"], 2)
    published = os.lstat(out / "store").st_mtime
    report["published"] = published if published != before else None
    if proc.returncode:
        report["stderr"] = err.decode("utf-8", "replace").strip().splitlines()[-3:]


async def run_load(
    base: str,
    clients: int,
    seconds: float,
    *,
    slow: int = 0,
    rebuild: tuple[Path, Path, float] | None = None,
) -> LoadReport:
    """Run ``clients`` catalog clients and ``slow`` slow clients for ``seconds`` against ``base``.

    ``rebuild`` is ``(corpus, build directory, seconds after the start)``: the
    served directory is rebuilt from ``corpus`` then (loopback only).
    """
    host = urlsplit(base).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"{base}: load tests run against loopback addresses only")
    clients = max(1, min(clients, MAX_CLIENTS))
    slow = max(0, min(slow, MAX_CLIENTS))
    seconds = max(0.1, min(seconds, MAX_SECONDS))
    async with httpx.AsyncClient(timeout=300) as client:
        queries = await bound_queries(client, base)
    first = Connection(base)
    initial = await count_documents(first)
    first.close()
    report = LoadReport(clients=clients, seconds=seconds)
    report.slow = LoadReport(clients=slow, seconds=seconds)
    t_end = time.perf_counter() + seconds

    async def catalog_client(i: int) -> None:
        conn, k = Connection(base), i
        while time.perf_counter() < t_end:
            q = queries[k % len(queries)]
            k += 1
            t0 = time.perf_counter()
            report.record(await answer(conn, q, report), t0)
        conn.close()

    async def slow_client(i: int) -> None:
        conn = Connection(base)
        while time.perf_counter() < t_end:
            t0 = time.perf_counter()
            report.slow.record(await answer(conn, SLOW_QUERY.format(i), report.slow), t0)
        conn.close()

    seen: dict[str, float] = {}

    async def probe() -> None:
        conn = Connection(base)
        while time.perf_counter() < t_end + 30 and "new" not in seen:
            n_docs = await count_documents(conn)
            if n_docs is not None and n_docs != initial:
                seen["new"] = time.time()
            await asyncio.sleep(0.1)
        conn.close()

    rebuilt: dict = {}
    tasks = [catalog_client(i) for i in range(clients)]
    tasks += [slow_client(i) for i in range(slow)]
    if rebuild is not None:
        corpus, out, at = rebuild
        tasks += [probe(), _rebuild(Path(corpus), Path(out), at, rebuilt)]
    t0 = time.perf_counter()
    await asyncio.gather(*tasks)
    report.seconds = time.perf_counter() - t0
    if rebuild is not None:
        report.rebuild = _rebuild_summary(report, rebuilt, seen, initial)
    return report


def _rebuild_summary(report: LoadReport, rebuilt: dict, seen: dict, initial: int | None) -> dict:
    published = rebuilt.get("published")
    out = {
        "exit_code": rebuilt.get("exit_code"),
        "build_seconds": rebuilt.get("build_seconds"),
        "documents_before": initial,
        "published_after_start_s": round(published - rebuilt["started"], 2) if published else None,
        "new_data_answered_after_publish_s": (
            round(seen["new"] - published, 2) if published and "new" in seen else None
        ),
        "catalog_during_rebuild": report.window(rebuilt["started"], rebuilt["ended"] + 5),
        "catalog_errors_during_rebuild": sum(
            1
            for t, status in zip(report.times, report.codes, strict=True)
            if rebuilt["started"] <= t <= rebuilt["ended"] + 5 and status != 200
        ),
    }
    if "stderr" in rebuilt:
        out["stderr"] = rebuilt["stderr"]
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CpuSampler:
    """CPU seconds used by a process tree (``kg serve`` and its workers), sampled every 0.5 s.

    Workers come and go (killed, moved to the slow lane, replaced), so each is
    sampled while it lives; its niceness tells the lane it ended in.
    """

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.seen: dict[int, tuple[float, float, int]] = {}  # pid -> (first, last cpu, nice)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        for p in [self.root, *self.root.children(recursive=True)]:
            try:
                cpu, nice = sum(p.cpu_times()[:2]), p.nice()
            except psutil.Error:
                continue
            first = self.seen.get(p.pid, (cpu, cpu, nice))[0]
            self.seen[p.pid] = (first, cpu, nice)

    def _run(self) -> None:
        while not self.stop.wait(0.5):
            self._sample()

    def __enter__(self) -> CpuSampler:
        self._sample()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sample()
        self.stop.set()
        self.thread.join()

    def summary(self) -> dict:
        main = self.seen.get(self.root.pid, (0.0, 0.0, 0))
        workers = sorted(
            ((round(last - first, 1), nice) for pid, (first, last, nice) in self.seen.items()
             if pid != self.root.pid),
            reverse=True,
        )  # fmt: skip
        own = os.times()
        return {
            "server_main_s": round(main[1] - main[0], 1),
            "workers_s_and_nice": workers,
            "client_s": round(own.user + own.system, 1),
        }


@contextlib.contextmanager
def kg_serve(out: Path, workers: int, extra: list[str]) -> Iterator[tuple[str, int]]:
    """``kg serve --out OUT`` as its own process on a free loopback port: (base URL, pid)."""
    port = free_port()
    args = [str(KG), "serve", "--out", str(out), "--port", str(port), "--quiet"]
    args += ["--workers", str(workers), *extra]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kg serve ended: {proc.stderr.read().strip()}")
            try:
                httpx.get(f"{base}/static/style.css", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("kg serve did not start") from None
                time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="Base URL of a running server (loopback).")
    parser.add_argument("--out", type=Path, help="Build to serve for the run (started here).")
    parser.add_argument("--clients", type=int, default=98, help="Catalog clients.")
    parser.add_argument("--slow", type=int, default=0, help="Clients sending a slow query.")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="Query workers (with --out).")
    parser.add_argument("--rebuild", type=Path, help="Corpus to rebuild --out from, under load.")
    parser.add_argument("--rebuild-at", type=float, default=10, help="Seconds into the run.")
    parser.add_argument("--cpu", action="store_true", help="Report CPU seconds by process.")
    parser.add_argument("serve_args", nargs="*", help="More kg serve options (after --).")
    args = parser.parse_args(argv)
    if args.rebuild and not args.out:
        parser.error("--rebuild needs --out")
    if args.url:
        report = asyncio.run(
            run_load(args.url.rstrip("/"), args.clients, args.seconds, slow=args.slow)
        )
    elif args.out:
        rebuild = (args.rebuild, args.out, args.rebuild_at) if args.rebuild else None
        with kg_serve(args.out, args.workers, args.serve_args) as (base, pid):
            sampler = CpuSampler(pid) if args.cpu else None
            with sampler or contextlib.nullcontext():
                report = asyncio.run(
                    run_load(base, args.clients, args.seconds, slow=args.slow, rebuild=rebuild)
                )
            if sampler is not None:
                report.cpu = sampler.summary()
    else:
        parser.error("give --url or --out")
    print(json.dumps(report.summary(), indent=1, ensure_ascii=False))
    ok = report.errors == 0
    if report.rebuild is not None:
        ok = ok and report.rebuild["exit_code"] == 0
        ok = ok and report.rebuild["new_data_answered_after_publish_s"] is not None
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
