"""Shared fixtures of the kg tests: the seeds built once per session, a private Virtuoso."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"


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
