"""Time the project's SPARQL queries (every ``.rq`` file found) and CLI query commands on a build.

Usage::

    .venv/bin/python benchmarks/queries.py --out BUILD_DIR [--runs 3] [folders of .rq ...]

Defaults to the query folders that exist in the repository (``queries/``,
``kg/queries/``, ``kg/html/queries/``). Each query runs ``--runs`` times on
the build's store (read-only, union of the document graphs); the median and
the row count are printed. Then the ``kg who`` / ``kg deps`` commands are
timed as subprocesses if this version of ``kg`` has them.
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

from measure import KG, ROOT, machine

from kg.store import open_store, select

DEFAULT_FOLDERS = ("queries", "kg/queries", "kg/html/queries")
COMMANDS = (("who", "督导组"), ("deps", "转段"))


def time_queries(out: Path, folders: list[Path], runs: int) -> None:
    store = open_store(out)
    print(f"{machine()}; build {out} ({len(store)} quads)")
    print("| query | rows | median ms |")
    print("| --- | --- | --- |")
    for folder in folders:
        for rq in sorted(folder.glob("*.rq")):
            text = rq.read_text(encoding="utf-8")
            times, rows = [], 0
            for _ in range(runs):
                t0 = time.perf_counter()
                try:
                    rows = len(select(store, text))
                except (SyntaxError, ValueError, OSError) as e:
                    rows = f"error: {e}"
                times.append(time.perf_counter() - t0)
            rel = rq.resolve().relative_to(ROOT.resolve())
            print(f"| {rel} | {rows} | {statistics.median(times) * 1000:.0f} |", flush=True)


def time_commands(out: Path) -> None:
    for cmd, arg in COMMANDS:
        probe = subprocess.run([KG, cmd, "--help"], capture_output=True, check=False)
        if probe.returncode != 0:
            print(f"kg {cmd}: not in this version")
            continue
        t0 = time.perf_counter()
        done = subprocess.run([KG, cmd, arg, "--out", str(out)], capture_output=True, check=False)
        print(f"kg {cmd} {arg}: {time.perf_counter() - t0:.2f} s (exit {done.returncode})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("folders", nargs="*", type=Path)
    args = ap.parse_args()
    folders = args.folders or [ROOT / f for f in DEFAULT_FOLDERS if (ROOT / f).is_dir()]
    time_queries(args.out, folders, args.runs)
    time_commands(args.out)


if __name__ == "__main__":
    main()
