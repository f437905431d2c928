"""Extraction against plain ``jieba.lcut`` in executed instructions, a ratio load does not move.

Usage::

    .venv/bin/python benchmarks/instructions.py [--articles 300]

``throughput.py`` times CPU seconds, which drift with the machine (on a shared
machine ``lcut`` alone has taken 4.5 to 7.1 s for the same text within an hour).
This script counts instructions instead, with valgrind's cachegrind tool
(``--cache-sim=no``: counting only, about 50x slower than a plain run), under
``PYTHONHASHSEED=0``, over the first ``--articles`` articles of the same text as
``throughput.py`` after the same 20-article warm-up. Each side is counted net of
a run that loads everything and processes no article, so start-up (imports, the
dictionary, the patterns) is not counted:

* ``extract``: ingest + ``extract.pipeline.extract`` (what ``throughput.py`` calls extract);
* ``lcut``: jieba's ``lcut`` through the project's adapter.

It prints both counts and their ratio (lcut / extract: the goal is >= 0.5). Four
valgrind runs; about 10 minutes for 300 articles. Needs ``valgrind`` (Debian
package ``valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from throughput import load

_CHARS = 1_000_000  # the text of throughput.py's default run
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _work(step: str, articles: int) -> None:
    """The counted process: warm up, then run ``step`` over ``articles`` articles."""
    from extract.ingest.reader import document_from_bytes
    from extract.pipeline import extract
    from extract.tokenize import tokenizer

    docs = load(_CHARS)
    tk = tokenizer()

    def run(name: str, text: str) -> None:
        if step == "lcut":
            tk.lcut(text)
        else:
            extract(document_from_bytes(name, text.encode()))

    for name, text in docs[:20]:
        run(name, text)
    for name, text in docs[:articles]:
        run(name, text)


def _count(step: str, articles: int) -> int:
    """Instructions of one process running ``step`` over ``articles`` articles."""
    cmd = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        step,
        "--articles",
        str(articles),
    ]
    env = os.environ | {"PYTHONHASHSEED": "0"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    found = _REFS.search(done.stderr)
    if found is None:
        raise SystemExit(f"instructions.py: no instruction count in valgrind's output: {cmd}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--child", choices=("extract", "lcut"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _work(args.child, args.articles)
        return
    net = {}
    for step in ("extract", "lcut"):
        net[step] = _count(step, args.articles) - _count(step, 0)
    print(f"{args.articles} articles, PYTHONHASHSEED=0, instructions net of start-up")
    print("| step | instructions | ratio to lcut |")
    print("| --- | --- | --- |")
    for step, n in net.items():
        print(f"| {step} | {n / 1e9:.2f} G | {net['lcut'] / n:.2f} |")


if __name__ == "__main__":
    main()
