"""The build: input files -> documents -> extractions -> named graphs -> store and outputs.

Each document's facts are serialized once to ``DIR/cache/<id>.nq``; the
manifest records the document's content hash and the extractor version, so a
rebuild re-extracts only new or changed documents and drops the graphs of
deleted ones. The store and every output are then assembled from the cache,
which makes an incremental build identical to a clean one. Files are replaced
atomically and the store is published by swapping a symlink, so an
interrupted build leaves the previous one readable.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
>>> report = build([d / "in"], d / "out", progress=False)
>>> report.documents, (d / "out" / "graph.ttl").exists()
(1, True)
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from extract.ingest.reader import DEFAULT_MAX_BYTES, IngestError, document_from_bytes
from extract.pipeline import EXTRACTOR_VERSION, extract
from kg import atomic, iri
from kg.nquads import to_nquads
from kg.rdf import iter_quads
from kg.store import STORE_LINK, STORES_DIR, create_store
from kg.summary import Counts, counts_from_nquads, render_summary
from ontology.namespaces import PREFIXES, ontology_path

MANIFEST = "manifest.json"
TURTLE_PREFIXES = ("ck", "oa", "rdf", "rdfs", "skos", "dcterms", "xsd")
CACHE_DIR = "cache"
MANIFEST_VERSION = 1
HIDDEN_PREFIXES = (".", "~", "#")


class BuildError(RuntimeError):
    """A fatal build error; ``str()`` is one line naming the file and cause."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: its name and how to get its bytes."""

    name: str
    origin: str
    load: Callable[[], bytes]


@dataclass
class BuildReport:
    """What a build did."""

    out: Path
    documents: int = 0
    extracted: int = 0
    reused: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    quads: int = 0
    counts: Counts = field(default_factory=Counts)
    seconds: float = 0.0


def discover(paths: Iterable[Path]) -> list[Source]:
    """Expand files and folders (recursively) into sources, sorted by name.

    Hidden files and folders (``.x``) are ignored inside folders; a file named
    on the command line is always taken.

    Raises
    ------
    BuildError
        When a path does not exist or two inputs share a file name.
    """
    found: dict[str, Path] = {}
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise BuildError(f"{p}: no such file or folder")
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
                raise BuildError(
                    f"{f}: same file name as {found[f.name]} (document names must be unique)"
                )
            found[f.name] = f
    return [
        Source(name, str(path), (lambda path=path: path.read_bytes()))
        for name, path in sorted(found.items())
    ]


def cache_name(name: str) -> str:
    """File name of a document's cached N-Quads."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:20] + ".nq"


def process_document(name: str, data: bytes) -> str:
    """Ingest, extract and serialize one document as sorted N-Quads.

    Raises
    ------
    IngestError
        When the bytes are not a readable document.
    """
    doc = document_from_bytes(name, data)
    return to_nquads(iter_quads(extract(doc)))


FINGERPRINTED = ("extract", "kg/rdf.py", "kg/iri.py", "kg/nquads.py", "ontology/namespaces.py")


@functools.cache
def pipeline_fingerprint() -> str:
    """Digest of the code and data that turn bytes into a document's N-Quads.

    Cached per-document results are reused only when it is unchanged, so a new
    extractor or RDF writer never mixes with results of an old one.
    """
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for entry in FINGERPRINTED:
        p = root / entry
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file() and f.suffix in (".py", ".json", ".tsv", ".txt"):
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _load_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("version") != MANIFEST_VERSION or data.get("pipeline") != pipeline_fingerprint():
        return {}
    return data.get("documents", {})


def _progress(items: list, enabled: bool, desc: str) -> Iterator:
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit="doc", dynamic_ncols=True, leave=False)


def build(
    inputs: Iterable[Path],
    out: Path,
    *,
    progress: bool = True,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    views: bool = True,
    sources: list[Source] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the knowledge graph of ``inputs`` into the directory ``out``.

    Parameters
    ----------
    inputs : iterable of Path
        Files and folders (searched recursively).
    out : Path
        The build directory (created if needed).
    progress : bool
        Show a progress bar on stderr.
    strict : bool
        Make an unreadable document a fatal error instead of a skip.
    max_bytes : int
        Documents larger than this are skipped.
    views : bool
        Also write ``graph.html`` and ``report.html``.
    sources : list of Source, optional
        Ready-made sources, used instead of ``inputs``.
    warn : callable, optional
        Receives one line per skipped document.

    Returns
    -------
    BuildReport
    """
    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / CACHE_DIR).mkdir(exist_ok=True)
    srcs = sources if sources is not None else discover(inputs)
    if not srcs:
        raise BuildError("no input documents")
    old = _load_manifest(out)
    report = BuildReport(out=out)
    entries: dict[str, dict] = {}
    for src in _progress(srcs, progress, "extract"):
        try:
            data = src.load()
        except OSError as e:
            _skip(report, src, e.strerror or str(e), strict, warn)
            continue
        if len(data) > max_bytes:
            _skip(report, src, f"too large ({len(data)} bytes > limit {max_bytes})", strict, warn)
            continue
        digest = hashlib.sha256(data).hexdigest()
        cname = cache_name(src.name)
        prev = old.get(src.name)
        if prev and prev.get("sha256") == digest and (out / CACHE_DIR / cname).exists():
            entries[src.name] = prev
            report.reused += 1
            continue
        try:
            text = process_document(src.name, data)
        except IngestError as e:
            _skip(report, src, e.reason, strict, warn)
            continue
        atomic.write_text(out / CACHE_DIR / cname, text)
        entries[src.name] = {
            "sha256": digest,
            "cache": cname,
            "graph": str(iri.graph_iri(src.name)),
            "counts": counts_from_nquads(text).types,
        }
        report.extracted += 1
    report.removed = sorted(set(old) - set(entries))
    report.documents = len(entries)
    if not entries:
        raise BuildError("no readable input documents (all were skipped)")
    publish(out, entries, views=views, progress=progress)
    _prune(out, entries)
    report.counts = Counts.load(out)
    report.quads = report.counts.quads
    report.seconds = time.perf_counter() - t0
    return report


