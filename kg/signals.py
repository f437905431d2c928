"""Signals: Ctrl-C and SIGTERM held back while a build commits, turned into one interruption.

A build renames its outputs into place with SIGINT and SIGTERM held back
(:func:`signals_deferred`); its worker processes ignore Ctrl-C from their start
(:func:`children_ignore_interrupts`), the parent stops them; under
:func:`sigterm_as_interrupt` SIGTERM unwinds a command as Ctrl-C does, and
:func:`check_interrupt` re-raises an interruption a library swallowed.

Examples
--------
>>> with signals_deferred():
...     pass
>>> was_interrupted()
False
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back inside the block; they arrive when it ends.

    Only effective in the main thread (elsewhere a no-op).
    """
    if not _in_main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def children_ignore_interrupts() -> Iterator[None]:
    """Processes started inside the block ignore Ctrl-C from their first instruction.

    A terminal's Ctrl-C reaches every process of the job; a child still
    importing when it arrives would print a ``KeyboardInterrupt`` traceback
    before it could ignore the signal itself. An ignored SIGINT survives the
    ``exec`` of a spawned child (and Python then installs no handler), so the
    signal is ignored here while children start; the parent stops them. A
    Ctrl-C inside the block (the few milliseconds of a start) is lost. Only
    effective in the main thread (elsewhere a no-op).
    """
    if not _in_main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


_INTERRUPTED = threading.Event()


def _raise_interrupt(signum: int, frame: object) -> None:
    _INTERRUPTED.set()
    raise KeyboardInterrupt(f"signal {signum}")


def check_interrupt() -> None:
    """Raise ``KeyboardInterrupt`` if a signal arrived that some library swallowed.

    Long-running code calls this at safe points (between batches, before
    publishing), so an interruption caught by a careless ``except:`` still stops
    the build.
    """
    if _INTERRUPTED.is_set():
        raise KeyboardInterrupt("interrupted")


def was_interrupted() -> bool:
    """Whether SIGINT or SIGTERM arrived under :func:`sigterm_as_interrupt`."""
    return _INTERRUPTED.is_set()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Inside the block, SIGTERM acts like Ctrl-C: ``KeyboardInterrupt``, remembered.

    So a terminated build unwinds the same way as an interrupted one, removing
    its temporary files; and :func:`check_interrupt` re-raises it if a library
    swallowed the exception. Only effective in the main thread.
    """
    if not _in_main_thread():
        yield
        return
    old = {sig: signal.signal(sig, _raise_interrupt) for sig in _HELD_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
