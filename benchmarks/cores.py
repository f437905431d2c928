"""How much faster this machine does two copies of a CPU-bound job at once than one alone.

Usage::

    .venv/bin/python benchmarks/cores.py [--chars 300000] [--repeat 3]

The job is what a build's worker does per document (``kg.build.worker.process_one``:
ingest, extraction, RDF, N-Quads) over the first articles of
``../shared/bench/school_site_articles.jsonl.gz`` up to ``--chars`` characters,
and, as a control that owes nothing to this project, plain ``jieba.lcut`` over
the same text. Each job runs in a spawned process that loads everything first
and then waits at a barrier, so start-up is not timed. For each job the script
times one process alone, then two processes doing the same work at the same
time, ``--repeat`` times alternated (medians), and reports:

* ``alone``: wall seconds of one process;
* ``two at once``: wall seconds until both processes are done, and the CPU
  seconds each one used;
* ``capacity``: twice the work in the time of two at once, against the work of
  one alone, ``2 * alone / two at once``. A machine with two independent cores
  gives 2.0; this is the ceiling of a 2-worker build's speedup over a 1-worker
  build that uses one core.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measure import machine
from throughput import load


def _job(kind: str, chars: int, barrier, results) -> None:
    docs = load(chars)
    if kind == "lcut":
        from extract.tokenize import tokenizer

        tok = tokenizer()
        tok.lcut("预热")

        def work() -> None:
            for _, text in docs:
                tok.lcut(text)

    else:
        from kg.build.worker import process_one, warm_up

        warm_up()
        data = [(name, text.encode("utf-8")) for name, text in docs]

        def work() -> None:
            for name, raw in data:
                process_one(name, raw)

    barrier.wait()
    w0, c0 = time.perf_counter(), time.process_time()
    work()
    results.put((time.perf_counter() - w0, time.process_time() - c0))


def run(kind: str, chars: int, copies: int) -> tuple[float, list[float]]:
    """Wall seconds until ``copies`` processes have each done the job, and their CPU seconds."""
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(copies + 1), ctx.Queue()
    procs = [ctx.Process(target=_job, args=(kind, chars, barrier, results)) for _ in range(copies)]
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    got = [results.get() for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    return wall, [cpu for _, cpu in got]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=300_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{machine()}; {args.chars} characters per process; medians of {args.repeat}")
    print("| job | alone s (CPU s) | two at once s (CPU s each) | capacity |")
    print("| --- | --- | --- | --- |")
    for kind in ("document", "lcut"):
        one, one_cpu, two, two_cpu = [], [], [], []
        for _ in range(args.repeat):
            wall, cpus = run(kind, args.chars, 1)
            one.append(wall)
            one_cpu.append(cpus[0])
            wall, cpus = run(kind, args.chars, 2)
            two.append(wall)
            two_cpu.extend(cpus)
        a, b = statistics.median(one), statistics.median(two)
        print(
            f"| {kind} | {a:.2f} ({statistics.median(one_cpu):.2f}) | "
            f"{b:.2f} ({statistics.median(two_cpu):.2f}) | {2 * a / b:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
