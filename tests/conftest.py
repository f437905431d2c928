"""Fixtures shared by all tests: paths to ../shared and the examples, built once per session.

The seeds build (``seeds_build``) lives in ``tests/kg/conftest.py``.

Builds are read-only for tests: copy one before changing it.

The suite does not depend on how or by whom it is started: matplotlib gets a
fresh configuration and font cache folder of its own (a stale cache in the
user's ``~/.cache/matplotlib`` would not know a font installed since), and a
SIGINT that a non-interactive shell ignores for its background jobs (and so
for a suite started with ``&``) is given back its default, which the Ctrl-C
tests rely on. Both are inherited by the processes the tests start.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

_MPL = tempfile.mkdtemp(prefix="kg-tests-matplotlib-")
os.environ["MPLCONFIGDIR"] = _MPL
atexit.register(shutil.rmtree, _MPL, ignore_errors=True)
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled example corpus ``examples/corpus`` (with views)."""
    from kg.build.run import build

    out = tmp_path_factory.mktemp("examples") / "build"
    build([EXAMPLES], out, progress=False)
    return out
