"""The errors the library raises for bad input or a missing build, on one base, in one light module.

Every expected failure of the library (an unreadable input, a missing or stale
build, an unknown document or name, a refused query) is a :class:`KgError`:
its ``str()`` is one line naming the file (or the thing) and the cause. The
command line catches that one base and prints the line (exit code 2); keeping
the classes here lets it do so without importing the build machinery (jieba,
the worker pool) on every command. ``extract`` stands apart (it never imports
``kg``): its :class:`extract.ingest.reader.IngestError` is caught beside this base.

The subclasses say where an error came from; each also derives from the built-in
exception it always was (``RuntimeError``, ``ValueError``, ``LookupError``), so
callers catching those still do.

Examples
--------
>>> issubclass(ExportError, KgError), issubclass(BuildError, RuntimeError)
(True, True)
>>> str(BuildError("in/a.txt: empty file"))
'in/a.txt: empty file'
"""

from __future__ import annotations


class KgError(Exception):
    """The base of the library's expected errors; ``str()`` is one line naming file and cause."""


class BuildError(KgError, RuntimeError):
    """A fatal build error: no inputs, a missing or stale build, an unknown document."""


class DaskUnavailable(BuildError):
    """``--dask`` was asked for but dask.distributed is not installed or unreachable."""


class ExportError(BuildError):
    """``kg export`` cannot write what was asked (unknown format, document or destination)."""


class StoreError(KgError, RuntimeError):
    """The build's store is missing or unreadable."""
