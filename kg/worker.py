"""Extraction of documents in worker processes: bytes in, compact N-Quads text out.

The unit of work is a batch of ``(name, bytes)`` pairs; the result is one
:data:`Result` per document, made of strings only (N-Quads text, a skip
reason, the type counts as a small dict), which pickles cheaply between
processes and machines. No exception escapes :func:`process_batch`: a document
that cannot be read, or that makes the extractor fail, becomes a ``"skip"``
result naming the cause.

Examples
--------
>>> [(name, status) for name, status, _text, _counts in process_batch([("a.txt", "各党委要学习。".encode()), ("b.txt", b"")])]
[('a.txt', 'ok'), ('b.txt', 'skip')]
"""

from __future__ import annotations

import signal

from extract.ingest.reader import IngestError, document_from_bytes
from extract.pipeline import extract
from kg.nquads import to_nquads
from kg.rdf import iter_quads
from kg.summary import counts_from_nquads

# (document name, "ok" | "skip", N-Quads text or skip reason, type counts)
Result = tuple[str, str, str, dict[str, int]]


def init_worker() -> None:
    """Pool initializer: ignore Ctrl-C (the parent stops the pool) and warm up the extractor.

    jieba's dictionary and the lexicons are loaded once per process here, not
    per document.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def warm_up() -> None:
    """Load the tokenizer and the lexicons of this process (cached afterwards)."""
    from extract.lexicon import lexicon
    from extract.tokenize import tokenizer

    lexicon()
    tokenizer()


def process_document(name: str, data: bytes) -> str:
    """Ingest, extract and serialize one document as sorted N-Quads.

    Raises
    ------
    IngestError
        When the bytes are not a readable document.
    """
    return to_nquads(iter_quads(extract(document_from_bytes(name, data))))


def _one_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0]}" if text else type(e).__name__


def process_one(name: str, data: bytes) -> Result:
    """Process one document; never raises for a bad document."""
    try:
        text = process_document(name, data)
    except IngestError as e:
        return (name, "skip", e.reason, {})
    except RecursionError as e:
        return (name, "skip", f"extractor failed ({_one_line(e)})", {})
    except Exception as e:  # any extractor bug must skip the document, not stop the build
        return (name, "skip", f"extractor failed ({_one_line(e)})", {})
    return (name, "ok", text, counts_from_nquads(text).types)


def process_batch(batch: list[tuple[str, bytes]]) -> list[Result]:
    """Process a batch of documents (the unit shipped to a worker)."""
    return [process_one(name, data) for name, data in batch]
