"""Extraction throughput per core, against plain ``jieba.lcut`` on the same text in the same run.

Usage::

    .venv/bin/python benchmarks/throughput.py [--chars 1000000]

Takes the first articles of ``../shared/bench/school_site_articles.jsonl.gz``
up to ``--chars`` characters and times, in this one process (one core, CPU time,
after one warm-up pass over the first 20 articles so that one-off loading of
dictionaries and patterns is not counted):

* ``lcut``: jieba's ``lcut`` (default settings) through the project's adapter;
* ``extract``: ingest (decode, boilerplate, t2s) + ``extract.pipeline.extract``;
* ``document``: all a worker does per document (ingest, extract, RDF, N-Quads).

The goal is extract >= 0.5x lcut.
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
from extract.tokenize import tokenizer
from kg.build.worker import process_one


def load(chars: int) -> list[tuple[str, str]]:
    docs, total = [], 0
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if total >= chars:
                break
            text = json.loads(line).get("content") or ""
            docs.append((f"a{n}.txt", text))
            total += len(text)
    return docs


def timed(fn, docs) -> float:
    """CPU seconds of this process (robust to other load on a shared machine)."""
    t0 = time.process_time()
    for name, text in docs:
        fn(name, text)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    args = ap.parse_args()
    docs = load(args.chars)
    chars = sum(len(t) for _, t in docs)
    tk = tokenizer()
    # warm caches: jieba's dictionary, its POS table and the compiled patterns load once per process
    timed(lambda n, t: tk.lcut(t), docs[:20])
    timed(lambda n, t: process_one(n, t.encode()), docs[:20])
    results = {
        "lcut": timed(lambda n, t: tk.lcut(t), docs),
        "extract": timed(lambda n, t: extract(document_from_bytes(n, t.encode())), docs),
        "document": timed(lambda n, t: process_one(n, t.encode()), docs),
    }
    print(f"{machine()}; extractor {EXTRACTOR_VERSION}; {len(docs)} documents, {chars} characters")
    print("| step | seconds | k chars/s per core | ratio to lcut |")
    print("| --- | --- | --- | --- |")
    for step, seconds in results.items():
        ratio = results["lcut"] / seconds
        print(f"| {step} | {seconds:.2f} | {chars / seconds / 1000:.0f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
