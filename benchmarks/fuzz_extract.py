"""Fuzz target: run the ingest/extraction properties of tests/extract/fuzz.py on many examples.

Usage::

    .venv/bin/python benchmarks/fuzz_extract.py --examples 10000 [--seed 1]

Runs ``--examples`` examples of each of two properties (bytes -> ingest ->
extract, and text -> extract) and prints how many ran and the first failure,
if any. Exit code 0 when every example held, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings

from extract.records import Document
from tests.extract.fuzz import any_bytes, any_text, check_extract, check_ingest, names


def run(examples: int, seed_value: int) -> dict[str, int]:
    """Run both properties; return the number of examples each ran."""
    counts = {"bytes": 0, "readable": 0, "text": 0}
    opts = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    @seed(seed_value)
    @opts
    @given(names(), any_bytes())
    def bytes_property(name: str, data: bytes) -> None:
        counts["bytes"] += 1
        doc = check_ingest(name, data)
        if doc is not None:
            counts["readable"] += 1
            check_extract(doc)

    @seed(seed_value)
    @opts
    @given(any_text())
    def text_property(text: str) -> None:
        counts["text"] += 1
        check_extract(Document("a.txt", text, text))

    bytes_property()
    text_property()
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000, help="examples per property")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    try:
        counts = run(args.examples, args.seed)
    except Exception as e:  # report the falsifying example hypothesis printed above
        print(f"FAILED: {type(e).__name__}: {e}")
        return 1
    total = counts["bytes"] + counts["text"]
    print(
        f"{total} examples held in {time.perf_counter() - t0:.0f} s: "
        f"{counts['bytes']} byte inputs ({counts['readable']} readable, extracted), "
        f"{counts['text']} text inputs (seed {args.seed})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
