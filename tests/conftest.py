"""Fixtures shared by all tests: paths to ../shared and the examples, built once per session.

The seeds build (``seeds_build``) lives in ``tests/kg/conftest.py``.

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
def examples_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled example corpus ``examples/corpus`` (with views)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("examples") / "build"
    build([EXAMPLES], out, progress=False)
    return out
