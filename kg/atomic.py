"""Atomic replacement of files and directories.

A file is written to a temporary sibling and renamed over the target, so a
reader sees either the old or the new content, never a partial one. A store
directory is published through a symlink swapped with one rename. A build's
outputs are prepared under temporary names (:class:`Staging`) and renamed
together with SIGINT and SIGTERM held back (:func:`kg.signals.signals_deferred`),
so an interrupted build leaves the previous one whole. Temporary names start with a
dot and end in ``.tmp`` (or start with ``.kg-``), so :func:`clean_stale`
finds what a killed build left behind.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_text(d / "a.txt", "一")
>>> (d / "a.txt").read_text(encoding="utf-8")
'一'
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

STAGING_PREFIX = ".kg-tmp-"
SORT_PREFIX = ".kg-sort-"
"""Prefix of an external sort's temporary folders (:mod:`kg.build.external_sort`)."""
STALE_PREFIXES = (STAGING_PREFIX, SORT_PREFIX)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(path: Path, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary sibling of ``path`` for writing; rename it over ``path`` on success.

    On an exception the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Atomically write ``data`` to ``path``."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def write_text(path: Path, text: str) -> None:
    """Atomically write UTF-8 ``text`` to ``path`` (LF line ends)."""
    with atomic_open(path, "w") as fh:
        fh.write(text)


def swap_symlink(link: Path, target: str) -> str | None:
    """Point ``link`` at ``target`` with one atomic rename; return the old target, if any."""
    link = Path(link)
    old = os.readlink(link) if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link}: exists and is not a symlink")
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)
    return old


def remove_tree(path: Path) -> None:
    """Remove a directory tree if it exists."""
    shutil.rmtree(path, ignore_errors=True)


class Staging:
    """Files of one folder written under temporary names, then renamed together.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> st = Staging(d)
    >>> _ = st.path("a.txt").write_text("new", encoding="utf-8")
    >>> (d / "a.txt").exists()
    False
    >>> st.commit()
    >>> (d / "a.txt").read_text(encoding="utf-8")
    'new'
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.token = f"{os.getpid()}-{time.time_ns()}"
        self.items: list[tuple[Path, Path]] = []

    def path(self, name: str) -> Path:
        """The temporary path that will become ``folder/name`` on :meth:`commit`."""
        tmp = self.folder / f"{STAGING_PREFIX}{self.token}-{name}"
        self.items.append((tmp, self.folder / name))
        return tmp

    def commit(self) -> None:
        """Sync the staged files to disk, then rename each over its target, in order."""
        mode = 0o666 & ~_umask()
        for tmp, _ in self.items:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(tmp, mode)
        for tmp, final in self.items:
            os.replace(tmp, final)
        self.items = []

    def discard(self) -> None:
        """Remove every staged file not yet committed."""
        for tmp, _ in self.items:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
        self.items = []


def clean_stale(folder: Path) -> list[str]:
    """Remove temporary files and folders a killed process left in ``folder``.

    Only call it while holding the folder's build lock. Returns the names removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".graph.ttl.abc.tmp").write_text(""), (d / "graph.ttl").write_text("")
    >>> clean_stale(d)
    ['.graph.ttl.abc.tmp']
    """
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if not (
            name.startswith(STALE_PREFIXES) or (name.startswith(".") and name.endswith(".tmp"))
        ):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with suppress(FileNotFoundError):
                entry.unlink()
        removed.append(name)
    return removed
