"""The budget of one document's extraction: CPU seconds and memory, enforced in its process.

:func:`limited` runs a block under a :class:`Budget`: a CPU-time timer
(``ITIMER_PROF``) interrupts it when its seconds are spent, and the
process's address space is capped (``RLIMIT_AS``) at what it uses now plus
the memory budget, so an allocation past it fails with ``MemoryError``
instead of taking the machine's memory. Either way the block ends with
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
REFIRE = 0.5
"""Seconds of CPU after which the timer fires again if the first interruption was swallowed."""


class OverBudget(Exception):
    """A document went over its budget; ``str()`` is the skip reason."""


class _TimeUp(BaseException):
    """Raised by the timer; a BaseException so that no ``except Exception`` swallows it."""


@dataclass(frozen=True, slots=True)
class Budget:
    """CPU seconds and megabytes one document may use; ``None`` lifts that limit."""

    seconds: float | None = DEFAULT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB


def _address_space() -> int | None:
    try:
        with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _cap_memory(memory_mb: int | None) -> tuple[int, int] | None:
    """Cap the address space at what is used now plus ``memory_mb``; the limits it replaced."""
    used = _address_space() if memory_mb is not None and resource is not None else None
    if used is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + memory_mb * 1024 * 1024
    for limit in (soft, hard):
        if limit != resource.RLIM_INFINITY:
            cap = min(cap, limit)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return soft, hard


@contextmanager
def limited(budget: Budget | None) -> Iterator[None]:
    """Run the block within ``budget`` (no limit when ``None`` or outside the main thread).

    Raises
    ------
    OverBudget
        When the block spent its CPU seconds or could not get memory within its budget.
    """
    if budget is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    over_time = f"over the time budget (--doc-timeout {budget.seconds or 0:g} s of CPU)"
    armed = [True]

    def on_timer(signum, frame) -> None:
        if armed[0]:
            raise _TimeUp

    timed = budget.seconds is not None and hasattr(signal, "setitimer")
    try:  # a timer firing while the limits are lifted ends here, as over time
        previous = signal.signal(signal.SIGPROF, on_timer) if timed else None
        restore = _cap_memory(budget.memory_mb)
        if timed:
            signal.setitimer(signal.ITIMER_PROF, budget.seconds, REFIRE)
        try:
            yield
        except _TimeUp:
            raise OverBudget(over_time) from None
        except MemoryError:
            if restore is None:
                raise
            raise OverBudget(
                f"over the memory budget (--doc-memory {budget.memory_mb} MB)"
            ) from None
        finally:
            armed[0] = False
            if timed:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, previous)
            if restore is not None:
                resource.setrlimit(resource.RLIMIT_AS, restore)
    except _TimeUp:
        raise OverBudget(over_time) from None
