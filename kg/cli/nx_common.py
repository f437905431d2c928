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
kg.cli.common.KgError: no actor named 'x'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.cli.common import KgError, progress_enabled


def load(out: Path) -> Any:
    """The projection of the build in ``out`` (:func:`kg.nx.projection.load_graph`)."""
    from kg.nx.projection import load_graph

    return load_graph(out, progress=progress_enabled())


def analysis_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an unknown actor, item or document into a one-line ``KgError``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from kg.nx.common import UnknownItem

        try:
            return func(*args, **kwargs)
        except UnknownItem as e:
            raise KgError(str(e.args[0] if e.args else e)) from e

    return wrapper
