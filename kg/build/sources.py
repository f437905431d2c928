"""Input documents, discovered and read lazily: files, folders and JSON Lines collections.

A file is one document named by its basename. A folder is searched recursively
(hidden entries skipped, links to folders not followed); what it holds that is
not a regular file (FIFO, device, socket, broken link), and a sub-folder that
cannot be listed, become problem sources (skipped with a warning): only an
input named explicitly may be a FIFO or a device, and it is read without
blocking and never beyond the size limit (:mod:`kg.build.reading`). A name must be
valid UTF-8. A JSON Lines file (``.jsonl``, ``.ndjson``, optionally
``.gz``) is a collection: each line is one document whose text is the field
``jsonl_field`` (default ``content``) and whose name is
``<file name>#<id>`` with the value of ``jsonl_id`` (default ``id``; an id over
:data:`ID_MAX` characters is cut and ends with its hash) or, when a
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
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from extract.ingest.reader import DEFAULT_MAX_BYTES
from kg.build.reading import kind_of, read_bounded, shown
from kg.errors import KgError

HIDDEN_PREFIXES = (".", "~", "#")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


class SourceError(KgError, RuntimeError):
    """A fatal input error (missing path, clashing names); one line naming the path."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: its name, where it comes from, and how to get its bytes.

    ``size`` is known before loading for regular files (so oversized files are
    never read); ``load(limit)`` returns at most ``limit + 1`` bytes (more than
    ``limit`` means too large). ``problem`` is set when the input itself is
    unusable (a JSON Lines record that is not JSON, a FIFO found in a folder,
    a folder that cannot be listed, a name that is not UTF-8), in which case
    ``load`` is never called.
    """

    name: str
    origin: str
    load: Callable[..., bytes]
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


@dataclass(frozen=True, slots=True)
class Entry:
    """A path found among the inputs: a file to read, or one refused with its reason."""

    path: Path
    problem: str | None = None

    @property
    def name(self) -> str:
        """The document name (a refused folder's name ends with a slash)."""
        unreadable = (self.problem or "").startswith(FOLDER_UNREADABLE)
        return self.path.name + ("/" if unreadable else "")


FOLDER_UNREADABLE = "folder not readable"


def _hidden(name: str) -> bool:
    return name.startswith(HIDDEN_PREFIXES)


def _walk(root: Path) -> Iterator[Entry]:
    """The files under ``root`` (symbolic links to folders not followed), and what is refused.

    A folder that cannot be listed, and an entry that is not a regular file
    (a FIFO, a device, a socket, a broken link), is refused with its reason;
    only inputs named explicitly may be FIFOs or devices.
    """
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            e = errors.pop()
            yield Entry(Path(e.filename), f"{FOLDER_UNREADABLE} ({e.strerror or e})")
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        for fn in filenames:
            if _hidden(fn):
                continue
            f = Path(dirpath) / fn
            try:
                mode = f.stat().st_mode
            except OSError as e:
                why = e.strerror or str(e)
                yield Entry(f, f"broken symbolic link ({why})" if f.is_symlink() else why)
                continue
            if stat.S_ISREG(mode):
                yield Entry(f)
            elif not stat.S_ISDIR(mode):
                yield Entry(f, f"{kind_of(mode)}, not a regular file (name it to read it)")
    for e in errors:
        yield Entry(Path(e.filename), f"{FOLDER_UNREADABLE} ({e.strerror or e})")


def _files(paths: Iterable[Path]) -> list[Entry]:
    """Expand paths into entries, sorted by name; check that names are unique."""
    found: dict[str, Path] = {}
    refused: list[Entry] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise SourceError(f"{shown(str(p))}: no such file or folder")
        for entry in _walk(p) if p.is_dir() else [Entry(p)]:
            if entry.problem is not None:
                refused.append(entry)
                continue
            f = entry.path
            if f.name in found and found[f.name].resolve() != f.resolve():
                raise SourceError(
                    f"{shown(str(f))}: same file name as {shown(str(found[f.name]))} "
                    "(document names must be unique)"
                )
            found[f.name] = f
    entries = [Entry(found[name]) for name in found] + refused
    return sorted(entries, key=lambda e: (e.name, str(e.path)))


def _bad_name(name: str) -> str | None:
    """Why ``name`` cannot name a document (it must be valid UTF-8), or None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as e:
        code = ord(name[e.start])
        byte = 0xDC80 <= code <= 0xDCFF  # an undecodable byte kept by surrogateescape
        what = f"byte \\x{code - 0xDC00:02x}" if byte else f"lone surrogate U+{code:04X}"
        return f"name is not valid UTF-8 ({what} at character {e.start + 1})"
    return None


def _loader(path: Path) -> Callable[..., bytes]:
    """``load(limit)`` of a file: at most ``limit + 1`` bytes (default ``DEFAULT_MAX_BYTES``)."""

    def load(limit: int = DEFAULT_MAX_BYTES) -> bytes:
        return read_bounded(path, limit)

    return load


def _file_source(path: Path) -> Source:
    bad = _bad_name(path.name)
    if bad is not None:
        return Source(path.name, str(path), bytes, problem=bad)
    try:
        st = path.stat()
    except OSError as e:
        return Source(path.name, str(path), bytes, problem=e.strerror or str(e))
    size = st.st_size if stat.S_ISREG(st.st_mode) else None
    return Source(path.name, str(path), _loader(path), size=size)


def _jsonl_sources(path: Path, opts: JsonlOptions, max_bytes: int) -> Iterator[Source]:
    bad = _bad_name(path.name)
    if bad is not None:
        yield Source(path.name, str(path), bytes, problem=bad)
        return
    try:
        fh = _open_text(path)
    except OSError as e:
        yield Source(path.name, str(path), bytes, problem=e.strerror or str(e))
        return
    with fh:
        try:
            yield from _jsonl_records(path, fh, opts, max_bytes)
        except (OSError, EOFError) as e:  # truncated or corrupt .gz
            yield Source(f"{path.name}#read", str(path), bytes, problem=f"unreadable ({e})")


def _lines(fh: IO[str], max_chars: int) -> Iterator[str | None]:
    """The lines of ``fh``; ``None`` for a line longer than ``max_chars``, which is never held.

    A decompressed line is read in pieces of at most ``max_chars + 1``
    characters, so a gzip bomb costs no more memory than ``max_chars``.
    """
    while True:
        line = fh.readline(max_chars + 1)
        if not line:
            return
        if len(line) <= max_chars or line.endswith("\n"):
            yield line
            continue
        while line and not line.endswith("\n"):  # drop the rest of the line, piece by piece
            line = fh.readline(CHUNK_CHARS)
        yield None


CHUNK_CHARS = 1 << 16


def _jsonl_records(path: Path, fh: IO[str], opts: JsonlOptions, max_bytes: int) -> Iterator[Source]:
    for n, line in enumerate(_lines(fh, max_bytes), 1):
        name = f"{path.name}#L{n}"
        origin = f"{path}:{n}"
        if line is None:
            yield Source(
                name, origin, bytes, problem=f"too large (line over --max-bytes {max_bytes})"
            )
            continue
        if not line.strip():
            continue
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
            name = f"{path.name}#{bounded_id(str(rid))}"
            bad = _bad_name(name)
            if bad is not None:
                yield Source(name, origin, bytes, problem=f"id {bad.removeprefix('name ')}")
                continue
        text = record.get(opts.field)
        if not isinstance(text, str):
            yield Source(name, origin, bytes, problem=f"no text field {opts.field!r}")
            continue
        try:  # undecodable bytes of the file go back as they were, for the decoder to judge
            data = text.encode("utf-8", errors="surrogateescape")
        except UnicodeEncodeError as e:
            yield Source(
                name,
                origin,
                bytes,
                problem=f"text has a lone surrogate (U+{ord(text[e.start]):04X} "
                f"at character {e.start + 1})",
            )
            continue
        yield Source(name, origin, (lambda limit=None, data=data: data), size=len(data))


ID_MAX = 200
"""Longest JSON Lines id kept whole in a document name (see :func:`bounded_id`)."""


def bounded_id(rid: str) -> str:
    """A record id as it goes into a document name: whole up to :data:`ID_MAX` characters.

    A longer id keeps its first ``ID_MAX // 2`` characters and ends with ``~``
    and a hash of the whole id, so names (and the IRIs, manifest entries and
    log lines made from them) stay small and still differ when ids differ.

    Examples
    --------
    >>> bounded_id("x-1")
    'x-1'
    >>> long = bounded_id("x" * 10**6)
    >>> len(long), long.startswith("x" * 100), long == bounded_id("x" * 10**6 + "y")
    (117, True, False)
    """
    if len(rid) <= ID_MAX:
        return rid
    digest = hashlib.sha1(rid.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]
    return f"{rid[: ID_MAX // 2]}~{digest}"


def iter_sources(
    paths: Iterable[Path], jsonl: JsonlOptions | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Source]:
    """Yield the documents of ``paths`` one at a time, files sorted by name.

    A JSON Lines line longer than ``max_bytes`` characters is a problem
    record, found without holding the line in memory.

    Raises
    ------
    SourceError
        When a path does not exist or two files share a name.
    """
    opts = jsonl or JsonlOptions()
    for entry in _files(paths):
        f = entry.path
        if entry.problem is not None:
            yield Source(entry.name, str(f), bytes, problem=entry.problem)
        elif is_jsonl(f) and f.is_file():
            yield from _jsonl_sources(f, opts, max_bytes)
        else:
            yield _file_source(f)


def _count_records(path: Path) -> int:
    """Non-blank lines of a JSON Lines file, read in chunks (a huge line is never held)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    total, content = 0, False
    with opener(path, "rb") as fh:
        while chunk := fh.read(CHUNK_CHARS * 16):
            for i, part in enumerate(chunk.split(b"\n")):
                if i:
                    total, content = total + content, False
                content = content or bool(part.strip())
    return total + content


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
    for entry in _files(paths):
        if entry.problem is not None or not is_jsonl(entry.path) or not entry.path.is_file():
            total += 1
            continue
        try:
            total += _count_records(entry.path) if _bad_name(entry.path.name) is None else 1
        except (OSError, EOFError):
            total += 1
    return total
