"""Shared fixtures of the kg tests: the seeds and hand-made builds, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build (with views) of ``../shared/corpus/seeds``."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds") / "out"
    build([SEEDS], out, progress=False)
    return out


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
