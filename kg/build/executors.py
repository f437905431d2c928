"""Where extraction runs: in this process, in a local process pool, or on Dask.

Every executor takes batches of ``(name, bytes)`` and returns futures of
:func:`kg.build.worker.process_batch` results (compact N-Quads text). :func:`run_ordered`
keeps a bounded window of batches in flight and yields results in submission
order, so memory does not grow with the corpus and warnings come out in a
stable order.

Examples
--------
>>> ex = make_executor(workers=1)
>>> batches = iter([("b1", [("a.txt", "党委要学习。".encode())])])
>>> [(key, [r[1] for r in results]) for key, results in run_ordered(ex, batches, window=2)]
[('b1', ['ok'])]
>>> ex.close()
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from kg.build.budget import Budget
from kg.build.worker import Result, init_worker, process_batch, warm_up
from kg.errors import KgError
from kg.signals import children_ignore_interrupts

K = TypeVar("K")
Batch = list[tuple[str, bytes]]


class WorkerLost(KgError, RuntimeError):
    """A worker process died (killed, out of memory) while extracting."""


class Executor(Protocol):
    """What :func:`run_ordered` needs from an executor."""

    workers: int

    def submit(self, batch: Batch) -> Any:
        """Start processing ``batch``; return an object with ``.result()``."""

    def close(self, cancel: bool = False) -> None:
        """Release the workers (``cancel``: stop them now, dropping pending work)."""


class SerialExecutor:
    """Runs batches in this process, one at a time (``--workers 1``)."""

    workers = 1

    def __init__(self, cache_dir: str | None = None, budget: Budget | None = None) -> None:
        self.cache_dir, self.budget = cache_dir, budget
        warm_up()

    def submit(self, batch: Batch) -> Future:
        f: Future = Future()
        f.set_result(process_batch(batch, self.cache_dir, self.budget))
        return f

    def close(self, cancel: bool = False) -> None:
        return None


class PoolExecutor:
    """A pool of ``workers`` spawned processes, each loading the extractor once."""

    def __init__(
        self, workers: int, cache_dir: str | None = None, budget: Budget | None = None
    ) -> None:
        self.workers = workers
        self.cache_dir, self.budget = cache_dir, budget
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, batch: Batch) -> Future:
        with children_ignore_interrupts():  # workers start on the first submits
            return self.pool.submit(process_batch, batch, self.cache_dir, self.budget)

    def close(self, cancel: bool = False) -> None:
        if not cancel:
            self.pool.shutdown(wait=True)
            return
        self.pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()
        for child in multiprocessing.active_children():
            child.join(timeout=5)


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def make_executor(
    workers: int | None = None,
    dask: str | None = None,
    cache_dir: str | None = None,
    budget: Budget | None = None,
) -> Executor:
    """An executor: Dask when ``dask`` is an address or ``"local"``, else local processes.

    ``workers`` defaults to all cores; 1 runs in this process. Local workers
    write each document's N-Quads into ``cache_dir`` themselves (when given)
    and hold each document to ``budget`` (:mod:`kg.build.budget`); Dask workers
    send the text back and run documents in threads, without a budget.
    """
    if dask:
        from kg.build.distributed import DaskExecutor

        return DaskExecutor(dask, workers=workers or default_workers())
    n = workers or default_workers()
    if n == 1:
        return SerialExecutor(cache_dir, budget)
    return PoolExecutor(n, cache_dir, budget)


def run_ordered(
    executor: Executor, batches: Iterator[tuple[K, Batch]], *, window: int
) -> Iterator[tuple[K, list[Result]]]:
    """Submit ``(key, batch)`` pairs with at most ``window`` in flight; yield results in order.

    Raises
    ------
    WorkerLost
        When a worker process dies.
    """
    pending: deque[tuple[K, Any]] = deque()

    def first() -> tuple[K, list[Result]]:
        key, fut = pending.popleft()
        try:
            return key, fut.result()
        except BrokenProcessPool as e:
            raise WorkerLost("a worker process died (killed or out of memory)") from e
        except Exception as e:  # process_batch never raises: the worker itself failed
            raise WorkerLost(f"a worker failed ({type(e).__name__}: {e})") from e

    for key, batch in batches:
        pending.append((key, executor.submit(batch)))
        while len(pending) >= window:
            yield first()
    while pending:
        yield first()
