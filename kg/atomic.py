"""Atomic replacement of files and directories.

A file is written to a temporary sibling and renamed over the target, so a
reader sees either the old or the new content, never a partial one. A store
directory is published through a symlink swapped with one rename.

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
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


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
