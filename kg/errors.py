"""The errors the library raises for bad input or a missing build, in one light module.

The command line turns each into a one-line message (exit code 2); keeping
them here lets it catch them without importing the build machinery (jieba,
the worker pool) on every command.

Examples
--------
>>> issubclass(BuildError, RuntimeError)
True
"""

from __future__ import annotations


class BuildError(RuntimeError):
    """A fatal build error; ``str()`` is one line naming the file and cause."""


class DaskUnavailable(RuntimeError):
    """``--dask`` was asked for but dask.distributed is not installed or unreachable."""
