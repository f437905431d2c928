"""Following rebuilds: how :class:`kg.server.pool.QueryPool` moves to a newly published store.

Every ``watch`` seconds the pool reads the build's ``store`` link. When a build
has published a new store, the pool takes a lease on it, starts a full fast
lane over it, and only then sends new queries there; queries running on the old
store finish on it. When the old store's last worker has exited, the pool lets
its lease go and removes the store, unless another reader holds it (the next
build removes it then). A new store that does not open is tried again after
:data:`RETRY_FAILED_STORE` seconds; the old one stays served meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kg.graph import leases
from kg.graph.store import StoreError
from kg.server.procs import WorkerError, WorkerProcess, log

if TYPE_CHECKING:
    from kg.server.pool import QueryPool

RETRY_FAILED_STORE = 5.0
LANES = ("fast", "slow", "spare")


class Generation:
    """One published store and the workers over it."""

    def __init__(self, store: Path, lease: leases.Lease) -> None:
        self.store = store
        self.lease = lease
        self.workers: set[WorkerProcess] = set()
        self.stopping: list[asyncio.Task] = []
        self.starting = 0
        self.dropped = False


class FollowsBuild:
    """The rebuild-following part of :class:`kg.server.pool.QueryPool` (a mixin)."""

    async def _watch(self: QueryPool) -> None:
        while not self._closing:
            await asyncio.sleep(self.watch)
            try:
                await self._check_link()
            except Exception as e:  # the watch must go on
                log.warning("kg serve: checking for a new build failed: %s", e)

    async def _check_link(self: QueryPool) -> None:
        """Switch to the store the build's link points to, if it is a new one."""
        if self.link is None or self._switching or self._gen is None:
            return
        try:
            target = self.link.resolve(strict=True)
        except OSError:  # no build there right now: keep serving what is open
            return
        if target == self._gen.store:
            return
        if time.monotonic() < self._failed.get(target, 0.0):
            return
        self._switching = True
        try:
            await self._switch(target)
        finally:
            self._switching = False

    async def _switch(self: QueryPool, target: Path) -> None:
        log.info("kg serve: a new build was published (%s); starting its workers", target.name)
        try:
            lease = await asyncio.to_thread(leases.take, target, wait=10)
        except StoreError:  # removed already: a newer build; the next look finds it
            return
        gen = Generation(target, lease)
        try:
            workers = await self._start_workers(gen, self.size)
        except WorkerError as e:
            lease.release()
            self._failed[target] = time.monotonic() + RETRY_FAILED_STORE
            log.warning("kg serve: the new build's store does not open (%s); serving the old", e)
            return
        if self._closing:
            for w in workers:
                await w.stop()
            lease.release()
            return
        old, self._gen = self._gen, gen
        self.switches += 1
        if old is not None:
            self._old.append(old)
            for lane in LANES:
                for w in [w for w in self._idle[lane] if w in old.workers]:
                    self._retire(w)
            self._drop_if_empty(old)
        for w in workers:
            self._release(w)
        log.info("kg serve: now serving %s", target.name)

    def _drop_if_empty(self: QueryPool, gen: Generation) -> None:
        """An old store with no worker left: let it go, and remove it if no one holds it."""
        if gen.workers or gen.starting or gen.dropped or gen is self._gen:
            return
        gen.dropped = True
        with contextlib.suppress(ValueError):
            self._old.remove(gen)
        gen.lease.release()
        if self.link is not None:
            self._chore(self._remove_old(gen))

    async def _remove_old(self: QueryPool, gen: Generation) -> None:
        """Once its workers have exited (their leases with them), remove an old store."""
        await asyncio.gather(*gen.stopping, return_exceptions=True)
        try:
            current = self.link.resolve(strict=True) if self.link else None
        except OSError:
            return
        if gen.store != current and await asyncio.to_thread(leases.remove_unused, gen.store):
            log.info("kg serve: removed the old store %s", gen.store.name)
