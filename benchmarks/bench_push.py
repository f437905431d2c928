"""Load throughput of ``kg push`` into a private Virtuoso, on a build of >= 1 M triples.

The build is made from real text: the article bodies of
``../shared/bench/school_site_articles.jsonl.gz``, then the two report
collections beside it, then (to pass 1 M) school articles again under new
names; each extracted and
serialized with :func:`kg.build.worker.process_document` and published with
:func:`kg.build.publish.publish`, exactly as ``kg build`` would for files.

Usage::

    .venv/bin/python benchmarks/bench_push.py                       # build + push
    .venv/bin/python benchmarks/bench_push.py --out /tmp/bench-build  # reuse that build

Prints the build size and, for two pushes (the second replaces every graph),
the seconds and triples per second of loading, then of the size check.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for tests.kg.virtuoso
BENCH = REPO / ".." / "shared" / "bench"
SOURCES = (
    ("school", "school_site_articles.jsonl.gz"),
    ("gov", "government_work_reports.jsonl"),
    ("cpc", "cpc_congress_reports.jsonl"),
)


def records() -> Iterator[tuple[str, str]]:
    """(document name, text) of every benchmark record, in file order.

    All three files give about 986 k quads; to pass 1 M, the school articles
    then come again under new names (``again-...``): real text, repeated.
    """
    for prefix, file in (*SOURCES, ("again-school", SOURCES[0][1])):
        path = BENCH / file
        opener = gzip.open if file.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                rec = json.loads(line)
                key = str(rec.get("id") or i)
                text = "\n".join(x for x in (rec.get("title"), rec.get("content")) if x)
                yield f"{prefix}-{key}.txt", text


def make_build(out: Path, target: int) -> int:
    """Extract records until ``target`` quads, publish them into ``out``; return the quads."""
    from kg.build.publish import publish
    from kg.build.remove import cache_entry
    from kg.build.worker import process_document

    entries: dict[str, dict] = {}
    quads = 0
    t0 = time.perf_counter()
    for name, text in records():
        nquads = process_document(name, text.encode("utf-8"))
        entries[name] = cache_entry(out, name, nquads)
        quads += nquads.count("\n")
        if quads >= target:
            break
    t1 = time.perf_counter()
    publish(out, entries, views=False)
    print(
        f"build: {len(entries)} documents, {quads} quads; extract {t1 - t0:.1f} s, "
        f"publish {time.perf_counter() - t1:.1f} s",
        flush=True,
    )
    return quads


def single_graph(out: Path, server, batch: int) -> None:
    """Send the union of the build (``graph.ttl``'s triples) into one graph; print the rate."""
    import httpx
    import pyoxigraph as ox

    from kg.export.push import CONTENT_TYPE, batches
    from kg.export.rdf import load_triples
    from kg.graph import iri

    t0 = time.perf_counter()
    data = ox.serialize([ox.Triple(*t) for t in load_triples(out)], format=ox.RdfFormat.N_TRIPLES)
    lines = data.decode("utf-8").splitlines(keepends=True)
    t1 = time.perf_counter()
    auth = httpx.DigestAuth(server.user, server.password)
    graph = str(iri.graph_iri("bench-union.txt"))
    with httpx.Client(auth=auth, timeout=600) as client:
        for i, chunk in enumerate(batches(lines, batch)):
            r = client.request(
                "PUT" if i == 0 else "POST",
                server.graph_store,
                params={"graph": graph},
                content="".join(chunk).encode("utf-8"),
                headers={"Content-Type": CONTENT_TYPE},
            )
            r.raise_for_status()
    t2 = time.perf_counter()
    print(
        f"single graph: {len(lines)} triples read in {t1 - t0:.1f} s, sent in {t2 - t1:.1f} s "
        f"= {len(lines) / (t2 - t1):,.0f} triples/s",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=None, help="build folder (reused if it exists)")
    p.add_argument("--target", type=int, default=1_000_000, help="quads in the build")
    p.add_argument("--batch-triples", type=int, default=50_000)
    p.add_argument("--jobs", type=int, default=4, help="graphs sent at once")
    p.add_argument(
        "--single-graph",
        action="store_true",
        help="reference only: send the union as one graph in batches (not what kg push does)",
    )
    p.add_argument("--buffers", type=int, default=100_000, help="Virtuoso NumberOfBuffers")
    args = p.parse_args(argv)

    import tempfile

    from kg.builddir import Manifest
    from kg.export.push import graph_sizes, push
    from tests.kg.virtuoso import LocalVirtuoso

    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-push-"))
    if not (out / "manifest.json").exists():
        make_build(out, args.target)
    docs = Manifest.read(out).documents
    total = sum(1 for _ in (out / "graph.nq").open(encoding="utf-8"))
    print(f"build {out}: {len(docs)} documents, {total} quads in graph.nq", flush=True)

    import httpx

    with LocalVirtuoso(buffers=args.buffers) as server:
        if args.single_graph:
            single_graph(out, server, args.batch_triples)
            return 0
        for run in (1, 2):
            report = push(
                out,
                server.sparql,
                graph_store=server.graph_store,
                user=server.user,
                password=server.password,
                batch_triples=args.batch_triples,
                jobs=args.jobs,
                verify=False,
            )
            print(
                f"push {run} (jobs {args.jobs}): {report.triples} triples, {report.graphs} "
                f"graphs, {report.requests} requests in {report.seconds:.1f} s = "
                f"{report.rate:,.0f} triples/s",
                flush=True,
            )
            t0 = time.perf_counter()
            with httpx.Client(timeout=600) as client:
                held = graph_sizes(client, server.sparql, sorted(report.sent))
            lost = sorted(g for g, n in report.sent.items() if held[g] != n)
            print(
                f"  size check {time.perf_counter() - t0:.1f} s; "
                f"graphs with a different size on the server: {len(lost)}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
