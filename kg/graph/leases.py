"""Leases on published stores: a store that a reader has open is never deleted.

A build publishes a new store under ``DIR/.stores/`` and then removes the old
ones (:func:`kg.build.publish.publish`). A process that opens a store (``kg serve``
and its query workers) first takes a *lease* on it: a shared ``flock`` on the
file ``.stores/<id>.lease``. A store is removed only under an exclusive,
non-blocking ``flock`` of the same file, so a leased store is kept; the next
build, or the server once it lets the store go, removes it. ``flock`` locks
die with their process (even by SIGKILL), so a crashed server never pins a
store for ever.

The protocol, for a reader: open the lease file, take the shared lock, then
check that the lease file is still the one at its path and that the store
still exists (a remover may have removed both between the reader's look at the
``store`` link and its lock); otherwise look again. For a remover: take the
exclusive lock without waiting (give up if a reader holds a lease), remove the
store, then unlink the lease file, then let the lock go.

Examples
--------
>>> import tempfile, pathlib
>>> stores = pathlib.Path(tempfile.mkdtemp())
>>> (stores / "s1").mkdir()
>>> lease = take(stores / "s1")
>>> remove_unused(stores / "s1")        # leased: kept
False
>>> lease.release()
>>> remove_unused(stores / "s1"), (stores / "s1").exists()
(True, False)
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import suppress
from pathlib import Path

from kg.builddir import STORE_LINK
from kg.graph.store import StoreError

LEASE_SUFFIX = ".lease"


class StoreGone(StoreError):
    """The store was removed before a lease on it could be taken."""


def lease_file(store_dir: Path) -> Path:
    """The lease file of the store directory ``store_dir`` (a sibling: ``<id>.lease``)."""
    store_dir = Path(store_dir)
    return store_dir.with_name(store_dir.name + LEASE_SUFFIX)


class Lease:
    """A shared lock on a store's lease file; :meth:`release` (or process death) ends it."""

    def __init__(self, store_dir: Path, fd: int | None) -> None:
        self.store_dir = Path(store_dir)
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        """Whether the lease is still held."""
        return self._fd is not None

    def release(self) -> None:
        """Let the store go (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"Lease({str(self.store_dir)!r}, held={self.held})"


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    own = os.fstat(fd)
    return (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino)


def try_take(store_dir: Path) -> Lease | None:
    """Take a lease on ``store_dir`` without waiting.

    In a folder this process cannot write, the lease file is only opened for
    reading (a shared lock needs no more); if there is none, the returned lease
    holds nothing (:attr:`Lease.held` is false).

    Returns
    -------
    Lease or None
        ``None`` while a remover holds the lock (a moment: ask again).

    Raises
    ------
    StoreGone
        When the store does not exist (any more).
    """
    store_dir = Path(store_dir)
    path = lease_file(store_dir)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except FileNotFoundError:
        raise StoreGone(f"{store_dir}: the store was removed") from None
    except OSError:  # a folder this process may not write (read-only build, other owner)
        if not store_dir.is_dir():
            raise StoreGone(f"{store_dir}: the store was removed") from None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:  # no lease file and none can be made: serve without a lease
            return Lease(store_dir, None)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    if not _same_file(fd, path) or not store_dir.is_dir():
        os.close(fd)
        raise StoreGone(f"{store_dir}: the store was removed")
    return Lease(store_dir, fd)


def take(store_dir: Path, *, wait: float = 30.0) -> Lease:
    """Take a lease on ``store_dir``, waiting at most ``wait`` seconds for a remover.

    Raises
    ------
    StoreGone
        When the store does not exist (any more).
    StoreError
        When a remover held the lock for longer than ``wait``.
    """
    deadline = time.monotonic() + wait
    while True:
        lease = try_take(store_dir)
        if lease is not None:
            return lease
        if time.monotonic() > deadline:
            raise StoreError(f"{store_dir}: no lease within {wait:g} s")
        time.sleep(0.02)


def take_current(build_dir: Path, *, attempts: int = 20) -> Lease:
    """A lease on the store a build directory's ``store`` link points to right now.

    When a rebuild removes that store between the look at the link and the
    lock, the link is read again.

    Raises
    ------
    StoreError
        When the directory holds no build.
    """
    link = Path(build_dir) / STORE_LINK
    for _ in range(attempts):
        if not link.exists():
            hint = f"run `kg build --out {build_dir}` first"
            raise StoreError(f"{build_dir}: no build found ({hint})")
        with suppress(StoreGone):
            return take(link.resolve())
    raise StoreError(f"{build_dir}: the store changed {attempts} times while opening it")


def remove_unused(store_dir: Path) -> bool:
    """Remove the store ``store_dir`` and its lease file unless a reader holds a lease.

    Returns
    -------
    bool
        Whether it was removed (``True`` too when it was already gone).
    """
    store_dir = Path(store_dir)
    path = lease_file(store_dir)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except FileNotFoundError:  # the folder itself is gone
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        shutil.rmtree(store_dir, ignore_errors=True)
        if store_dir.exists():
            return False
        with suppress(FileNotFoundError):
            os.unlink(path)
        return True
    finally:
        os.close(fd)


def collect(stores_dir: Path, keep: set[str]) -> list[str]:
    """Remove every store under ``stores_dir`` not named in ``keep`` and not leased.

    Lease files left without their store are removed too. Only call it while
    no other process may be creating a store there (a build holds its folder
    lock).

    Returns
    -------
    list of str
        The names of the stores kept because a reader holds them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("old", "served", "new"):
    ...     (d / name).mkdir()
    >>> lease = take(d / "served")
    >>> collect(d, keep={"new"})
    ['served']
    >>> sorted(p.name for p in d.iterdir())
    ['new', 'served', 'served.lease']
    """
    stores_dir = Path(stores_dir)
    if not stores_dir.is_dir():
        return []
    held = []
    for entry in sorted(stores_dir.iterdir()):
        name = entry.name
        if name.endswith(LEASE_SUFFIX):
            store = stores_dir / name[: -len(LEASE_SUFFIX)]
            if store.name not in keep and not store.exists():
                remove_unused(store)
            continue
        if name in keep or not entry.is_dir() or entry.is_symlink():
            continue
        if not remove_unused(entry):
            held.append(name)
    return held
