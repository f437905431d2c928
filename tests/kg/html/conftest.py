"""Fixtures of the HTML view tests: a hand-made build and one headless Chromium."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build.remove import publish_extractions
from tests.kg.browser import new_driver as browser_driver
from tests.kg.html.fixtures import extraction_a, extraction_b


@pytest.fixture(scope="session")
def hand_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of two hand-made extractions whose text carries script payloads."""
    out = tmp_path_factory.mktemp("hand") / "out"
    publish_extractions(out, [extraction_a(), extraction_b()], views=True)
    return out


def new_driver(profile: str):
    """A headless Chromium for the view tests (a fixed window size for layouts and shots)."""
    return browser_driver(profile, "--window-size=1400,900")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the session (fresh profile)."""
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        driver = new_driver(profile)
        try:
            yield driver
        finally:
            driver.quit()


def open_graph(driver, path: Path, timeout: float = 30.0) -> None:
    """Load a graph page and wait until the network reports it is interactive."""
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return window.kgInteractive === true"):
            return
        time.sleep(0.05)
    raise AssertionError(f"{path}: the network never became interactive")
