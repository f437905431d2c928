"""Helpers of the benchmarks: run a command and measure wall time and peak RSS of its process tree.

RSS is sampled every ``interval`` seconds with psutil over the process and all
its descendants (worker processes included) and summed; the peak of the sums
is reported.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import platform
import subprocess
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
BENCH = SHARED / "bench"
SEEDS = SHARED / "corpus" / "seeds"
ARTICLES = BENCH / "school_site_articles.jsonl.gz"
KG = str(ROOT / ".venv" / "bin" / "kg")


def machine() -> str:
    """One line describing this machine."""
    return (
        f"{platform.processor() or platform.machine()}, {psutil.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM, Python {platform.python_version()}"
    )


def run_tree(
    cmd: list[str], interval: float = 0.05, stdout: Path | None = None
) -> tuple[float, int, int]:
    """Run ``cmd``; return (seconds, peak RSS in bytes of the process tree, exit code).

    The command's standard output goes to the file ``stdout`` when given.
    """
    t0 = time.perf_counter()
    sink = stdout.open("wb") if stdout else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in procs:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += p.memory_info().rss
        peak = max(peak, total)
        time.sleep(interval)
    proc.wait()
    if stdout:
        sink.close()  # type: ignore[union-attr]
    return time.perf_counter() - t0, peak, proc.returncode


def seed_chars() -> int:
    """Characters of the seed corpus (decoded UTF-8 text)."""
    return sum(len(p.read_text(encoding="utf-8")) for p in SEEDS.iterdir() if p.is_file())


def article_slice(path: Path, chars: int) -> tuple[int, int]:
    """Write the first articles totalling at least ``chars`` characters; return (docs, chars)."""
    docs = total = 0
    with (
        gzip.open(ARTICLES, "rt", encoding="utf-8") as src,
        path.open("w", encoding="utf-8") as dst,
    ):
        for line in src:
            if total >= chars:
                break
            dst.write(line)
            docs += 1
            total += len(json.loads(line).get("content", ""))
    return docs, total
