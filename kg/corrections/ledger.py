"""The corrections file of a build: ``DIR/corrections.jsonl``, plain, diffable, append-only.

One correction per line (:meth:`Correction.to_line`: sorted keys), in the
order they were made; a build applies them in that order. Lines are only
ever appended, under an exclusive ``flock`` on ``DIR/.corrections.lock``, so
two writers (two CLI calls, two browser tabs through the server) never lose
each other's lines; a correction already in the file (same id) is not written
twice, which makes :func:`import_file` idempotent. :func:`export_file` writes
the same lines to another file (atomically), for a team to share in git.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.corrections.records import Correction, Target
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> c = Correction(action="review", target=Target(document="a.txt", kind="document"),
...                author="王", time="2026-01-02T03:04:05Z")
>>> append(d, [c, c])
1
>>> [x.id for x in read(d)] == [c.id], reviewed(d)
(True, ['a.txt'])
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg import atomic
from kg.corrections.records import Correction, CorrectionError

FILE = "corrections.jsonl"
LOCK = ".corrections.lock"


def path(out: Path) -> Path:
    """The corrections file of the build in ``out``."""
    return Path(out) / FILE


def read_file(file: Path) -> list[Correction]:
    """The corrections of a JSON Lines file, in file order (blank lines skipped).

    Raises
    ------
    CorrectionError
        Naming the file, the line and the cause; a missing file is an error.
    """
    try:
        text = Path(file).read_text(encoding="utf-8")
    except OSError as e:
        raise CorrectionError(f"{file}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise CorrectionError(f"{file}: not UTF-8 text") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append(Correction.from_line(line))
            except CorrectionError as e:
                raise CorrectionError(f"{file}:{n}: {e}") from None
    return out


def read(out: Path) -> list[Correction]:
    """The corrections of the build in ``out`` (none when it has no file).

    Read under a shared lock: a line being appended is never seen half-written.
    """
    file = path(out)
    if not file.exists():
        return []
    with _locked(out, fcntl.LOCK_SH):
        return read_file(file)


@contextmanager
def _locked(out: Path, how: int = fcntl.LOCK_EX) -> Iterator[None]:
    Path(out).mkdir(parents=True, exist_ok=True)
    with open(Path(out) / LOCK, "a") as fh:
        fcntl.flock(fh, how)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_locked(out: Path) -> list[Correction]:
    """:func:`read` for a caller that holds the exclusive lock already."""
    file = path(out)
    return read_file(file) if file.exists() else []


def append(out: Path, corrections: Iterable[Correction]) -> int:
    """Append the corrections not yet in the file of ``out``; return how many were written.

    The file is read and appended to under the lock, and synced before the
    lock is released.
    """
    new = list(corrections)
    with _locked(out):
        known = {c.id for c in _read_locked(out)}
        lines = []
        for c in new:
            if c.id not in known:
                known.add(c.id)
                lines.append(c.to_line() + "\n")
        if lines:
            with open(path(out), "a", encoding="utf-8", newline="\n") as fh:
                fh.write("".join(lines))
                fh.flush()
                os.fsync(fh.fileno())
    return len(lines)


def import_file(out: Path, file: Path) -> int:
    """Append the corrections of ``file`` that ``out`` does not have; return how many."""
    return append(out, read_file(file))


def export_file(out: Path, file: Path) -> int:
    """Write the corrections of ``out`` to ``file`` (replaced atomically); return how many."""
    with _locked(out):
        items = _read_locked(out)
    atomic.write_text(Path(file), "".join(c.to_line() + "\n" for c in items))
    return len(items)


def reviewed(out: Path) -> list[str]:
    """Names of the documents marked reviewed (``review`` corrections), sorted."""
    return sorted({c.target.document for c in read(out) if c.action == "review"})
