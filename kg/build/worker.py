"""Extraction of documents in worker processes: bytes in, compact N-Quads text out.

The unit of work is a batch of ``(name, bytes)`` pairs; the result is one
:data:`Result` per document, made of strings only (N-Quads text, a skip
reason, the type counts as a small dict), which pickles cheaply between
processes and machines. No exception escapes :func:`process_batch`: a document
that cannot be read, or that makes the extractor fail, becomes a ``"skip"``
result naming the cause.

Examples
--------
>>> results = process_batch([("a.txt", "各党委要学习。".encode()), ("b.txt", b"")])
>>> [(name, status) for name, status, _text, _counts in results]
[('a.txt', 'ok'), ('b.txt', 'skip')]
>>> results[1][2]
'empty file'
"""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import threading
import time
from pathlib import Path

from extract.ingest.reader import IngestError, document_from_bytes
from extract.pipeline import EXTRACTOR_VERSION, extract
from kg.build.budget import Budget, OverBudget, limited
from kg.fingerprint import code_digest
from kg.graph.nquads import to_nquads
from kg.graph.rdf import iter_quads
from kg.quality.summary import counts_from_nquads

# (document name, "ok" | "cached" | "skip", N-Quads text ("" when cached) or skip reason, counts)
Result = tuple[str, str, str, dict[str, int]]


FINGERPRINTED = (
    "extract",
    "kg/graph/rdf.py",
    "kg/graph/iri.py",
    "kg/graph/nquads.py",
    "ontology/namespaces.py",
)


@functools.cache
def pipeline_fingerprint() -> str:
    """Digest of the code and data that turn bytes into a document's N-Quads.

    Cached per-document results are reused only when it is unchanged, so a new
    extractor or RDF writer never mixes with results of an old one.
    """
    return code_digest(FINGERPRINTED, salt=EXTRACTOR_VERSION)


def cache_name(name: str, sha256: str = "") -> str:
    """File name of a document's cached N-Quads: a hash of name, content and pipeline fingerprint.

    Examples
    --------
    >>> cache_name("a.txt", "00") == cache_name("a.txt", "01")
    False
    """
    key = "\x1f".join((name, sha256, pipeline_fingerprint()))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + ".nq"


def write_cache_text(path: Path, text: str) -> None:
    """Write a cache file atomically (temporary sibling, rename), without syncing it to disk.

    The build syncs once before publishing (see :mod:`kg.build.publish`).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def init_worker(parent: int | None = None) -> None:
    """Pool initializer: ignore Ctrl-C, exit with the parent, and warm up the extractor.

    The parent stops the pool on Ctrl-C or SIGTERM; if the parent is killed
    outright, a watchdog thread ends this worker within a second. jieba's
    dictionary and the lexicons are loaded once per process here, not per
    document.

    Parameters
    ----------
    parent : int, optional
        The pid of the process that started the pool (default: the current parent).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid() if parent is None else parent
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    warm_up()


def _watch_parent(parent: int, interval: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


WARM_UP_TEXT = "区委督导组要求各党委于3月15日前完成学习动员，不少于45个学时。"


def warm_up() -> None:
    """Load everything the extractor loads lazily (jieba, its POS tagger, lexicons) once.

    Runs the whole pipeline on one short sentence, so the first real document
    of each worker pays no loading cost.
    """
    from extract.tokenize import tokenizer

    tokenizer()
    process_document("warm-up.txt", WARM_UP_TEXT.encode("utf-8"))


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


def process_one(name: str, data: bytes, budget: Budget | None = None) -> Result:
    """Process one document within ``budget`` (:mod:`kg.build.budget`); never raises.

    Examples
    --------
    >>> long = ("各党委要在3月15日前完成学习动员" * 4000).encode()
    >>> name, status, reason, _ = process_one("x.txt", long, Budget(seconds=0.5))
    >>> status, reason
    ('skip', 'over the time budget (--doc-timeout 0.5 s of CPU)')
    """
    try:
        with limited(budget):
            text = process_document(name, data)
    except IngestError as e:
        return (name, "skip", e.reason, {})
    except OverBudget as e:
        return (name, "skip", str(e), {})
    except RecursionError as e:
        return (name, "skip", f"extractor failed ({_one_line(e)})", {})
    except Exception as e:  # any extractor bug must skip the document, not stop the build
        return (name, "skip", f"extractor failed ({_one_line(e)})", {})
    return (name, "ok", text, counts_from_nquads(text).types)


def process_batch(
    batch: list[tuple[str, bytes]], cache_dir: str | None = None, budget: Budget | None = None
) -> list[Result]:
    """Process a batch of documents (the unit shipped to a worker), each within ``budget``.

    With ``cache_dir`` (a worker on the build's machine), each document's
    N-Quads are written there as :func:`cache_name` and the result carries
    status ``"cached"`` and no text; without it (a remote worker) the text
    travels back.
    """
    results = []
    for name, data in batch:
        result = process_one(name, data, budget)
        if cache_dir is not None and result[1] == "ok":
            cname = cache_name(name, hashlib.sha256(data).hexdigest())
            write_cache_text(Path(cache_dir) / cname, result[2])
            result = (name, "cached", "", result[3])
        results.append(result)
    return results
