"""CPU seconds of each process of one ``kg build``: where a parallel build's CPU goes.

Usage::

    .venv/bin/python benchmarks/cpu_by_process.py [--factor 100] [--workers 2]

Builds the first articles of ``../shared/bench/school_site_articles.jsonl.gz`` up
to ``factor`` times the seeds' characters (as ``scaling.py speedup`` does) with
``kg build`` into a temporary folder and samples, every 0.1 s, the
user and system CPU seconds of the main process and of each child (workers,
the resource tracker), keeping the last sample of each; the last tenth of a
second of each process is therefore missed. Processes are listed in start order.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import KG, article_slice, machine, seed_chars


def sample(cmd: list[str]) -> tuple[float, dict[int, tuple[float, str, float, float]]]:
    """Wall seconds and, per pid, (start time, command line, user s, system s)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    last: dict[int, tuple[float, str, float, float]] = {}
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
        except psutil.Error:
            break
        for p in procs:
            try:
                t = p.cpu_times()
                last[p.pid] = (p.create_time(), " ".join(p.cmdline())[:70], t.user, t.system)
            except psutil.Error:
                pass
        time.sleep(0.1)
    return time.monotonic() - t0, last


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factor", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-cpu-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs, chars = article_slice(corpus, seed_chars() * args.factor)
        cmd = [KG, "build", str(corpus), "--out", str(Path(tmp) / "out")]
        wall, last = sample([*cmd, "-j", str(args.workers), "-q"])
    print(f"{machine()}; {docs} documents, {chars} characters; --workers {args.workers}")
    print("| process | user s | system s |")
    print("| --- | --- | --- |")
    total = 0.0
    for _start, cmdline, user, system in sorted(last.values()):
        total += user + system
        print(f"| {cmdline} | {user:.2f} | {system:.2f} |")
    print(f"total CPU {total:.1f} s over {wall:.1f} s of wall time ({total / wall:.2f} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
