"""The documents' texts kept beside a build, so the reader can show a fact in its place.

``kg build`` keeps each document's bytes, as read, in ``BUILD/texts/``, one
gzip file per content digest (``<sha256>.gz``, the digest the manifest
records). The text shown is decoded again from those bytes by the
extractor's own reader, so it is exactly ``Document.raw``, the text every
span's offsets index. Files are written once (atomically) and never change;
those no manifest entry refers to are pruned after a build.

Examples
--------
>>> import tempfile, pathlib, hashlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> data = "各党委要认真学习。".encode()
>>> digest = hashlib.sha256(data).hexdigest()
>>> keep(out, digest, data)
>>> read_text(out, "a.txt", digest)
'各党委要认真学习。'
>>> prune(out, {})
1
>>> text_path(out, digest).exists()
False
"""

from __future__ import annotations

import functools
import gzip
import os
from collections.abc import Mapping
from pathlib import Path

from extract.ingest.reader import IngestError, document_from_bytes

TEXTS_DIR = "texts"
"""The folder of kept texts inside a build directory."""


def text_path(out: Path, sha256: str) -> Path:
    """Where the bytes of the document with content digest ``sha256`` are kept."""
    return Path(out) / TEXTS_DIR / f"{sha256}.gz"


def keep(out: Path, sha256: str, data: bytes) -> None:
    """Keep ``data`` (a document's bytes) under its digest, unless already kept.

    Compressed without a timestamp, so the same bytes give the same file.
    """
    path = text_path(out, sha256)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(gzip.compress(data, compresslevel=6, mtime=0))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_bytes(out: Path, sha256: str) -> bytes | None:
    """The kept bytes of a document, or ``None`` when they were not kept."""
    try:
        return gzip.decompress(text_path(out, sha256).read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile):
        return None


def read_text(out: Path, name: str, sha256: str) -> str | None:
    """The text of document ``name`` as the extractor read it (``Document.raw``), or ``None``."""
    return _decoded(str(text_path(out, sha256)), name, sha256)


@functools.lru_cache(maxsize=64)
def _decoded(path: str, name: str, sha256: str) -> str | None:
    """Kept bytes never change (their file is named by their digest)."""
    data = read_bytes(Path(path).parents[1], sha256)
    if data is None:
        return None
    try:
        return document_from_bytes(name, data).raw
    except IngestError:
        return None


def prune(out: Path, entries: Mapping[str, Mapping]) -> int:
    """Delete kept texts no manifest entry refers to; return how many."""
    folder = Path(out) / TEXTS_DIR
    if not folder.is_dir():
        return 0
    wanted = {f"{e.get('sha256')}.gz" for e in entries.values()}
    stale = sorted(p for p in folder.glob("*.gz") if p.name not in wanted)
    for p in stale:
        p.unlink(missing_ok=True)
    return len(stale)
