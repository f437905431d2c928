"""A reduced load test (10 clients x 3 s) against the real server: no errors."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

LOAD_TEST = Path(__file__).resolve().parents[2] / "benchmarks" / "load_test.py"


def load_module():
    spec = importlib.util.spec_from_file_location("load_test", LOAD_TEST)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("load_test", module)
    spec.loader.exec_module(module)
    return module


def test_ten_clients_for_three_seconds_without_errors(seeds_server):
    report = asyncio.run(load_module().run_load(seeds_server, clients=10, seconds=3))
    assert report.requests > 10
    assert report.errors == 0, report.statuses


def test_load_test_refuses_non_loopback_targets():
    with pytest.raises(ValueError, match="loopback"):
        asyncio.run(load_module().run_load("http://192.0.2.1:7878", clients=1, seconds=1))