def _prune(out: Path, entries: dict[str, dict]) -> None:
    """Delete the cache files of documents no longer in the build."""
    from kg.incremental import prune_cache

    prune_cache(out, entries)


def _skip(report: BuildReport, src: Source, reason: str, strict: bool, warn) -> None:
    if strict:
        raise BuildError(f"{src.origin}: {reason}")
    report.skipped.append((src.name, reason))
    if warn is not None:
        warn(f"skipped {src.origin}: {reason}")


def _cache_texts(out: Path, entries: dict[str, dict]) -> Iterator[str]:
    for name in sorted(entries):
        yield (out / CACHE_DIR / entries[name]["cache"]).read_text(encoding="utf-8")


def _ontology_nquads() -> bytes:
    g = ox.NamedNode(str(iri.ONTOLOGY_GRAPH))
    triples = ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def publish(
    out: Path, entries: dict[str, dict], *, views: bool = True, progress: bool = False
) -> None:
    """Assemble store and outputs of ``out`` from the cached per-document N-Quads.

    Every file is replaced atomically; the store last, by a symlink swap; the
    manifest after it, so a manifest always describes a complete build.
    """
    counts = Counts()
    with atomic.atomic_open(out / "graph.nq", "w") as fh:
        for text in _cache_texts(out, entries):
            fh.write(text)
            counts.add(counts_from_nquads(text))
    write_turtle(out)
    stores = out / STORES_DIR
    stores.mkdir(exist_ok=True)
    new_id = f"s{os.getpid()}-{time.time_ns()}"
    store_dir = stores / new_id
    store = create_store(
        store_dir, [_ontology_nquads(), *_cache_texts(out, entries)], union_default=True
    )
    del store
    atomic.write_text(out / "summary.md", render_summary(out, entries, counts))
    old = atomic.swap_symlink(out / STORE_LINK, f"{STORES_DIR}/{new_id}")
    manifest = {
        "version": MANIFEST_VERSION,
        "extractor": EXTRACTOR_VERSION,
        "pipeline": pipeline_fingerprint(),
        "documents": {name: entries[name] for name in sorted(entries)},
    }
    atomic.write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    del old
    for d in stores.iterdir():
        if d.name != new_id:
            atomic.remove_tree(d)
    if views:
        from kg.views import write_views

        write_views(out)


def write_turtle(out: Path) -> None:
    """Write ``graph.ttl``: the union of all document graphs, sorted, with prefixes."""
    triples: set[tuple[str, str, str]] = set()
    with (out / "graph.nq").open(encoding="utf-8") as fh:
        for quad in ox.parse(fh, format=ox.RdfFormat.N_QUADS):
            triples.add((quad.subject, quad.predicate, quad.object))
    ordered = sorted(triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    data = ox.serialize(
        [ox.Triple(s, p, o) for s, p, o in ordered],
        format=ox.RdfFormat.TURTLE,
        prefixes={k: str(PREFIXES[k]) for k in TURTLE_PREFIXES},
    )
    atomic.write_bytes(out / "graph.ttl", data)
