"""Shared fixtures of the kg tests: builds (seeds, hand-made, hostile), corpora, servers."""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build.remove import publish_extractions
from kg.server.app import Settings
from tests.kg.builds import fixture_extractions, hostile_extraction
from tests.kg.serving import running_server

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
    from kg.build.run import build

    out = tmp_path_factory.mktemp("seeds") / "out"
    build([SEEDS], out, progress=False)
    return out


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """A private Virtuoso on loopback free ports with its own database; stopped at the end."""
    from tests.kg.virtuoso import LocalVirtuoso

    server = LocalVirtuoso(tmp_path_factory.mktemp("virtuoso")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of two hand-made extractions covering the whole RDF contract."""
    out = tmp_path_factory.mktemp("fixture-build")
    publish_extractions(out, fixture_extractions())
    return out


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build whose labels are HTML/script injection attempts."""
    out = tmp_path_factory.mktemp("hostile-build")
    publish_extractions(out, [hostile_extraction()])
    return out


@pytest.fixture(scope="session")
def seeds_server(seeds_build: Path):
    """The real server over the seeds build (default limits)."""
    with running_server(Settings(build=seeds_build)) as served:
        yield served.base


@pytest.fixture(scope="session")
def fixture_server(fixture_build: Path):
    """The real server over the hand-made build."""
    with running_server(Settings(build=fixture_build)) as served:
        yield served.base


@pytest.fixture(scope="session")
def nx_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the hand-made documents a.txt and b.txt (tests/kg/nx_corpus.py)."""
    from tests.kg.nx_corpus import doc_a, doc_b, make_build

    return make_build(tmp_path_factory.mktemp("nx-ab"), [doc_a(), doc_b()])


@pytest.fixture(scope="session")
def nx_graph(nx_build: Path):
    """The projection of :func:`nx_build` (do not modify it)."""
    from kg.nx.projection import load_graph

    return load_graph(nx_build)


@pytest.fixture(scope="session")
def nx_conflict_graph(tmp_path_factory: pytest.TempPathFactory):
    """Projection of a.txt and c.txt, which order 学习动员 and 分析评议 oppositely."""
    from kg.nx.projection import load_graph
    from tests.kg.nx_corpus import doc_a, doc_c, make_build

    return load_graph(make_build(tmp_path_factory.mktemp("nx-ac"), [doc_a(), doc_c()]))
