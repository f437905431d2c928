"""Changing a build in place: add ready-made document graphs or records, remove documents.

A build is its per-document N-Quads cache plus the manifest that lists them;
:func:`kg.build.publish.publish` assembles the store and every output from that cache.
So removing documents is: drop their manifest entries, republish (every
file replaced atomically, the store swapped by symlink, the manifest last),
then delete their cache files. Entities shared across documents (global
actors such as 中央 or 党员, stages) keep the facts of the remaining documents,
because each document's graph repeats what it says about them.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> from kg.graph import iri
>>> q = '<http://e/s> <http://e/p> "x" <{g}> .\\n'
>>> entries = {n: cache_entry(d, n, q.format(g=iri.graph_iri(n))) for n in ("a.txt", "b.txt")}
>>> sorted(publish(d, entries, views=False))
['projection', 'publish', 'views']
>>> remove_documents(d, ["a.txt"], views=False).remaining
['b.txt']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract.records import Extraction
from kg import atomic
from kg.build import texts
from kg.build.publish import publish
from kg.build.worker import cache_name, pipeline_fingerprint
from kg.builddir import BuildDir, Manifest, manifest_entry
from kg.errors import BuildError
from kg.graph.nquads import to_nquads
from kg.graph.rdf import iter_quads
from kg.quality.summary import counts_from_nquads

__all__ = [
    "RemoveReport",
    "cache_entry",
    "publish",
    "publish_extractions",
    "remove_documents",
]


@dataclass
class RemoveReport:
    """What :func:`remove_documents` did."""

    out: Path
    removed: list[str] = field(default_factory=list)
    remaining: list[str] = field(default_factory=list)


def cache_entry(out: Path, name: str, nquads: str, sha256: str | None = None) -> dict:
    """Write a document's N-Quads into the cache of ``out``; return its manifest entry.

    Parameters
    ----------
    out : Path
        The build directory.
    name : str
        The document name.
    nquads : str
        The document's graph as N-Quads (in ``kg.graph.iri.graph_iri(name)``).
    sha256 : str, optional
        Hash of the source bytes (default: hash of ``nquads``).
    """
    cname = cache_name(name)
    atomic.write_text(BuildDir(out).cache_file(cname), nquads)
    digest = sha256 or hashlib.sha256(nquads.encode("utf-8")).hexdigest()
    return manifest_entry(name, digest, cname, counts_from_nquads(nquads).types)


def publish_extractions(
    out: Path, extractions: Iterable[Extraction], *, views: bool = False
) -> dict[str, dict]:
    """Publish ready-made extraction records as the build in ``out`` (no extractor runs).

    Each record's graph is cached with its document's hash (:func:`cache_entry`)
    and the build published (:func:`kg.build.publish.publish`): for records made by
    another extractor, by hand in tests, or by a benchmark's generator.

    Returns
    -------
    dict
        The manifest entries, by document name.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from extract.records import Document, Extraction
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> doc = Document(name="a.txt", raw="党员要学习。", text="党员要学习。", sha256="0" * 64)
    >>> sorted(publish_extractions(d, [Extraction(document=doc)]))
    ['a.txt']
    """
    out = Path(out)
    BuildDir(out).cache.mkdir(parents=True, exist_ok=True)
    entries = {
        ex.document.name: cache_entry(
            out, ex.document.name, to_nquads(iter_quads(ex)), sha256=ex.document.sha256
        )
        for ex in extractions
    }
    publish(out, entries, views=views)
    return entries


def remove_documents(out: Path, names: Iterable[str], *, views: bool = True) -> RemoveReport:
    """Remove documents from the build in ``out`` and republish it.

    Raises
    ------
    BuildError
        When there is no build, a name is not one of its documents, the build
        was made by another version of the pipeline (rebuild first), or nothing
        would be left.
    """
    out = Path(out)
    manifest = Manifest.current(out, pipeline_fingerprint())
    where = manifest.path
    names = list(names)
    wanted = manifest.select(names) if names else []
    entries = {n: e for n, e in manifest.documents.items() if n not in wanted}
    if not entries:
        raise BuildError(f"{where}: removing {len(wanted)} documents would leave the build empty")
    publish(out, entries, views=views)  # which prunes the cache of the removed documents
    texts.prune(out, entries)
    return RemoveReport(out=out, removed=wanted, remaining=list(entries))
