"""The build: inputs -> documents -> extractions -> named graphs -> store and outputs.

Documents are read lazily (:mod:`kg.build.sources`) and extracted in batches by an
executor (:mod:`kg.build.executors`: this process, a local process pool, or Dask),
which returns each document's facts as compact N-Quads text. That text is
cached in ``DIR/cache/<key>.nq``, the key being a hash of the document's
name, content and the extractor version, so an unchanged document is never
re-extracted, and a build that was interrupted resumes where it stopped. The
store and every output are then assembled from the cache (:mod:`kg.build.publish`),
which makes an incremental build identical to a clean one.

Bad input never stops a build: a document that is unreadable (binary,
undecodable, empty, larger than ``max_bytes``, HTML without text) or that
makes the extractor fail is skipped with a one-line warning and counted; in
``strict`` mode it is a :class:`BuildError`.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
>>> _ = (d / "in" / "b.txt").write_bytes(b"")
>>> report = build([d / "in"], d / "out", progress=False)
>>> report.documents, report.skipped, (d / "out" / "graph.ttl").exists()
(1, [('b.txt', 'empty file')], True)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extract.ingest.reader import DEFAULT_MAX_BYTES
from kg import atomic
from kg.build import texts
from kg.build.budget import Budget
from kg.build.executors import Batch, WorkerLost, make_executor, run_ordered
from kg.build.publish import VIEWS_MAX_DOCUMENTS, publish
from kg.build.reading import shown
from kg.build.sources import JsonlOptions, Source, SourceError, count_sources, iter_sources
from kg.build.worker import cache_name, pipeline_fingerprint, process_document, write_cache_text
from kg.builddir import BuildDir, Manifest, manifest_entry
from kg.corrections.hook import BuildCorrections, orphan_line
from kg.errors import BuildError
from kg.locks import folder_lock
from kg.quality.summary import Counts, counts_from_nquads
from kg.signals import check_interrupt

__all__ = [
    "BuildError",
    "BuildReport",
    "Source",
    "build",
    "cache_name",
    "discover",
    "pipeline_fingerprint",
    "process_document",
]

REASON_MAX = 400
"""Characters of a skip reason shown in its warning line."""
DEFAULT_BUDGET = Budget()
"""Each document's CPU seconds and memory (:data:`kg.build.budget.DEFAULT_SECONDS`, ...)."""
BATCH_DOCUMENTS = 16
BATCH_BYTES = 1024 * 1024


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
    views: bool = False
    orphaned: list[str] = field(default_factory=list)
    """One line per correction that changed nothing (:mod:`kg.corrections.hook`)."""
    views_error: str | None = None
    """Why the views were asked for but not written (the build is published)."""
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds per phase: ``extract`` (reading and extracting), then those of
    :func:`kg.build.publish.publish`."""


class _Run:
    """The state of one build while documents stream through it."""

    def __init__(self, out: Path, old: dict, strict: bool, max_bytes: int, warn, bar) -> None:
        self.out, self.old, self.strict, self.max_bytes = out, old, strict, max_bytes
        self.warn, self.bar = warn, bar
        self.report = BuildReport(out=out)
        self.entries: dict[str, dict] = {}
        self.seen: set[str] = set()
        self.corrections = BuildCorrections(out)  # applied to each document as it comes
        self.pending: dict[str, bytes] = {}  # bytes kept for the reader once extracted

    def skip(self, name: str, origin: str, reason: str) -> None:
        self.tick()
        if self.strict:
            raise BuildError(f"{shown(origin)}: {shown(reason, REASON_MAX)}")
        self.report.skipped.append((name, reason))
        if self.warn is not None:
            self.warn(f"skipped {shown(origin)}: {shown(reason, REASON_MAX)}")

    def tick(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def reuse(self, src: Source, digest: str, cname: str) -> None:
        prev = self.old.get(src.name)
        if prev and prev.get("cache") == cname and "extracted" not in prev:
            counts = prev.get("counts", {})
        else:
            text = BuildDir(self.out).cache_file(cname).read_text(encoding="utf-8")
            counts = counts_from_nquads(text).types
        self._add(src.name, digest, cname, counts)
        self.report.reused += 1
        self.tick()

    def _add(self, name: str, digest: str, cname: str, counts: dict[str, int]) -> None:
        published, corrected, fields = self.corrections.apply(name, cname, prev=self.old.get(name))
        self.entries[name] = manifest_entry(
            name, digest, published, counts if corrected is None else corrected
        )
        self.entries[name] |= fields  # the extracted graph stays cached beside a corrected one

    def batches(self, sources: Iterator[Source]) -> Iterator[tuple[dict, Batch]]:
        """Check each source, reuse cached ones, and group the rest into batches."""
        meta: dict[str, tuple[str, str]] = {}
        batch: Batch = []
        size = 0
        for src in sources:
            data = self._load(src)
            if data is None:
                continue
            if self.corrections:
                self.corrections.see(src.name, data)
            digest = hashlib.sha256(data).hexdigest()
            cname = cache_name(src.name, digest)
            if BuildDir(self.out).cache_file(cname).exists():
                texts.keep(self.out, digest, data)
                self.reuse(src, digest, cname)
                continue
            meta[src.name] = (src.origin, digest)
            self.pending[src.name] = data
            batch.append((src.name, data))
            size += len(data)
            if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_BYTES:
                yield meta, batch
                meta, batch, size = {}, [], 0
        if batch:
            yield meta, batch

    def _load(self, src: Source) -> bytes | None:
        if src.name in self.seen:
            self.skip(src.name, src.origin, "duplicate document name")
            return None
        self.seen.add(src.name)
        if src.problem is not None:
            self.skip(src.name, src.origin, src.problem)
            return None
        if src.size is not None and src.size > self.max_bytes:
            self.skip(
                src.name, src.origin, f"too large ({src.size} bytes > --max-bytes {self.max_bytes})"
            )
            return None
        try:
            data = src.load(self.max_bytes)
        except OSError as e:
            self.skip(src.name, src.origin, e.strerror or str(e))
            return None
        if len(data) > self.max_bytes:  # not a regular file, or it grew since its size was read
            self.skip(src.name, src.origin, f"too large (more than --max-bytes {self.max_bytes})")
            return None
        return data

    def collect(self, meta: dict[str, tuple[str, str]], results) -> None:
        check_interrupt()
        for name, status, payload, counts in results:
            origin, digest = meta[name]
            data = self.pending.pop(name, None)
            if status == "skip":
                self.skip(name, origin, payload)
                continue
            cname = cache_name(name, digest)
            if status == "ok":  # text sent back by a remote worker
                write_cache_text(BuildDir(self.out).cache_file(cname), payload)
            if data is not None:
                texts.keep(self.out, digest, data)
            self._add(name, digest, cname, counts)
            self.report.extracted += 1
            self.tick()


def _bar(enabled: bool, total: int | None):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(
        total=total, desc="extract", unit="doc", dynamic_ncols=True, leave=False, smoothing=0.1
    )


def build(
    inputs: Iterable[Path],
    out: Path,
    *,
    progress: bool = True,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    views: bool | None = None,
    workers: int | None = 1,
    dask: str | None = None,
    jsonl: JsonlOptions | None = None,
    sources: list[Source] | None = None,
    warn: Callable[[str], None] | None = None,
    budget: Budget | None = DEFAULT_BUDGET,
) -> BuildReport:
    """Build the knowledge graph of ``inputs`` into the directory ``out``.

    Parameters
    ----------
    inputs : iterable of Path
        Files, folders (searched recursively) and JSON Lines files (``.jsonl[.gz]``).
    out : Path
        The build directory (created if needed).
    progress : bool
        Show a progress bar (documents/s, ETA) on stderr.
    strict : bool
        Make an unreadable document a fatal error instead of a skip.
    max_bytes : int
        Documents larger than this are skipped (files are not even read).
    views : bool, optional
        Write ``graph.html`` and ``report.html``; ``None``: only up to
        :data:`kg.build.publish.VIEWS_MAX_DOCUMENTS` documents.
    workers : int, optional
        Extraction processes; 1 runs in this process; ``None``: all cores.
    dask : str, optional
        A Dask scheduler address, or ``"local"`` for a local cluster.
    jsonl : JsonlOptions, optional
        The text and id fields of JSON Lines records.
    sources : list of Source, optional
        Ready-made sources, used instead of ``inputs``.
    warn : callable, optional
        Receives one line per skipped document.
    budget : Budget, optional
        CPU seconds and memory one document's extraction may use
        (:mod:`kg.build.budget`); a document over it is skipped. ``None``: no limit.

    Returns
    -------
    BuildReport

    Raises
    ------
    BuildError
        On a fatal error (missing input, no readable document, a dead
        worker, a skip in strict mode); the previous build is left intact,
        and what this build made is removed unless it cached a document (a
        missing input is found before anything is written).
    KeyboardInterrupt
        On Ctrl-C (or SIGTERM under :func:`kg.signals.sigterm_as_interrupt`),
        after removing this build's temporary files.

    Notes
    -----
    With ``workers`` > 1 the workers are *spawned* processes: a script that
    calls :func:`build` must guard its top level with
    ``if __name__ == "__main__":``.
    """
    t0 = time.perf_counter()
    out = Path(out)
    if sources is None:
        inputs = list(inputs)
        for p in inputs:  # before anything is written
            if not Path(p).exists():
                raise BuildError(f"{shown(str(p))}: no such file or folder")
    made = _to_be_made(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        BuildDir(out).cache.mkdir(exist_ok=True)
        with folder_lock(out, BuildDir(out).lock.name), _removed_on_failure(out, made):
            atomic.clean_stale(out)
            atomic.clean_stale(BuildDir(out).cache)
            report = _build_locked(
                inputs,
                out,
                progress,
                strict,
                max_bytes,
                views,
                (workers, dask, budget),
                jsonl,
                sources,
                warn,
            )
    except BlockingIOError as e:
        raise BuildError(f"{out}: another build is running in this folder") from e
    except SourceError as e:
        raise BuildError(str(e)) from e
    except OSError as e:  # a full disk, a folder turned read-only: nothing was published
        where = shown(os.fsdecode(e.filename)) if e.filename else shown(str(out))
        raise BuildError(
            f"{where}: {e.strerror or e} (nothing published; the previous build is intact)"
        ) from e
    report.seconds = time.perf_counter() - t0
    return report


def _to_be_made(out: Path) -> list[Path]:
    """What a build into ``out`` creates before its first document: the folder, or its parts.

    The highest missing folder of ``out``'s path when it does not exist yet;
    else those of ``cache/``, ``.stores/``, ``texts/`` and the lock file that are missing.
    """
    missing = [p for p in (out, *out.parents) if not p.exists()]
    if missing:
        return [missing[-1]]
    b = BuildDir(out)
    parts = (b.cache, b.stores, out / texts.TEXTS_DIR, b.lock)
    return [p for p in parts if not p.exists()]


@contextmanager
def _removed_on_failure(out: Path, made: list[Path]) -> Iterator[None]:
    """On a failure in the block, remove ``made``, unless a document was cached to resume from."""
    try:
        yield
    except BaseException:
        cache = BuildDir(out).cache
        if cache.is_dir():  # a worker stopped mid-write leaves its temporary sibling
            for tmp in cache.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
        if not (cache.is_dir() and any(f.suffix == ".nq" for f in cache.iterdir())):
            for path in made:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
        raise


def _build_locked(inputs, out, progress, strict, max_bytes, views, executor, jsonl, sources, warn):
    workers, dask, budget = executor
    inputs = list(inputs)
    total = len(sources) if sources is not None else (count_sources(inputs) if progress else None)
    srcs = iter(sources) if sources is not None else iter_sources(inputs, jsonl, max_bytes)
    bar = _bar(progress, total)
    run = _Run(out, Manifest.reusable(out, pipeline_fingerprint()), strict, max_bytes, warn, bar)
    t0 = time.perf_counter()
    _extract(run, srcs, make_executor(workers, dask, str(BuildDir(out).cache), budget), bar)
    report = run.report
    report.phases["extract"] = time.perf_counter() - t0
    report.removed = sorted(set(run.old) - set(run.entries))
    report.documents = len(run.entries)
    report.orphaned = [orphan_line(o) for o in run.corrections.orphans(run.entries)]
    if not run.entries:
        raise BuildError(
            "no readable input documents" + (" (all were skipped)" if report.skipped else "")
        )
    for line in report.orphaned:
        if warn is not None:
            warn(f"orphaned correction {line}")
    report.views = views if views is not None else len(run.entries) <= VIEWS_MAX_DOCUMENTS
    report.phases.update(publish(out, run.entries, views=False))
    texts.prune(out, run.entries)
    if report.views:  # after the commit: a failure here leaves the build published, viewless
        t0 = time.perf_counter()
        report.views_error = _write_views(out)
        report.views = report.views_error is None
        if report.views_error is not None and warn is not None:
            warn(f"views not written: {report.views_error}")
        report.phases["views"] = time.perf_counter() - t0
    report.counts = Counts.load(out)
    report.quads = report.counts.quads
    return report


def _write_views(out: Path) -> str | None:
    """Write the HTML views; on an OS error, remove the previous build's and say why."""
    from kg.html.views import write_views

    try:
        write_views(out)
    except OSError as e:
        b = BuildDir(out)
        for view in (b.graph_html, b.report_html):  # they would show the previous build
            with contextlib.suppress(OSError):
                view.unlink(missing_ok=True)
        where = shown(os.fsdecode(e.filename)) if e.filename else shown(str(out))
        return f"{where}: {e.strerror or e} (the build is published without its views)"
    return None


def _extract(run: _Run, srcs, executor, bar) -> None:
    """Stream the sources through ``executor`` into ``run``."""
    out = run.out
    cancel = True
    try:
        for meta, results in run_ordered(
            executor, run.batches(srcs), window=2 * executor.workers + 1
        ):
            run.collect(meta, results)
        cancel = False
    except WorkerLost as e:
        raise BuildError(
            f"{out}: {e}; documents done so far are cached, run again to resume"
        ) from e
    finally:
        executor.close(cancel=cancel)
        if bar is not None:
            bar.close()


def discover(paths: Iterable[Path], jsonl: JsonlOptions | None = None) -> list[Source]:
    """All sources of ``paths`` as a list (for small inputs; :func:`build` streams them).

    Raises
    ------
    BuildError
        When a path does not exist or two inputs share a file name.
    """
    try:
        return list(iter_sources(paths, jsonl))
    except SourceError as e:
        raise BuildError(str(e)) from e


def iter_cached(out: Path) -> Iterator[str]:
    """The cached N-Quads text of each document of the build in ``out``, in name order."""
    yield from BuildDir(out).cached_texts(Manifest.reusable(out, pipeline_fingerprint()))
