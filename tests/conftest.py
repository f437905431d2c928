"""Session fixtures shared by all tests: paths to ../shared and the examples, built once.

Builds are read-only for tests: copy one before changing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of ``../shared/corpus/seeds`` (without HTML views)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds") / "build"
    build([SEEDS], out, progress=False, views=False)
    return out


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled example corpus ``examples/corpus`` (with views)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("examples") / "build"
    build([EXAMPLES], out, progress=False)
    return out
