"""Shared fixtures of the kg tests: builds (seeds, hand-made, hostile) and running servers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.server.app import Settings
from tests.kg.builds import fixture_extractions, hostile_extraction, publish_extractions
from tests.kg.serving import running_server

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds corpus built once per session."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([SEEDS], out, progress=False)
    return out


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of two hand-made extractions covering the whole RDF contract."""
    return publish_extractions(tmp_path_factory.mktemp("fixture-build"), fixture_extractions())


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build whose labels are HTML/script injection attempts."""
    return publish_extractions(tmp_path_factory.mktemp("hostile-build"), [hostile_extraction()])


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
