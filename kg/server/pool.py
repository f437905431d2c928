"""The query workers of ``kg serve``: lanes, admission control, timeouts, and following rebuilds.

pyoxigraph cannot interrupt a running query, so each query runs in a worker
process (:mod:`kg.server.procs`) holding a read-only store handle and a lease
on the store (:mod:`kg.graph.leases`). The pool:

- **kills** a worker whose query overruns the timeout, or whose client went
  away (the caller cancels :meth:`QueryPool.run`), and always starts a
  replacement (retrying until one starts);
- keeps two **lanes**: ``size`` fast workers; a query that has used
  ``slow_after`` seconds of CPU (or 0.1 s while others wait) moves, with its
  worker, to the slow lane (reniced to the lowest CPU priority) and a *spare*
  worker, started ahead, takes its place at once. At most ``slow_slots``
  queries run in the slow lane; one more is stopped and answered "busy" with
  a Retry-After. A query text seen to be slow goes straight to the slow lane
  next time. So long queries never hold the fast lane, and short ones (the
  catalog) keep the CPU;
- **admits** a query only if its expected wait (queue length times the recent
  service time over the fast workers) is under ``max_wait`` seconds, and
  answers "busy" at once otherwise; a query still waiting after ``max_wait``
  is answered "busy" too;
- **follows rebuilds** (given a build directory): every ``watch`` seconds it
  reads the ``store`` link; when a build has published a new store it starts
  a fast lane over it, then switches new queries to it at once. Queries
  running on the old store finish there; when its last worker has gone, the
  pool lets its lease go and removes the old store if no one else holds it.
  A new store that does not open is retried later; the old one stays served.

Examples
--------
>>> import asyncio, tempfile, pathlib
>>> from kg.graph.store import create_store
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
import math
import time
from collections import OrderedDict, deque
from pathlib import Path
from typing import Any

from kg.builddir import STORE_LINK
from kg.graph import leases
from kg.server.follow import LANES, FollowsBuild, Generation
from kg.server.procs import Reply, WorkerError, WorkerProcess, log

__all__ = ["PoolError", "QueryPool", "Reply"]
SLOW_MEMO = 1024
EARLY_CPU = 0.1
"""CPU seconds after which a query moves early to the slow lane, while others wait."""
WALL_FACTOR = 5
"""A query moves to the slow lane after this many times ``slow_after`` on the clock too."""
CHECK_EVERY = 0.05
RATE_WINDOW = 3.0
"""Seconds of recent fast-lane completions the expected wait is computed from."""
RATE_MIN_SAMPLES = 20


class PoolError(RuntimeError):
    """A query the pool could not answer.

    ``kind`` is ``"timeout"`` (the query overran and its worker was killed),
    ``"busy"`` (overloaded: ``retry_after`` seconds is a fair wait),
    ``"memory"`` (the query hit the worker's memory cap) or ``"worker"`` (a
    worker died).
    """

    def __init__(self, message: str, kind: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after


class QueryPool(FollowsBuild):
    """Query workers over a build directory (followed across rebuilds) or a store directory.

    Use as an async context manager, or call :meth:`start` and :meth:`close`.
    """

    def __init__(
        self,
        source: Path,
        *,
        size: int = 2,
        timeout: float = 30.0,
        memory_mb: int | None = None,
        slow_after: float = 1.0,
        slow_slots: int = 2,
        max_wait: float = 5.0,
        max_queue: int = 1000,
        watch: float = 0.5,
    ) -> None:
        source = Path(source)
        self.link = source / STORE_LINK if (source / STORE_LINK).is_symlink() else None
        self.source = source
        self.size = max(1, size)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.slow_after = slow_after
        self.slow_slots = max(0, slow_slots)
        self.max_wait = max_wait
        self.max_queue = max_queue
        self.watch = watch
        self.spares = max(1, min(self.slow_slots, self.size))
        self.killed = 0
        self.switches = 0
        self._gen: Generation | None = None
        self._old: list[Generation] = []
        self._idle: dict[str, deque[WorkerProcess]] = {lane: deque() for lane in LANES}
        self._waiting: dict[str, deque[asyncio.Future]] = {lane: deque() for lane in LANES}
        self._starting = dict.fromkeys(LANES, 0)
        self._slow: OrderedDict[str, None] = OrderedDict()
        self._service = 0.02  # seconds per fast query, moving average
        self._done: deque[float] = deque()  # when fast queries ended, the last RATE_WINDOW s
        self._failed: dict[Path, float] = {}
        self._tasks: set[asyncio.Task] = set()
        self._chores: set[asyncio.Task] = set()  # stopping and reaping workers: awaited on close
        self._switching = False
        self._closing = False

    # ---- life cycle -------------------------------------------------------------

    async def start(self) -> None:
        """Lease the store, start the fast lane, and (for a build) watch for rebuilds.

        Raises
        ------
        kg.graph.store.StoreError
            When there is no store to serve.
        PoolError
            When the workers do not start.
        """
        if self.link is not None:
            lease = await asyncio.to_thread(leases.take_current, self.source)
        else:
            lease = await asyncio.to_thread(leases.take, self.source)
        self._gen = Generation(lease.store_dir, lease)
        try:
            workers = await self._start_workers(self._gen, self.size)
        except WorkerError as e:
            lease.release()
            raise PoolError(str(e), e.kind) from None
        for w in workers:
            self._release(w)
        self._top_up()  # the spares, in the background
        if self.link is not None:
            self._background(self._watch())

    async def __aenter__(self) -> QueryPool:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop every worker and let the leases go."""
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for waiting in self._waiting.values():
            while waiting:
                waiting.popleft().cancel()
        gens = self._gens()
        await asyncio.gather(
            *(w.stop() for g in gens for w in list(g.workers)), return_exceptions=True
        )
        await asyncio.gather(*self._chores, return_exceptions=True)  # reaping, exit watches
        for g in gens:
            g.workers.clear()
            g.lease.release()

    # ---- state, for tests and monitoring ------------------------------------------

    @property
    def store(self) -> Path | None:
        """The store new queries go to."""
        return self._gen.store if self._gen else None

    def pids(self, lane: str | None = None) -> list[int]:
        """Process ids of the live workers (of one lane, or all), old stores' included."""
        gens = [g for g in [self._gen, *self._old] if g is not None]
        return sorted(w.pid for g in gens for w in g.workers if w.alive and lane in (None, w.lane))

    def busy(self, lane: str | None = None) -> int:
        """Workers running a query (of one lane, or all), old stores' included."""
        return sum(1 for g in self._gens() for w in g.workers if w.busy and lane in (None, w.lane))

    def waiting(self) -> int:
        """Queries waiting for a worker."""
        return sum(1 for q in self._waiting.values() for f in q if not f.done())

    # ---- running a query --------------------------------------------------------

    async def run(self, job: dict[str, Any], *, timeout: float | None = None) -> Reply:
        """Answer one job (see :mod:`kg.server.worker`) within the timeout.

        Cancelling the call (the client went away) kills the worker running it.

        Raises
        ------
        PoolError
            ``timeout``, ``busy``, ``memory`` or ``worker``.
        """
        limit = self.timeout if timeout is None else timeout
        key = job.get("query", "")
        lane = "slow" if key in self._slow and self.slow_slots else "fast"
        self._admit(lane)
        try:
            worker = await self._acquire(lane)
        except TimeoutError:
            raise PoolError(
                f"no query worker became free within {self.max_wait:g} s; retry later",
                "busy",
                self._retry_after(lane),
            ) from None
        return await self._ask(worker, job, key, limit)

    def _admit(self, lane: str) -> None:
        queued = self._queued(lane)
        if lane == "fast":
            expected = self._expected_wait(queued + 1)
            if queued < self.max_queue and (expected is None or expected <= self.max_wait):
                return
            about = f" (about {expected:.1f} s)" if expected is not None else ""
            message = f"overloaded: {queued} queries are waiting{about}"
        else:
            if self._idle["slow"] or self._count("slow") < self.slow_slots:
                return
            message = f"{self.slow_slots} long-running queries are already running"
        raise PoolError(f"{message}; retry later", "busy", self._retry_after(lane))

    def _retry_after(self, lane: str) -> int:
        if lane == "slow":
            now = time.monotonic()
            ends = [
                w.started_job + self.timeout - now
                for g in self._gens()
                for w in g.workers
                if w.lane == "slow" and w.busy and w.started_job is not None
            ]
            return max(1, math.ceil(min(ends, default=1)))
        queued = len(self._waiting["fast"])
        return max(1, min(60, math.ceil(self._expected_wait(queued) or 1)))

    def _expected_wait(self, ahead: int) -> float | None:
        """Seconds until ``ahead`` queued queries are through the fast lane (``None``: unknown).

        From the better of two rates: the one at which the fast lane finished
        queries in the last :data:`RATE_WINDOW` seconds (Little's law), and its
        workers over their mean service time (right after a quiet spell, when
        the first one has not caught up). Unknown until
        :data:`RATE_MIN_SAMPLES` queries have ended in the window.
        """
        now = time.monotonic()
        while self._done and self._done[0] < now - RATE_WINDOW:
            self._done.popleft()
        if len(self._done) < RATE_MIN_SAMPLES:
            return None
        observed = len(self._done) / max(now - self._done[0], 0.1)
        capacity = max(1, self._count("fast")) / max(self._service, 1e-3)
        return ahead / max(observed, capacity)

    async def _acquire(self, lane: str) -> WorkerProcess:
        idle = self._idle[lane]
        while idle:
            w = idle.popleft()
            if w.alive and self._gen is not None and w in self._gen.workers:
                return w
            self._retire(w)
        if lane == "slow" and self._count("slow") < self.slow_slots:
            self._spawn("slow")
        fut: asyncio.Future = asyncio.get_running_loop().create_future()
        self._waiting[lane].append(fut)
        try:
            async with asyncio.timeout(self.max_wait):
                return await fut
        except BaseException:
            if fut.done() and not fut.cancelled():
                self._release(fut.result())
            else:
                fut.cancel()
            raise

    async def _ask(self, w: WorkerProcess, job: dict[str, Any], key: str, limit: float) -> Reply:
        t0 = time.monotonic()
        watch_lane = w.lane == "fast" and self.slow_slots > 0 and self.slow_after < limit
        cpu0 = w.cpu_seconds() if watch_lane else 0.0
        task = asyncio.ensure_future(w.ask(job))
        try:
            if watch_lane:
                await self._until_done_or_slow(w, task, key, cpu0, t0 + limit)
            remaining = max(0.0, limit - (time.monotonic() - t0))
            reply = await asyncio.wait_for(asyncio.shield(task), remaining)
        except TimeoutError:
            self._kill(w, task)
            self._remember_slow(key)
            raise PoolError(
                f"the query ran longer than the timeout of {limit:g} s and was stopped", "timeout"
            ) from None
        except PoolError:
            self._kill(w, task)
            raise
        except (asyncio.IncompleteReadError, ConnectionError, ValueError) as e:
            try:
                death = await w.death()
            finally:
                self._kill(w, task)
            if death.kind == "memory":
                mb = f" of {self.memory_mb} MB" if self.memory_mb else ""
                raise PoolError(
                    f"the query needed more memory than the limit{mb} and was stopped", "memory"
                ) from None
            raise PoolError(f"{death} ({e!r})", "worker") from None
        except BaseException:  # cancelled: the client went away
            self._kill(w, task)
            raise
        elapsed = time.monotonic() - t0
        if w.lane == "fast":
            self._service += 0.1 * (elapsed - self._service)
            self._done.append(time.monotonic())
        elif elapsed < self.slow_after / 2:
            self._slow.pop(key, None)
        self._release(w)
        return reply

    async def _until_done_or_slow(
        self, w: WorkerProcess, task: asyncio.Future, key: str, cpu0: float, deadline: float
    ) -> None:
        """Wait until the query ends, moves to the slow lane, or reaches ``deadline``.

        It moves once it has used ``slow_after`` seconds of CPU (or run
        :data:`WALL_FACTOR` times that long, waiting on the disk); or earlier,
        once it has used :data:`EARLY_CPU` seconds of CPU, if other queries
        wait for a fast worker and the slow lane has room. CPU time, not the
        clock: on a busy machine a short query may wait long for the CPU, and
        must not be taken for a slow one.
        """
        t0, wait = time.monotonic(), EARLY_CPU  # no query uses more CPU than time
        while True:
            done, _ = await asyncio.wait({task}, timeout=wait)
            now = time.monotonic()
            if done or now >= deadline:
                return
            wait = CHECK_EVERY
            used = w.cpu_seconds() - cpu0
            if used >= self.slow_after or now - t0 >= WALL_FACTOR * self.slow_after:
                self._demote(w, key, remember=True)
                return
            room = self._slow_running() < self.slow_slots
            if used >= EARLY_CPU and room and self._queued("fast"):
                self._demote(w, key, remember=False)
                return

    def _queued(self, lane: str) -> int:
        return sum(1 for f in self._waiting[lane] if not f.done())

    def _slow_running(self) -> int:
        return sum(1 for g in self._gens() for w in g.workers if w.lane == "slow" and w.busy)

    def _demote(self, w: WorkerProcess, key: str, *, remember: bool) -> None:
        """Move a long-running query to the slow lane (or stop it if the lane is full).

        With ``remember`` (it used ``slow_after`` seconds), its text goes
        straight to the slow lane next time (so does a query stopped by the
        timeout); a query moved early is not remembered.
        """
        if self._slow_running() >= self.slow_slots:
            raise PoolError(
                f"the query ran longer than {self.slow_after:g} s while {self.slow_slots} "
                "long-running queries were already running, and was stopped",
                "busy",
                self._retry_after("slow"),
            )
        if self._idle["slow"] and self._count("slow") >= self.slow_slots:
            self._retire(self._idle["slow"][0])  # room for this one
        w.renice()
        if remember:
            self._remember_slow(key)
        self._top_up()

    def _remember_slow(self, key: str) -> None:
        """Send this query text straight to the slow lane next time."""
        if self.slow_slots:
            self._slow[key] = None
            self._slow.move_to_end(key)
            while len(self._slow) > SLOW_MEMO:
                self._slow.popitem(last=False)

    # ---- workers ----------------------------------------------------------------

    def _gens(self) -> list[Generation]:
        return [g for g in [self._gen, *self._old] if g is not None]

    def _count(self, lane: str) -> int:
        """Fast, spare: the current store's workers; slow: slow workers of any store."""
        current = [self._gen] if self._gen else []
        gens = self._gens() if lane == "slow" else current
        alive = sum(1 for g in gens for w in g.workers if w.lane == lane)
        return alive + self._starting[lane]

    def _release(self, w: WorkerProcess) -> None:
        """A worker is free: hand it to the first waiting query of its lane, or keep it idle."""
        if self._closing or not w.alive or self._gen is None or w not in self._gen.workers:
            self._retire(w)
            return
        waiting = self._waiting[w.lane]
        while waiting:
            fut = waiting.popleft()
            if not fut.done():
                fut.set_result(w)
                return
        self._idle[w.lane].append(w)

    def _kill(self, w: WorkerProcess, task: asyncio.Future) -> None:
        task.cancel()
        w.kill()
        self.killed += 1
        self._retire(w)

    def _retire(self, w: WorkerProcess) -> None:
        """Take a worker out of service (stopped, or reaped if killed); keep the lane full."""
        found = False
        for g in self._gens():
            if w in g.workers:
                found = True
                g.workers.discard(w)
                g.stopping.append(self._chore(w.stop() if w.alive else w.reap()))
                if g is not self._gen:
                    self._drop_if_empty(g)
        if not found:
            self._chore(w.stop() if w.alive else w.reap())
        for idle in self._idle.values():
            with contextlib.suppress(ValueError):
                idle.remove(w)
        self._top_up()

    def _top_up(self) -> None:
        """Keep ``size`` fast workers (a spare steps in at once) and the spares ready."""
        if self._closing or self._gen is None:
            return
        spares = self._idle["spare"]
        while self._count("fast") < self.size and spares:
            w = spares.popleft()
            if w.alive and w in self._gen.workers:
                w.lane = "fast"
                self._release(w)
            else:
                self._retire(w)
        for _ in range(self.size - self._count("fast")):
            self._spawn("fast")
        for _ in range(self.spares - self._count("spare")):
            self._spawn("spare")

    async def _on_exit(self, w: WorkerProcess) -> None:
        """Notice a worker that died on its own (killed from outside, crashed) and replace it."""
        await w.reap()  # also closes its input while the loop runs
        if not self._closing and any(w in g.workers for g in self._gens()):
            if not w.busy:  # a busy one is reported by the query that ran in it
                log.warning("kg serve: a query worker ended (exit code %s)", w.proc.returncode)
            self._retire(w)

    def _spawn(self, lane: str) -> None:
        self._starting[lane] += 1
        self._background(self._replace(lane))

    async def _replace(self, lane: str) -> None:
        """Start one worker over the current store, retrying until one starts."""
        delay = 0.2
        try:
            while not self._closing:
                gen = self._gen
                assert gen is not None
                if lane == "slow" and not self._waiting["slow"]:
                    return
                try:
                    (w,) = await self._start_workers(gen, 1, lane)
                except WorkerError as e:
                    log.warning("kg serve: a query worker did not start: %s", e)
                    await self._check_link()
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 5.0)
                    continue
                self._starting[lane] -= 1
                lane = ""  # counted now
                self._release(w)
                return
        finally:
            if lane:
                self._starting[lane] -= 1

    async def _start_workers(
        self, gen: Generation, n: int, lane: str = "fast"
    ) -> list[WorkerProcess]:
        """Start ``n`` workers over ``gen``'s store (while they start, ``gen`` is not dropped)."""
        gen.starting += n
        try:
            results = await asyncio.gather(
                *(
                    WorkerProcess.start(gen.store, lane=lane, memory_mb=self.memory_mb)
                    for _ in range(n)
                ),
                return_exceptions=True,
            )
        finally:
            gen.starting -= n
        errors = [r for r in results if isinstance(r, BaseException)]
        workers = [r for r in results if isinstance(r, WorkerProcess)]
        if errors:
            for w in workers:
                w.kill()
                self._chore(w.reap())
            if gen in self._old:  # it was waiting for these to start before going
                self._drop_if_empty(gen)
            raise errors[0]
        gen.workers.update(workers)
        for w in workers:
            self._chore(self._on_exit(w))
        return workers

    def _background(self, coro: Any) -> None:
        """Run ``coro`` beside the requests; cancelled on close."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _chore(self, coro: Any) -> asyncio.Task:
        """Run ``coro`` beside the requests; awaited on close."""
        task = asyncio.get_running_loop().create_task(coro)
        self._chores.add(task)
        task.add_done_callback(self._chores.discard)
        return task
