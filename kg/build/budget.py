"""The budget of one document's extraction: CPU seconds and memory, enforced in its process.

:func:`limited` runs a block under a :class:`Budget`: a CPU-time timer
(``ITIMER_PROF``) interrupts it when its seconds are spent or when the
resident memory it added is over the memory budget; a hard cap on the
address space (``RLIMIT_AS``) stops a single huge allocation with
``MemoryError`` before it takes the machine's memory. Either way the block
ends with
:class:`OverBudget`, whose message is the skip reason; the limits are lifted
on the way out, so the process goes on with the next document.

CPU time rather than wall time: a document's cost does not depend on how
many other processes share the cores. The limits need the main thread of a
POSIX process (a local worker, or the build itself with one worker); in a
thread (a Dask worker) the block runs without them.

Examples
--------
>>> with limited(Budget(seconds=5, memory_mb=512)):
...     total = sum(range(1000))
>>> try:
...     with limited(Budget(seconds=0.2, memory_mb=None)):
...         while True:
...             pass
... except OverBudget as e:
...     print(e)
over the time budget (--doc-timeout 0.2 s of CPU)
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

try:
    import resource
except ImportError:  # not POSIX: no memory cap
    resource = None  # type: ignore[assignment]

DEFAULT_SECONDS = 120.0
"""CPU seconds per document: ten times what the largest bench document (57,000 characters) takes
on a slow core; a pathological one (a 5 MB line without punctuation) is stopped instead of
running for hours."""
DEFAULT_MEMORY_MB = 2048
"""Memory per document above what the process holds already (the largest bench document needs
about 40 MB)."""
TICK = 0.05
"""Seconds of CPU between two checks of a document's budget (and between two interruptions,
should one be swallowed)."""
BACKSTOP = 2
"""The address space may grow by this many times the memory budget: a hard limit for
allocations too large and quick for the checks."""


class OverBudget(Exception):
    """A document went over its budget; ``str()`` is the skip reason."""


class _TimeUp(BaseException):
    """Raised by the timer (over time or memory); a BaseException: no ``except Exception``
    swallows it."""


@dataclass(frozen=True, slots=True)
class Budget:
    """CPU seconds and megabytes one document may use; ``None`` lifts that limit."""

    seconds: float | None = DEFAULT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB


def _statm() -> tuple[int, int] | None:
    """This process's address space and resident memory, in bytes (Linux)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            size, resident = fh.read().split()[:2]
    except (OSError, ValueError):
        return None
    page = os.sysconf("SC_PAGE_SIZE")
    return int(size) * page, int(resident) * page


def _cap_address_space(cap: int) -> tuple[int, int] | None:
    """Lower the address-space limit to ``cap``; return the limits it replaced."""
    if resource is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    for limit in (soft, hard):
        if limit != resource.RLIM_INFINITY:
            cap = min(cap, limit)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return soft, hard


@contextmanager
def limited(budget: Budget | None) -> Iterator[None]:
    """Run the block within ``budget`` (no limit when ``None`` or outside the main thread).

    Every :data:`TICK` seconds of CPU a timer checks the CPU time and the
    resident memory the block added; a hard cap on the address space
    (:data:`BACKSTOP` times the memory budget above what is mapped now)
    stops a single huge allocation before it happens.

    Raises
    ------
    OverBudget
        When the block spent its CPU seconds or grew past its memory budget.
    """
    if budget is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    seconds, memory_mb = budget.seconds, budget.memory_mb
    over_time = f"over the time budget (--doc-timeout {seconds or 0:g} s of CPU)"
    over_memory = f"over the memory budget (--doc-memory {memory_mb or 0} MB)"
    start = _statm() if memory_mb is not None else None
    limit = None if start is None or memory_mb is None else memory_mb * 1024 * 1024
    armed, cpu0 = [True], time.process_time()

    def on_tick(signum, frame) -> None:
        if not armed[0]:
            return
        if seconds is not None and time.process_time() - cpu0 >= seconds:
            raise _TimeUp(over_time)
        now = _statm() if start is not None and limit is not None else None
        if now is not None and now[1] - start[1] > limit:
            raise _TimeUp(over_memory)

    timed = hasattr(signal, "setitimer") and (seconds is not None or limit is not None)
    try:  # a tick while the limits are lifted ends here too
        previous = signal.signal(signal.SIGPROF, on_tick) if timed else None
        restore = None
        if start is not None and limit is not None:
            restore = _cap_address_space(start[0] + BACKSTOP * limit)
        if timed:
            signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
        try:
            yield
        except _TimeUp as e:
            raise OverBudget(str(e)) from None
        except MemoryError:
            if restore is None:
                raise
            raise OverBudget(over_memory) from None
        finally:
            armed[0] = False
            if timed:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, previous)
            if restore is not None:
                resource.setrlimit(resource.RLIMIT_AS, restore)
    except _TimeUp as e:
        raise OverBudget(str(e)) from None
