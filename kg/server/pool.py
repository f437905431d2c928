"""A pool of query worker processes with a per-query timeout.

pyoxigraph cannot interrupt a running query. Each query therefore runs in a
worker process (:mod:`kg.server.worker`) holding its own read-only store
handle; when a query overruns the timeout the pool kills that process, answers
"timeout" at once and starts a replacement in the background. The event loop
never blocks on a query, so the server stays responsive; while all workers are
busy, requests wait for one (at most the timeout, then "busy").

Examples
--------
>>> import asyncio, tempfile, pathlib
>>> from kg.store import create_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = create_store(d / "s", ['<http://e/a> <http://e/p> "x" <http://e/g> .\\n'])
>>> async def demo():
...     async with QueryPool(d / "s", size=1, timeout=30) as pool:
...         return await pool.run({"query": "ASK { ?s ?p ?o }", "select": "json"})
>>> asyncio.run(demo()).payload
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORKER_MODULE = "kg.server.worker"
START_TIMEOUT = 60.0


class PoolError(RuntimeError):
    """A query could not be answered by the pool.

    ``kind`` is ``"timeout"`` (the query overran and its worker was killed),
    ``"busy"`` (no worker became free in time) or ``"worker"`` (a worker died).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Reply:
    """A worker's answer: the header (``ok``, ``error``, ``format`` ...) and payload bytes."""

    header: dict[str, Any]
    payload: bytes


class _Worker:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    @classmethod
    async def start(cls, store: Path) -> _Worker:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            WORKER_MODULE,
            str(store),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=1 << 20,
        )
        worker = cls(proc)
        try:
            ready = await asyncio.wait_for(worker.read(), START_TIMEOUT)
        except (TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
            worker.kill()
            raise PoolError(f"query worker did not start ({e!r})", "worker") from e
        if not ready.header.get("ready"):
            worker.kill()
            raise PoolError(ready.header.get("message", "query worker failed"), "worker")
        return worker

    async def read(self) -> Reply:
        assert self.proc.stdout is not None
        header = json.loads(await self.proc.stdout.readline())
        payload = await self.proc.stdout.readexactly(header.get("length", 0))
        return Reply(header, payload)

    async def ask(self, job: dict[str, Any]) -> Reply:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
        await self.proc.stdin.drain()
        return await self.read()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()

    async def stop(self) -> None:
        if self.proc.returncode is None:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            try:
                await asyncio.wait_for(self.proc.wait(), 5)
            except TimeoutError:
                self.kill()
                await self.proc.wait()


class QueryPool:
    """``size`` worker processes over the store directory ``store``.

    Use as an async context manager, or call :meth:`start` and :meth:`close`.
    """

    def __init__(self, store: Path, *, size: int = 2, timeout: float = 30.0) -> None:
        self.store = Path(store)
        self.size = max(1, size)
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task] = set()
        self.killed = 0

    async def start(self) -> None:
        """Start the workers (each opens the store) and wait until they are ready."""
        workers = await asyncio.gather(*(_Worker.start(self.store) for _ in range(self.size)))
        for w in workers:
            self._all.add(w)
            self._idle.put_nowait(w)

    async def __aenter__(self) -> QueryPool:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        return sorted(w.proc.pid for w in self._all)

    async def _replace(self, dead: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            await dead.proc.wait()
        fresh = await _Worker.start(self.store)
        self._all.add(fresh)
        self._idle.put_nowait(fresh)

    def _spawn_replacement(self, dead: _Worker) -> None:
        self._all.discard(dead)
        task = asyncio.get_running_loop().create_task(self._replace(dead))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self, job: dict[str, Any], *, timeout: float | None = None) -> Reply:
        """Answer one job (see :mod:`kg.server.worker`) within the timeout.

        Raises
        ------
        PoolError
            ``timeout``, ``busy`` or ``worker``.
        """
        limit = self.timeout if timeout is None else timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), limit)
        except TimeoutError:
            raise PoolError(f"all query workers stayed busy for {limit:g} s", "busy") from None
        try:
            reply = await asyncio.wait_for(worker.ask(job), limit)
        except TimeoutError:
            worker.kill()
            self.killed += 1
            self._spawn_replacement(worker)
            raise PoolError(
                f"the query ran longer than the timeout of {limit:g} s and was stopped", "timeout"
            ) from None
        except (asyncio.IncompleteReadError, ConnectionError, ValueError) as e:
            worker.kill()
            self._spawn_replacement(worker)
            raise PoolError(f"the query worker failed ({e!r})", "worker") from None
        except BaseException:  # cancelled (client went away): the worker's state is unknown
            worker.kill()
            self._spawn_replacement(worker)
            raise
        self._idle.put_nowait(worker)
        return reply

    async def close(self) -> None:
        """Stop all workers."""
        for task in list(self._tasks):
            with contextlib.suppress(Exception):
                await task
        await asyncio.gather(*(w.stop() for w in list(self._all)), return_exceptions=True)
        self._all.clear()
