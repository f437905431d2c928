"""Reduced load tests against the real server: no errors, with slow clients and a rebuild too."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from kg.server.app import Settings
from tests.kg.conftest import SEEDS
from tests.kg.serving import running_server

LOAD_TEST = Path(__file__).resolve().parents[3] / "benchmarks" / "load_test.py"


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


def test_slow_clients_and_a_rebuild_cause_no_catalog_error(seeds_build, tmp_path):
    out = tmp_path / "served"
    shutil.copytree(seeds_build, out, symlinks=True)
    corpus = tmp_path / "two"
    corpus.mkdir()
    for f in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(f, corpus)
    settings = Settings(build=out, timeout=3, slow_after=0.3)
    with running_server(settings) as served:
        report = asyncio.run(
            load_module().run_load(
                served.base, clients=10, seconds=6, slow=1, rebuild=(corpus, out, 1.0)
            )
        )
    assert report.errors == 0, report.statuses
    assert report.slow.requests >= 1 and set(report.slow.statuses) <= {503}
    rebuild = report.rebuild
    assert rebuild["exit_code"] == 0 and rebuild["documents_before"] == 5
    assert rebuild["new_data_answered_after_publish_s"] is not None
    assert rebuild["catalog_errors_during_rebuild"] == 0


def test_load_test_refuses_non_loopback_targets():
    with pytest.raises(ValueError, match="loopback"):
        asyncio.run(load_module().run_load("http://192.0.2.1:7878", clients=1, seconds=1))
