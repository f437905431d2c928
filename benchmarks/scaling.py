"""How build cost grows: 1x, 10x, 100x the seed corpus in characters; 1 vs 2 workers; 12k articles.

Usage::

    .venv/bin/python benchmarks/scaling.py sizes      # 1x 10x 100x, --workers 2
    .venv/bin/python benchmarks/scaling.py speedup    # 10x with 1 then 2 workers
    .venv/bin/python benchmarks/scaling.py full       # all 12,002 articles, 2 workers

Each build is a clean ``kg build`` subprocess on articles of
``../shared/bench/school_site_articles.jsonl.gz`` (the first ones, up to the
character budget), into a fresh temporary folder; wall time and peak RSS of
the whole process tree are measured (benchmarks/measure.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ARTICLES, KG, article_slice, machine, run_tree, seed_chars


def build_once(
    corpus: Path, workers: int, extra: tuple[str, ...] = ()
) -> tuple[float, int, dict[str, float]]:
    """Wall seconds, peak RSS (bytes) and the phases ``kg build`` reports (seconds)."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        cmd = [KG, "build", str(corpus), "--out", str(Path(tmp) / "out"), "-j", str(workers)]
        log = Path(tmp) / "stdout"
        seconds, peak, code = run_tree([*cmd, *extra], stdout=log)
        phases: dict[str, float] = {}
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("seconds:"):
                for part in line.split(":", 1)[1].split(","):
                    name, value = part.split()
                    phases[name] = float(value)
    if code not in (0, 1):
        raise SystemExit(f"build failed with exit code {code}: {' '.join(cmd)}")
    return seconds, peak, phases


def _phases(phases: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1f}" for k, v in phases.items())


def sizes(workers: int) -> None:
    base = seed_chars()
    print(f"seed corpus: {base} characters; {machine()}; --workers {workers}")
    print("| size | documents | characters | build s | µs/char | peak RSS MB | phases (s) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="kg-corpus-") as tmp:
        for factor in (1, 10, 100):
            corpus = Path(tmp) / f"x{factor}.jsonl"
            docs, chars = article_slice(corpus, base * factor)
            seconds, peak, phases = build_once(corpus, workers)
            print(
                f"| {factor}x | {docs} | {chars} | {seconds:.1f} | {seconds / chars * 1e6:.2f} "
                f"| {peak / 2**20:.0f} | {_phases(phases)} |",
                flush=True,
            )


def speedup(factor: int) -> None:
    base = seed_chars()
    print(f"{factor}x the seeds; {machine()}")
    with tempfile.TemporaryDirectory(prefix="kg-corpus-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs, chars = article_slice(corpus, base * factor)
        t1, m1, p1 = build_once(corpus, 1)
        t2, m2, p2 = build_once(corpus, 2)
    print(f"{docs} documents, {chars} characters")
    print(f"1 worker: {t1:.1f} s, {m1 / 2**20:.0f} MB ({_phases(p1)})")
    print(f"2 workers: {t2:.1f} s, {m2 / 2**20:.0f} MB ({_phases(p2)})")
    print(f"speedup: {t1 / t2:.2f}x; extraction phase alone: {p1['extract'] / p2['extract']:.2f}x")


def full(workers: int) -> None:
    print(f"{ARTICLES.name}; {machine()}; --workers {workers}")
    seconds, peak, phases = build_once(ARTICLES, workers)
    print(f"build: {seconds:.1f} s, peak RSS {peak / 2**20:.0f} MB ({_phases(phases)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("sizes", "speedup", "full"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--factor", type=int, default=10, help="corpus size for speedup")
    args = ap.parse_args()
    if args.what == "sizes":
        sizes(args.workers)
    elif args.what == "speedup":
        speedup(args.factor)
    else:
        full(args.workers)


if __name__ == "__main__":
    main()
