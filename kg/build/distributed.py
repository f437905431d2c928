"""Extraction on a Dask cluster: the only module that imports ``dask``.

``kg build --dask tcp://HOST:8786`` connects to a running scheduler;
``--dask local`` starts a ``LocalCluster`` of worker processes on loopback.
Batches of ``(name, bytes)`` go to the workers, which run
:func:`kg.build.worker.process_batch` and send back compact N-Quads text (shipping
Python record objects was measured 9x slower). Each worker process loads
jieba and the lexicons once, on its first batch. The workers need the
``campaign-kg`` package installed (same version as the client).

Dask is optional: install the ``dask`` extra (``pip install campaign-kg[dask]``).

Examples
--------
>>> parse_address("local"), parse_address("tcp://10.0.0.5:8786")
(None, 'tcp://10.0.0.5:8786')
"""

from __future__ import annotations

from typing import Any

from kg.build.worker import process_batch
from kg.errors import DaskUnavailable


def parse_address(address: str) -> str | None:
    """The scheduler address, or ``None`` for a local cluster (``"local"``)."""
    return None if address == "local" else address


class DaskExecutor:
    """Submit extraction batches to a Dask cluster (see :mod:`kg.build.executors`).

    ``workers`` is the number of processes of a local cluster (``"local"``).
    """

    def __init__(self, address: str, *, workers: int = 1) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:
            raise DaskUnavailable(
                "--dask needs dask.distributed (pip install 'campaign-kg[dask]')"
            ) from e
        self.cluster: Any = None
        target = parse_address(address)
        try:
            if target is None:
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=40,
                )
                target = self.cluster
            self.client = Client(target, timeout="30s")
        except (OSError, TimeoutError) as e:
            if self.cluster is not None:
                self.cluster.close()
            raise DaskUnavailable(f"{address}: cannot reach the Dask scheduler ({e})") from e
        n = len(self.client.scheduler_info().get("workers", {}))
        self.workers = max(1, n)

    def submit(self, batch: list[tuple[str, bytes]]) -> Any:
        return self.client.submit(process_batch, batch, pure=False)

    def close(self, cancel: bool = False) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
