"""A build directory and its manifest: every path of a build, named in one place.

:class:`BuildDir` knows where each part of a build lives (``--out DIR``)::

    DIR/graph.nq          one named graph per document, sorted N-Quads
    DIR/graph.ttl         the union of all documents, sorted Turtle
    DIR/summary.md        counts per type and per document
    DIR/graph.html        offline interactive view   } the views
    DIR/report.html       analyst report             }
    DIR/manifest.json     the documents, written last (:class:`Manifest`)
    DIR/cache/*.nq        per-document N-Quads, keyed by name + content + pipeline
    DIR/store             symlink to the current store under DIR/.stores/
    DIR/.stores/<id>      published Oxigraph stores (and their ``.lease`` files)
    DIR/.projection/      the saved NetworkX projection, one SQLite file per store
    DIR/.kg-lock          held while a build or a removal runs

:class:`Manifest` is the one reader and writer of ``manifest.json``; :func:`manifest_entry`
the one maker of its per-document entries. This module imports nothing heavy, so
every layer (the build, the analyses, the exports, the server) can use it.

Examples
--------
>>> import tempfile
>>> b = BuildDir(tempfile.mkdtemp())
>>> b.graph_ttl.name, b.cache_file("a-1.nq").parent.name, b.store.name
('graph.ttl', 'cache', 'store')
>>> m = Manifest(documents={"a.txt": manifest_entry("a.txt", "0" * 64, "a-1.nq", {})})
>>> m.write(b.manifest)
>>> Manifest.read(b.root).names()
['a.txt']
>>> Manifest.read(b.root).is_current("another pipeline")
False
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import atomic
from kg.errors import BuildError

MANIFEST_VERSION = 2
"""Version of the manifest's layout; a build with another one is rebuilt from scratch."""

STORE_LINK = "store"
STORES_DIR = ".stores"
TURTLE_PREFIXES = ("ck", "oa", "rdf", "rdfs", "skos", "dcterms", "xsd")
"""The prefixes ``graph.ttl`` (and ``kg export`` to Turtle) declare."""


@dataclass(frozen=True)
class BuildDir:
    """The paths of one build directory (nothing is created by naming them)."""

    root: Path

    def __init__(self, root: Path | str) -> None:
        object.__setattr__(self, "root", Path(root))

    graph_nq = property(lambda self: self.root / "graph.nq")
    graph_ttl = property(lambda self: self.root / "graph.ttl")
    summary = property(lambda self: self.root / "summary.md")
    graph_html = property(lambda self: self.root / "graph.html")
    report_html = property(lambda self: self.root / "report.html")
    manifest = property(lambda self: self.root / "manifest.json")
    cache = property(lambda self: self.root / "cache")
    store = property(lambda self: self.root / STORE_LINK)
    stores = property(lambda self: self.root / STORES_DIR)
    projection = property(lambda self: self.root / ".projection")
    lock = property(lambda self: self.root / ".kg-lock")

    def cache_file(self, cache_name: str) -> Path:
        """The cached N-Quads file of a document, by the name its manifest entry gives."""
        return self.cache / cache_name

    def cached_texts(self, entries: dict[str, dict]) -> Iterable[str]:
        """The cached N-Quads text of each document of ``entries``, in name order."""
        for name in sorted(entries):
            yield self.cache_file(entries[name]["cache"]).read_text(encoding="utf-8")

    def prune_cache(self, entries: dict[str, dict]) -> list[str]:
        """Delete cache files no entry of ``entries`` refers to; return their names, sorted."""
        if not self.cache.is_dir():
            return []
        # a corrected document keeps its extracted graph too (kg.corrections.hook)
        keep = {e.get(k) for e in entries.values() for k in ("cache", "extracted")}
        stale = sorted(p.name for p in self.cache.glob("*.nq") if p.name not in keep)
        for name in stale:
            self.cache_file(name).unlink(missing_ok=True)
        return stale


def manifest_entry(name: str, sha256: str, cache_name: str, counts: dict[str, int]) -> dict:
    """The manifest entry of one document: its source hash, cache file, graph IRI and counts.

    Examples
    --------
    >>> sorted(manifest_entry("a.txt", "0" * 64, "a-1.nq", {"Actor": 1}))
    ['cache', 'counts', 'graph', 'sha256']
    """
    from kg.graph import iri  # rdflib: only for the commands that make entries

    return {
        "sha256": sha256,
        "cache": cache_name,
        "graph": str(iri.graph_iri(name)),
        "counts": counts,
    }


