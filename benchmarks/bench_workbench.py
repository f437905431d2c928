"""Latency of the workbench's pages (``kg serve``) on a build: target under 1 s each.

Serves the build on loopback (the real uvicorn server, in this process),
makes its index first (timed: a one-off per build), then requests each page
``--runs`` times and prints the median and the worst, with the row counts the
tables report. Pages: the documents list, a reader, the requirements table
(no filter, two facets, a Chinese search, its CSV download), the actors
table, an actor page, and the explore page, its overview (computed once per
build: the worst run is the first), search and expansion.

Usage::

    .venv/bin/python benchmarks/bench_workbench.py --out BUILD [--runs 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.address import actor_href, doc_href  # noqa: E402
from kg.server.app import Settings  # noqa: E402
from kg.server.workbench.index import index_path, open_index  # noqa: E402
from tests.kg.serving import running_server  # noqa: E402


def _timed(client: httpx.Client, url: str, runs: int) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t)
        if r.status_code != 200:
            raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:200]}")
        size = len(r.content)
    return statistics.median(times), max(times), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="the build directory")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    fresh = not index_path(args.out).exists()
    t = time.perf_counter()
    db = open_index(args.out)
    made = time.perf_counter() - t
    counts = {
        name: db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
        for name in ("documents", "requirements", "actors", "times", "relations")
    }
    print(f"index: {'made in' if fresh else 'already there, opened in'} {made:.1f} s; {counts}")
    doc = db.execute(
        "SELECT document FROM requirements GROUP BY document ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    actor = db.execute(
        "SELECT actor FROM requirement_actors GROUP BY actor ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    stage, modality = db.execute(
        "SELECT stage, modality FROM requirements WHERE stage != '' "
        "GROUP BY 1, 2 ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    two = f"modality={modality}&stage={quote(stage)}"
    pages = [
        ("documents list", "/documents"),
        ("reader (most requirements)", doc_href(doc)),
        ("requirements, no filter", "/table/requirements"),
        ("requirements, 2 facets", f"/table/requirements?{two}"),
        ("requirements, search 学习", "/table/requirements?q=" + quote("学习")),
        ("requirements, page 20", "/table/requirements?page=20"),
        ("requirements CSV, 2 facets", f"/table/requirements?{two}&format=csv"),
        ("actors table", "/table/actors"),
        ("actor page (most duties)", actor_href(actor)),
        ("explore page", "/explore"),
        ("explore overview (first: computed)", "/explore/overview"),
        ("explore search 党委", "/explore/search?q=" + quote("党委")),
        ("explore expand", "/explore/node?iri=" + quote(actor, safe="")),
    ]
    with (
        running_server(Settings(build=args.out, workers=1)) as served,
        httpx.Client(timeout=300) as client,  # one connection, kept alive, as a browser does
    ):
        print(f"{'page':30s} {'median':>8s} {'worst':>8s} {'bytes':>9s}  rows")
        for name, path in pages:
            median, worst, size = _timed(client, served.base + path, args.runs)
            total = ""
            if path.startswith("/table/") and "format=" not in path:
                body = client.get(served.base + path).text
                m = re.search(r'<span id="total">(\d+)</span>', body)
                total = m.group(1) if m else ""
            print(f"{name:30s} {median * 1000:6.0f}ms {worst * 1000:6.0f}ms {size:9d}  {total}")


if __name__ == "__main__":
    main()
