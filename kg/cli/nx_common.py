"""What the graph-analysis subcommands share: loading the projection, their errors.

Examples
--------
>>> from kg.nx.common import UnknownItem
>>> @analysis_errors
... def f():
...     raise UnknownItem("no actor named 'x'")
>>> f()
Traceback (most recent call last):
...
kg.cli.common.CommandError: no actor named 'x'
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from kg.cli.common import ONE_SHOT, CommandError, progress_enabled


def load(out: Path) -> Any:
    """The whole projection of the build in ``out``, from its saved copy (:mod:`kg.nx.cache`)."""
    from kg.nx.cache import saved_graph

    with _loading():
        return saved_graph(out, progress=progress_enabled())


def load_focus(out: Path, make: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The part of the build's saved projection ``make`` (a :mod:`kg.nx.focus` function) loads."""
    from kg.nx.cache import open_projection

    with _loading():
        p = open_projection(out, progress=progress_enabled())
        try:
            return make(p, *args, **kwargs)
        finally:
            p.close()


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """In the ``kg`` console process: no garbage collection while loading, then a freeze.

    The console process loads the graph once and exits after its analysis.
    Loading makes hundreds of thousands of dicts and tuples and no garbage;
    afterwards, every full collection the analysis triggers would walk them
    all again (together a third of ``kg who``'s time at a million edges).
    So the collector is off while the graph loads and indexes, and what is
    alive then is frozen (:func:`gc.freeze`). Only there: a process that
    runs many commands (tests, a notebook) would keep frozen garbage until
    it ends.
    """
    from kg.nx.cache import paused_gc

    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    if not (isinstance(obj, dict) and obj.get(ONE_SHOT)):
        yield
        return
    with paused_gc():
        yield
        gc.freeze()


def analysis_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an unknown actor, item or document into a one-line ``CommandError``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from kg.nx.common import UnknownItem

        try:
            return func(*args, **kwargs)
        except UnknownItem as e:
            raise CommandError(str(e.args[0] if e.args else e)) from e

    return wrapper
