"""Shared fixtures of the kg tests: seeds built once per session, corpora, outputs, Virtuoso."""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
BENCH = SHARED / "bench"
ARTICLES = BENCH / "school_site_articles.jsonl.gz"
OUTPUT_FILES = ("graph.nq", "graph.ttl", "summary.md", "manifest.json")


def output_bytes(out: Path) -> dict[str, bytes]:
    """The bytes of a build's deterministic outputs."""
    return {name: (Path(out) / name).read_bytes() for name in OUTPUT_FILES}


def write_articles(path: Path, n: int, *, start: int = 0) -> Path:
    """Write ``n`` records of the school articles corpus (from ``start``) as JSON Lines."""
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, start, start + n))
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build (with views) of ``../shared/corpus/seeds`` (read-only: copy before changing)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds") / "out"
    build([SEEDS], out, progress=False)
    return out


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """A private Virtuoso on loopback free ports with its own database; stopped at the end."""
    from kg.virtuoso import LocalVirtuoso

    server = LocalVirtuoso(tmp_path_factory.mktemp("virtuoso")).start()
    try:
        yield server
    finally:
        server.stop()
