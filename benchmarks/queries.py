"""Time every saved SPARQL query and the graph commands on a build, as an analyst runs them.

Usage::

    .venv/bin/python benchmarks/queries.py --out BUILD_DIR [--runs 3]

For each query of the catalog (``kg/sparql/catalog``), bound with parameter
values taken from the build (``--param`` overrides them): the median time of
:func:`kg.sparql.query.execute` in this process (all rows read) and the median
wall time of the whole ``kg query --name ... --format json`` command. Then
the wall time of ``kg who``, ``kg deps`` and ``kg chain`` commands. Goal on the
12k build (``school_site_articles.jsonl.gz``): every one under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measure import KG, machine

from kg.graph.store import count_quads, open_read_only, store_path
from kg.sparql import catalog
from kg.sparql.query import execute

COMMANDS = (
    ("who", "党委"),
    ("who", "党员"),
    ("who", "各级党组织"),
    ("deps", "整改提高"),
    ("deps", "转段"),
    ("chain",),
    ("chain", "--transitions"),
)


def param_values(store) -> dict[str, str]:
    """Parameter values found in the build: the first two documents, a requirement..."""
    docs = execute(
        store,
        "SELECT ?id WHERE { ?d a ck:Document ; dcterms:identifier ?id } ORDER BY ?id LIMIT 2",
    ).rows
    req = execute(store, "SELECT ?r WHERE { ?r a ck:Requirement } ORDER BY ?r LIMIT 1").rows
    return {
        "actor": "党委",
        "step": "转段",
        "iri": req[0][0].value if req else "urn:x:none",
        "document": docs[0][0].value,
        "other": docs[-1][0].value,
    }


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="The build directory.")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--param", action="append", default=[], help="NAME=VALUE override.")
    args = ap.parse_args()
    store = open_read_only(store_path(args.out))
    values = param_values(store) | catalog.parse_params(args.param)
    print(f"{machine()}; build {args.out} ({count_quads(store)} quads)")
    print("| query | rows | in-process median ms | `kg query` wall median s |")
    print("| --- | --- | --- | --- |")
    for name, entry in sorted(catalog.load_catalog().items()):
        bound = {p.name: values[p.name] for p in entry.params}
        text = catalog.bind(entry, bound)
        times, rows = [], 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            rows = len(execute(store, text))
            times.append(time.perf_counter() - t0)
        cmd = [KG, "query", "--name", name, "--out", str(args.out), "--format", "json"]
        for k, v in bound.items():
            cmd += ["--param", f"{k}={v}"]
        secs = wall(cmd, args.runs)
        print(
            f"| {name} | {rows} | {statistics.median(times) * 1000:.1f} | {secs:.2f} |", flush=True
        )
    del store
    print()
    print("| command | wall median s |")
    print("| --- | --- |")
    for cmd in COMMANDS:
        secs = wall([KG, *cmd, "--out", str(args.out), "--format", "json"], args.runs)
        print(f"| kg {' '.join(cmd)} | {secs:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
