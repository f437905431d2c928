"""One query worker process as the server sees it: start, ask, renice, kill, why it died.

A worker (:mod:`kg.server.worker`) is started over one store directory, in a
*lane*: ``fast`` workers run at normal priority; a ``slow`` worker (one whose
query ran long, or one started for a query known to be slow) is reniced to 19
so that it only gets the CPU the fast lane leaves. Its stderr is drained into a
short tail, read when it dies: the Rust allocator's "memory allocation of N
bytes failed" means the query hit the worker's memory cap.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.server.worker import MEMORY_EXIT

WORKER_MODULE = "kg.server.worker"
START_TIMEOUT = 60.0
STDERR_TAIL = 4096
SLOW_NICE = 19
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
log = logging.getLogger("kg.server")


class WorkerError(RuntimeError):
    """A worker could not start, or died while answering (``kind``: ``worker`` or ``memory``)."""

    def __init__(self, message: str, kind: str = "worker") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Reply:
    """A worker's answer: the header (``ok``, ``error``, ``format`` ...) and payload bytes."""

    header: dict[str, Any]
    payload: bytes


class WorkerProcess:
    """A running worker over ``store`` in lane ``lane`` (use :meth:`start`)."""

    def __init__(self, proc: asyncio.subprocess.Process, store: Path, lane: str) -> None:
        self.proc = proc
        self.store = store
        self.lane = lane
        self.started_job: float | None = None
        self.busy = False
        self.limit: int | None = None
        self._tail = bytearray()
        self._drain = asyncio.get_running_loop().create_task(self._read_stderr())

    @classmethod
    async def start(
        cls, store: Path, *, lane: str = "fast", memory_mb: int | None = None
    ) -> WorkerProcess:
        """Start a worker over ``store`` and wait until it has opened it.

        Raises
        ------
        WorkerError
            When it does not start (the store is gone, unreadable ...).
        """
        args = [sys.executable, "-m", WORKER_MODULE, str(store)]
        if memory_mb:
            args += ["--memory", str(memory_mb)]
        env = os.environ | {"RUST_BACKTRACE": "0", "MALLOC_ARENA_MAX": "2"}
        proc = await asyncio.create_subprocess_exec(
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            limit=1 << 20,
            env=env,
        )
        worker = cls(proc, Path(store), lane)
        if lane == "slow":
            worker.renice()
        try:
            ready = await asyncio.wait_for(worker.read(), START_TIMEOUT)
        except (TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
            worker.kill()
            raise WorkerError(f"query worker did not start ({worker.why(e)})") from None
        except BaseException:
            worker.kill()
            raise
        if not ready.header.get("ready"):
            worker.kill()
            raise WorkerError(ready.header.get("message", "query worker failed"))
        worker.limit = ready.header.get("limit")
        return worker

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return self.proc.returncode is None

    async def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        with contextlib.suppress(Exception):
            while chunk := await self.proc.stderr.read(4096):
                self._tail += chunk
                del self._tail[:-STDERR_TAIL]

    async def read(self) -> Reply:
        assert self.proc.stdout is not None
        header = json.loads(await self.proc.stdout.readline())
        payload = await self.proc.stdout.readexactly(header.get("length", 0))
        return Reply(header, payload)

    async def ask(self, job: dict[str, Any]) -> Reply:
        """Send one job and read its reply."""
        assert self.proc.stdin is not None
        self.started_job = time.monotonic()
        self.busy = True
        self.proc.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
        await self.proc.stdin.drain()
        reply = await self.read()
        self.busy = False
        self.started_job = None
        return reply

    def cpu_seconds(self) -> float:
        """CPU time the process has used so far (user and system; 0 if unknown)."""
        try:
            with open(f"/proc/{self.proc.pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        except (OSError, IndexError, ValueError):
            return 0.0

    def renice(self) -> None:
        """Move to the slow lane: lowest CPU priority (it cannot be raised again)."""
        self.lane = "slow"
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, self.proc.pid, SLOW_NICE)

    def kill(self) -> None:
        """Kill the process and close its input (see :meth:`close_input`)."""
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        self.close_input()

    def close_input(self) -> None:
        """Close the pipe to the process while the event loop runs.

        A pipe left open is closed when its transport is collected, possibly after the
        loop has closed, which then fails ("Event loop is closed").
        """
        if self.proc.stdin is not None and not self.proc.stdin.is_closing():
            self.proc.stdin.close()

    async def death(self, wait: float = 2.0) -> WorkerError:
        """Why the process ended (it has closed its output): ``memory`` or ``worker``."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.proc.wait(), wait)
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(asyncio.shield(self._drain), 0.5)
        text = self._tail.decode("utf-8", "replace")
        if MEMORY_EXIT in text:
            return WorkerError("the query needed more memory than its limit", "memory")
        last = text.strip().splitlines()[-1:] or [f"exit code {self.proc.returncode}"]
        return WorkerError(f"the query worker died ({last[0][:200]})")

    def why(self, error: BaseException) -> str:
        text = self._tail.decode("utf-8", "replace").strip().splitlines()
        return text[-1][:200] if text else repr(error)

    async def stop(self) -> None:
        """Close its input and wait for it (kill it after 5 s)."""
        self.close_input()
        if self.proc.returncode is None:
            try:
                await asyncio.wait_for(self.proc.wait(), 5)
            except TimeoutError:
                self.kill()
                await self.proc.wait()

    async def reap(self) -> None:
        """Wait for the process to end (no zombie is left), then close its input."""
        with contextlib.suppress(ProcessLookupError):
            await self.proc.wait()
        self.close_input()
