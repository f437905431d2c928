"""Parallel and distributed builds equal a single-process build, byte for byte; builds resume."""

from __future__ import annotations

import shutil

import pytest

from kg.build.run import build
from kg.nx.cache import cache_path
from tests.kg.conftest import SEEDS, output_bytes, write_articles


def outputs(out) -> dict[str, bytes]:
    """The deterministic outputs and the saved projection."""
    return output_bytes(out) | {"projection": cache_path(out).read_bytes()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds plus 40 articles as JSON Lines."""
    folder = tmp_path_factory.mktemp("corpus")
    for f in SEEDS.iterdir():
        shutil.copy(f, folder / f.name)
    write_articles(folder / "articles.jsonl", 40)
    return folder


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    report = build([corpus], out, progress=False, workers=1, views=False)
    assert "projection" in report.phases  # made in this process
    return outputs(out)


def test_two_worker_processes_give_the_same_bytes(corpus, serial, tmp_path):
    build([corpus], tmp_path / "out", progress=False, workers=2, views=False)
    assert outputs(tmp_path / "out") == serial


def test_dask_local_cluster_gives_the_same_bytes(corpus, serial, tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        report = build(
            [corpus], tmp_path / "out", progress=False, dask=cluster.scheduler_address, views=False
        )
    assert report.extracted == report.documents
    assert outputs(tmp_path / "out") == serial


def test_rebuild_reuses_every_document(corpus, serial, tmp_path):
    build([corpus], tmp_path / "out", progress=False, workers=1, views=False)
    report = build([corpus], tmp_path / "out", progress=False, workers=1, views=False)
    assert (report.extracted, report.reused) == (0, report.documents)
    assert outputs(tmp_path / "out") == serial


def test_cached_documents_are_reused_without_a_manifest(corpus, serial, tmp_path):
    build([corpus], tmp_path / "out", progress=False, workers=1, views=False)
    (tmp_path / "out" / "manifest.json").unlink()
    report = build([corpus], tmp_path / "out", progress=False, workers=1, views=False)
    assert report.extracted == 0
    assert outputs(tmp_path / "out") == serial


def test_unreferenced_cache_files_are_dropped(corpus, tmp_path):
    build([corpus], tmp_path / "out", progress=False, workers=1, views=False)
    build([SEEDS], tmp_path / "out", progress=False, workers=1, views=False)
    assert len(list((tmp_path / "out" / "cache").iterdir())) == len(list(SEEDS.iterdir()))
