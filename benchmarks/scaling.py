"""How build cost grows: 1x, 10x, 100x the seed corpus in characters; 1 vs 2 workers; 12k articles.

Usage::

    .venv/bin/python benchmarks/scaling.py sizes      # 1x 10x 100x, --workers 2, no views
    .venv/bin/python benchmarks/scaling.py speedup    # 10x with 1 then 2 workers
    .venv/bin/python benchmarks/scaling.py full       # all 12,002 articles, 2 workers
    .venv/bin/python benchmarks/scaling.py full --corpus FILE --out DIR  # another input, kept

Each build is a clean ``kg build`` subprocess on articles of
``../shared/bench/school_site_articles.jsonl.gz`` (the first ones, up to the
character budget), into a fresh temporary folder; wall time and peak RSS of
the whole process tree are measured (benchmarks/measure.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ARTICLES, KG, article_slice, machine, run_tree, seed_chars


def build_once(
    corpus: Path, workers: int, extra: tuple[str, ...] = (), out: Path | None = None
) -> tuple[float, int, dict[str, float]]:
    """Wall seconds, peak RSS (bytes) and the phases ``kg build`` reports (seconds).

    The build goes to a temporary folder, removed after, or to ``out``, kept.
    """
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        target = out or Path(tmp) / "out"
        cmd = [KG, "build", str(corpus), "--out", str(target), "-j", str(workers)]
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


def sizes(workers: int, views: bool, repeat: int) -> None:
    """Build 1x, 10x and 100x the seeds' characters; raw and net (of fixed costs) µs/char.

    The fixed cost is the build of a one-article corpus, measured the same
    way: interpreter start, imports, worker start-up (jieba's dictionary),
    store creation. Views are off unless ``views`` (kg build writes them only
    up to 500 documents, so they would count at 1x and 10x and not at 100x).
    Every figure is the median of ``repeat`` builds (this machine's speed drifts).
    """
    base = seed_chars()
    extra = () if views else ("--no-views",)
    print(f"seed corpus: {base} characters; {machine()}; --workers {workers}; views {views}")
    with tempfile.TemporaryDirectory(prefix="kg-corpus-") as tmp:
        one = Path(tmp) / "one.jsonl"
        _, one_chars = article_slice(one, 1)
        fixed = statistics.median(build_once(one, workers, extra)[0] for _ in range(repeat))
        print(f"fixed cost (1 article, {one_chars} characters): {fixed:.2f} s")
        print("| size | documents | characters | build s | µs/char | net µs/char | peak RSS MB |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        net = []
        for factor in (1, 10, 100):
            corpus = Path(tmp) / f"x{factor}.jsonl"
            docs, chars = article_slice(corpus, base * factor)
            done = sorted((build_once(corpus, workers, extra) for _ in range(repeat)), key=_secs)
            seconds, peak, phases = done[len(done) // 2]
            net.append((seconds - fixed) / chars * 1e6)
            print(
                f"| {factor}x | {docs} | {chars} | {seconds:.1f} | {seconds / chars * 1e6:.2f} "
                f"| {net[-1]:.2f} | {peak / 2**20:.0f} |  ({_phases(phases)})",
                flush=True,
            )
    print(f"net µs/char, largest / smallest: {max(net) / min(net):.2f}")


def _secs(run: tuple[float, int, dict[str, float]]) -> float:
    return run[0]


def speedup(factor: int, repeat: int) -> None:
    """1 and 2 workers, alternated ``repeat`` times (this machine's speed drifts); medians."""
    base = seed_chars()
    print(f"{factor}x the seeds; {machine()}; {repeat} alternated runs each, medians")
    runs: dict[int, list[tuple[float, int, dict[str, float]]]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory(prefix="kg-corpus-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs, chars = article_slice(corpus, base * factor)
        for _ in range(repeat):
            for workers in (1, 2):
                runs[workers].append(build_once(corpus, workers))
                t, m, p = runs[workers][-1]
                print(f"  {workers} worker(s): {t:.1f} s, {m / 2**20:.0f} MB ({_phases(p)})")
    print(f"{docs} documents, {chars} characters")
    med: dict[int, tuple[float, float]] = {}
    for workers, rs in runs.items():
        t = statistics.median(r[0] for r in rs)
        extract = statistics.median(r[2]["extract"] for r in rs)
        peak = max(r[1] for r in rs)
        med[workers] = (t, extract)
        mb = peak / 2**20
        print(f"{workers} worker(s): median {t:.1f} s (extract {extract:.1f}), {mb:.0f} MB")
    print(
        f"speedup: {med[1][0] / med[2][0]:.2f}x; "
        f"extraction phase alone: {med[1][1] / med[2][1]:.2f}x"
    )


def full(workers: int, corpus: Path = ARTICLES, out: Path | None = None) -> None:
    print(f"{corpus.name}; {machine()}; --workers {workers}")
    seconds, peak, phases = build_once(corpus, workers, out=out)
    print(f"build: {seconds:.1f} s, peak RSS {peak / 2**20:.0f} MB ({_phases(phases)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("sizes", "speedup", "full"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--factor", type=int, default=10, help="corpus size for speedup")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (medians)")
    ap.add_argument("--views", action="store_true", help="sizes: also write the HTML views")
    ap.add_argument("--corpus", type=Path, default=ARTICLES, help="full: the input to build")
    ap.add_argument("--out", type=Path, help="full: build there and keep the build")
    args = ap.parse_args()
    if args.what == "sizes":
        sizes(args.workers, args.views, args.repeat)
    elif args.what == "speedup":
        speedup(args.factor, args.repeat)
    else:
        full(args.workers, args.corpus, args.out)


if __name__ == "__main__":
    main()
