"""Input documents, discovered and read lazily: files, folders and JSON Lines collections.

A file is one document named by its basename. A folder is searched recursively
(hidden entries skipped). A JSON Lines file (``.jsonl``, ``.ndjson``, optionally
``.gz``) is a collection: each line is one document whose text is the field
``jsonl_field`` (default ``content``) and whose name is
``<file name>#<id>`` with the value of ``jsonl_id`` (default ``id``) or, when a
record has no such field, ``<file name>#L<line number>`` (1-based). Both are
stable as long as the file keeps its name and records keep their ids (or lines
their positions).

Nothing is read before it is needed: :func:`iter_sources` yields one
:class:`Source` at a time, and a source's bytes are loaded by the consumer.

Examples
--------
>>> import tempfile, pathlib, json
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> lines = [json.dumps({"id": 7, "content": "党委"}), json.dumps({"content": "县委"})]
>>> _ = (d / "a.jsonl").write_text("\\n".join(lines), encoding="utf-8")
>>> [(s.name, s.load().decode()) for s in iter_sources([d / "a.jsonl"])]
[('a.jsonl#7', '党委'), ('a.jsonl#L2', '县委')]
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.errors import KgError

HIDDEN_PREFIXES = (".", "~", "#")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


class SourceError(KgError, RuntimeError):
    """A fatal input error (missing path, clashing names); one line naming the path."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: its name, where it comes from, and how to get its bytes.

    ``size`` is known before loading for files (so oversized files are never
    read); ``problem`` is set when the record itself is unusable (e.g. a JSON
    Lines record that is not JSON), in which case ``load`` is never called.
    """

    name: str
    origin: str
    load: Callable[[], bytes]
    size: int | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class JsonlOptions:
    """How JSON Lines records become documents."""

    field: str = "content"
    id_field: str = "id"


def is_jsonl(path: Path) -> bool:
    """Whether ``path`` names a JSON Lines collection (by suffix)."""
    return path.name.lower().endswith(JSONL_SUFFIXES)


def _open_text(path: Path) -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="surrogateescape")
    return path.open(encoding="utf-8", errors="surrogateescape")


def _files(paths: Iterable[Path]) -> list[Path]:
    """Expand paths into files, sorted by name; check that names are unique."""
    found: dict[str, Path] = {}
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise SourceError(f"{p}: no such file or folder")
        if p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and not any(part.startswith(HIDDEN_PREFIXES) for part in f.relative_to(p).parts)
            )
        else:
            files = [p]
        for f in files:
            if f.name in found and found[f.name].resolve() != f.resolve():
                raise SourceError(
                    f"{f}: same file name as {found[f.name]} (document names must be unique)"
                )
            found[f.name] = f
    return [found[name] for name in sorted(found)]


def _file_source(path: Path) -> Source:
    try:
        size = path.stat().st_size
    except OSError as e:
        return Source(path.name, str(path), path.read_bytes, problem=e.strerror or str(e))
    return Source(path.name, str(path), path.read_bytes, size=size)


def _jsonl_sources(path: Path, opts: JsonlOptions) -> Iterator[Source]:
    try:
        fh = _open_text(path)
    except OSError as e:
        yield Source(path.name, str(path), bytes, problem=e.strerror or str(e))
        return
    with fh:
        try:
            yield from _jsonl_records(path, fh, opts)
        except (OSError, EOFError) as e:  # truncated or corrupt .gz
            yield Source(f"{path.name}#read", str(path), bytes, problem=f"unreadable ({e})")


def _jsonl_records(path: Path, fh: IO[str], opts: JsonlOptions) -> Iterator[Source]:
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        name = f"{path.name}#L{n}"
        origin = f"{path}:{n}"
        try:
            record = json.loads(line)
        except ValueError as e:
            yield Source(name, origin, bytes, problem=f"not a JSON record ({e})")
            continue
        if not isinstance(record, dict):
            yield Source(name, origin, bytes, problem="not a JSON object")
            continue
        rid = record.get(opts.id_field)
        if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip():
            name = f"{path.name}#{rid}"
        text = record.get(opts.field)
        if not isinstance(text, str):
            yield Source(name, origin, bytes, problem=f"no text field {opts.field!r}")
            continue
        data = text.encode("utf-8", errors="surrogateescape")
        yield Source(name, origin, (lambda data=data: data), size=len(data))


def iter_sources(paths: Iterable[Path], jsonl: JsonlOptions | None = None) -> Iterator[Source]:
    """Yield the documents of ``paths`` one at a time, files sorted by name.

    Raises
    ------
    SourceError
        When a path does not exist or two files share a name.
    """
    opts = jsonl or JsonlOptions()
    for f in _files(paths):
        if is_jsonl(f):
            yield from _jsonl_sources(f, opts)
        else:
            yield _file_source(f)


def count_sources(paths: Iterable[Path]) -> int:
    """Number of documents :func:`iter_sources` will yield (one cheap pass over JSON Lines).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("x"), (d / "b.jsonl").write_text("{}\\n{}\\n\\n")
    >>> count_sources([d])
    3
    """
    total = 0
    for f in _files(paths):
        if not is_jsonl(f):
            total += 1
            continue
        try:
            with _open_text(f) as fh:
                total += sum(1 for line in fh if line.strip())
        except (OSError, EOFError):
            total += 1
    return total
