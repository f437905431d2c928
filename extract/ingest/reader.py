"""Read one input file into a :class:`~extract.records.Document`.

Steps: read bytes, decode (:mod:`extract.ingest.decode`), take the main text of
HTML pages (:mod:`extract.ingest.html`), fold traditional to simplified with an
offset map (:mod:`extract.normalize`), mark boilerplate on the simplified lines
(:mod:`extract.ingest.boilerplate`; spans in raw coordinates), and join the lines
a scraper broke inside sentences (:mod:`extract.reflow`; the offset map follows).

Examples
--------
>>> doc = document_from_bytes("x.txt", "黨委要學習".encode("big5"))
>>> doc.text, doc.encoding
('党委要学习', 'big5hkscs')
"""

from __future__ import annotations

import bisect
import hashlib
from pathlib import Path

from extract.ingest.boilerplate import find_boilerplate
from extract.ingest.decode import DecodeError, decode_bytes
from extract.ingest.html import NoTextError, html_to_text
from extract.normalize import to_simplified
from extract.records import Document
from extract.reflow import compose, reflow

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", "")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class IngestError(ValueError):
    """A document that cannot be read; ``str()`` is one line naming the file and cause."""

    def __init__(self, name: str, reason: str):
        reason = " ".join(str(reason).split()) or "unreadable"
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def _looks_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def document_from_bytes(name: str, data: bytes, *, media_type: str | None = None) -> Document:
    """Build a :class:`Document` from a file's bytes.

    Parameters
    ----------
    name : str
        The document's name (file basename).
    data : bytes
        The file content.
    media_type : str, optional
        ``"text/html"`` or ``"text/plain"``; guessed from the name and content when omitted.

    Raises
    ------
    IngestError
        When the bytes are empty, binary, undecodable, or an HTML page without text.
    """
    try:
        decoded = decode_bytes(data)
    except DecodeError as e:
        raise IngestError(name, str(e)) from e
    raw = decoded.text
    if media_type is None:
        is_html = name.lower().endswith(HTML_SUFFIXES) or _looks_html(raw)
        media_type = "text/html" if is_html else "text/plain"
    if media_type == "text/html":
        try:
            raw = html_to_text(raw)
        except NoTextError as e:
            raise IngestError(name, str(e)) from e
    simplified, offsets = to_simplified(raw)
    excluded = find_boilerplate(raw, simplified, offsets)  # matched on the simplified lines
    text, joined = reflow(simplified, _in_text(excluded, offsets))
    return Document(
        name=name,
        raw=raw,
        text=text,
        offsets=compose(offsets, joined),
        excluded=excluded,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
    )


def _in_text(spans, offsets: tuple[int, ...] | None) -> list[tuple[int, int]]:
    """Raw spans as spans of the simplified text (the inverse of its offset map)."""
    if offsets is None:
        return [(s.start, s.end) for s in spans]
    return [
        (bisect.bisect_left(offsets, s.start), bisect.bisect_left(offsets, s.end)) for s in spans
    ]


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one file.

    Raises
    ------
    IngestError
        When the file cannot be read, is larger than ``max_bytes``, or is not text.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(p.name, f"too large ({size} bytes > limit {max_bytes})")
        data = p.read_bytes()
    except OSError as e:
        raise IngestError(p.name, e.strerror or str(e)) from e
    return document_from_bytes(p.name, data)
