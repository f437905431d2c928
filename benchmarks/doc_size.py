"""How extraction time grows with the size of ONE document (it should grow linearly).

Usage::

    .venv/bin/python benchmarks/doc_size.py [--max-chars 480000]

Joins the articles of ``../shared/bench/school_site_articles.jsonl.gz`` into one
text and extracts prefixes of 15k, 30k, 60k... characters, each as a single
document, in this process (CPU time, after a warm-up). Linear growth shows as a
flat "k chars/s" column; anything that compares every mention with every other
one shows as a falling column.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measure import ARTICLES, machine

from extract.ingest.reader import document_from_bytes
from extract.pipeline import EXTRACTOR_VERSION, extract


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-chars", type=int, default=480_000)
    args = ap.parse_args()
    parts, total = [], 0
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("content") or ""
            parts.append(text)
            total += len(text) + 1
            if total >= args.max_chars:
                break
    joined = "\n".join(parts)
    extract(document_from_bytes("warm.txt", joined[:20_000].encode()))
    print(f"{machine()}; extractor {EXTRACTOR_VERSION}")
    print("| characters | seconds | k chars/s |")
    print("| --- | --- | --- |")
    size = 15_000
    while size <= args.max_chars:
        t0 = time.process_time()
        extract(document_from_bytes("one.txt", joined[:size].encode()))
        seconds = time.process_time() - t0
        print(f"| {size} | {seconds:.2f} | {size / seconds / 1000:.0f} |", flush=True)
        size *= 2


if __name__ == "__main__":
    main()