@dataclass
class Manifest:
    """A build's ``manifest.json``: its documents and how they were made.

    Attributes
    ----------
    documents : dict
        Document name -> entry (:func:`manifest_entry`).
    extractor, pipeline : str
        The extractor's version and the fingerprint of the code that made the cache.
    totals : dict
        ``quads`` and ``types`` (instances per class) of the whole build.
    version : int
        :data:`MANIFEST_VERSION` when written by this code.
    """

    documents: dict[str, dict] = field(default_factory=dict)
    extractor: str = ""
    pipeline: str = ""
    totals: dict = field(default_factory=dict)
    version: int = MANIFEST_VERSION
    path: Path | None = field(default=None, compare=False, repr=False)
    """The file it was read from (names it in errors)."""

    @classmethod
    def read(cls, out: Path | str) -> Manifest:
        """The manifest of the build in ``out``.

        Raises
        ------
        BuildError
            When ``out`` holds no build or its manifest is unreadable.
        """
        path = BuildDir(out).manifest
        if not path.exists():
            raise BuildError(f"{path}: no build found (run `kg build --out {out}` first)")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise BuildError(f"{path}: unreadable manifest ({e})") from e
        if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
            raise BuildError(f"{path}: not a build manifest (no documents)")
        docs = data["documents"]
        return cls(
            documents={name: docs[name] for name in sorted(docs)},
            extractor=data.get("extractor", ""),
            pipeline=data.get("pipeline", ""),
            totals=data.get("totals", {}),
            version=data.get("version", 0),
            path=path,
        )

    @classmethod
    def reusable(cls, out: Path | str, pipeline: str) -> dict[str, dict]:
        """The documents of the build in ``out`` if made by ``pipeline``, else none.

        What an incremental build starts from: a missing, unreadable or stale
        manifest means that nothing is reused.
        """
        try:
            manifest = cls.read(out)
        except BuildError:
            return {}
        return manifest.documents if manifest.is_current(pipeline) else {}

    @classmethod
    def current(cls, out: Path | str, pipeline: str) -> Manifest:
        """The manifest of the build in ``out``, which this code (``pipeline``) must have made.

        What a command that changes a build in place starts from (``kg remove``,
        ``kg corrections apply``): publishing stamps the current pipeline, so
        stale caches would then pass for fresh.

        Raises
        ------
        BuildError
            When there is no build, or another version of the extractor made it.
        """
        manifest = cls.read(out)
        if not manifest.is_current(pipeline):
            raise BuildError(
                f"{manifest.path}: made by another version of the extractor "
                f"(pipeline {manifest.pipeline or None}, this is {pipeline}); "
                f"run `kg build --out {out}` first"
            )
        return manifest

    def is_current(self, pipeline: str) -> bool:
        """Whether this manifest's layout and cache were made by this code (``pipeline``)."""
        return self.version == MANIFEST_VERSION and self.pipeline == pipeline

    def names(self) -> list[str]:
        """The document names, sorted."""
        return sorted(self.documents)

    def select(self, names: Iterable[str] | None) -> list[str]:
        """The named documents (all when ``names`` is empty), sorted.

        Raises
        ------
        BuildError
            When a name is not a document of the build.
        """
        wanted = sorted(set(names or ()))
        if not wanted:
            return self.names()
        unknown = [n for n in wanted if n not in self.documents]
        if unknown:
            where = self.path or "manifest.json"
            raise BuildError(f"{where}: no document named {', '.join(unknown)} in this build")
        return wanted

    def text(self) -> str:
        """The file's text: JSON, documents in name order, one-space indent, LF."""
        data = {
            "version": self.version,
            "extractor": self.extractor,
            "pipeline": self.pipeline,
            "totals": self.totals,
            "documents": {name: self.documents[name] for name in sorted(self.documents)},
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def write(self, path: Path) -> None:
        """Write the manifest to ``path`` (replaced atomically)."""
        atomic.write_text(Path(path), self.text())
