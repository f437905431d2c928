"""The lock that keeps two writers of one build directory apart.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with folder_lock(d):
...     (d / ".kg-lock").exists()
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def folder_lock(folder: Path, name: str = ".kg-lock") -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (released when the process dies, even by SIGKILL).

    Raises
    ------
    BlockingIOError
        When another process holds the lock.
    """
    import fcntl

    path = Path(folder) / name
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)
