"""Assemble a build's store and outputs from the per-document N-Quads cache, atomically.

Everything is streamed: ``graph.nq`` is the concatenation of the cached
documents in name order; ``graph.ttl`` comes from an external sort
(:mod:`kg.build.external_sort`); the store is bulk-loaded in chunks, in a thread, while
those files are written. Memory stays bounded whatever the number of
documents (the manifest, a few hundred bytes per document, is the only thing
that grows; the saved NetworkX projection is streamed into its SQLite file,
:mod:`kg.nx.stream`).
The projection is made from ``graph.nq`` (a :class:`kg.graph.store.PredicateIndex`),
not from the store, so it does not wait for the store: with one worker here
while the store's default graph loads, with several in a child process
(:class:`ChildProjection`, started with the workers) while this one writes
``graph.ttl``, so publishing uses the cores the workers used.

All new files are staged under temporary names and a new store is built under
``.stores/``; then, with SIGINT and SIGTERM held back, the files are renamed
over the old ones, the ``store`` symlink is swapped and the manifest written
last. An interruption before that point leaves the previous build untouched;
its temporary files are removed on the way out, or by the next build if the
process was killed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from extract.pipeline import EXTRACTOR_VERSION
from kg import atomic
from kg.build.external_sort import write_union_turtle
from kg.build.store_loader import StoreLoader, ontology_quads
from kg.build.worker import pipeline_fingerprint
from kg.builddir import TURTLE_PREFIXES, BuildDir, Manifest
from kg.graph import leases
from kg.nx.cache import prune, write_cache
from kg.quality.summary import Counts, render_summary
from ontology.namespaces import PREFIXES

VIEWS_MAX_DOCUMENTS = 500
PARALLEL_PROJECTION_MIN_QUADS = 100_000
"""Smaller builds make their projection in-process even with several workers: below
this size it takes less time than starting the child process would (about 0.7 s)."""


def ontology_nquads() -> bytes:
    """The ontology as N-Quads in its own named graph (for stores made outside a build)."""
    return ox.serialize(ontology_quads(), format=ox.RdfFormat.N_QUADS)


def _write_nquads(path: Path, out: Path, entries: dict[str, dict]) -> int:
    quads = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for text in BuildDir(out).cached_texts(entries):
            fh.write(text)
            quads += text.count("\n")
    return quads


def publish(
    out: Path,
    entries: dict[str, dict],
    *,
    views: bool = True,
    workers: int = 1,
    preload: StoreLoader | None = None,
    projector: ChildProjection | None = None,
) -> dict[str, float]:
    """Write ``graph.nq``, ``graph.ttl``, ``summary.md``, the store and the manifest of ``out``.

    The saved NetworkX projection (:mod:`kg.nx.cache`) is written before the
    commit, with the store, whatever the size of the build; the views
    follow the commit.

    Parameters
    ----------
    out : Path
        The build directory; ``out/cache`` holds the documents' N-Quads.
    entries : dict
        Document name -> manifest entry (``sha256``, ``cache``, ``graph``, ``counts``).
    views : bool
        Also write the HTML views (:func:`kg.html.views.write_views`), after the
        commit. :func:`kg.build.run.build` turns them off by default above
        ``VIEWS_MAX_DOCUMENTS`` documents.
    workers : int
        Processes the build may use. With 2 or more (and at least
        :data:`PARALLEL_PROJECTION_MIN_QUADS` quads), the projection is made
        in a child process from ``graph.nq``
        (:func:`kg.nx.cache.write_cache`) while this one writes
        ``graph.ttl`` and loads the store; otherwise here, from ``graph.nq``
        too, after ``graph.ttl`` and while the store's default graph loads.
    preload : StoreLoader, optional
        The new store, already fed every document of ``entries`` during
        extraction (:func:`start_preload`); by default it is loaded here.
    projector : ChildProjection, optional
        A child process started ahead for the projection; used when one is
        needed (a new one is started otherwise), stopped when not. Either
        way this function owns it.

    The counts (quads, distinct typed nodes) go into the manifest's
    ``totals``; read them with :meth:`kg.quality.summary.Counts.load`.

    Returns
    -------
    dict
        Seconds spent on ``publish`` (files and store, up to the commit),
        the projection and ``views``. The projection's key is ``projection``
        when made here (its time is not in ``publish``'s) and
        ``projection_parallel`` when made in a child process (its time
        overlaps ``publish``'s).
    """
    t0 = time.perf_counter()
    build = BuildDir(out)
    stage = atomic.Staging(out)
    if preload is None:
        loader = StoreLoader(_new_store_dir(out), out, entries)
    else:
        loader = preload
        if loader.fed != len(entries):
            abort_preload(loader)
            if projector is not None:
                projector.stop()
            raise RuntimeError(f"{loader.fed} documents fed to the store, {len(entries)} built")
    store_dir = loader.store_dir
    new_id = store_dir.name
    child: ChildProjection | None = None
    parallel_seconds = 0.0
    published = False
    try:
        if preload is None:
            loader.start()  # the store loads (mostly outside the GIL) while the files are written
        else:
            loader.end_feed()
        nq = stage.path(build.graph_nq.name)
        quads = _write_nquads(nq, out, entries)
        # the analyses' projection, published with the store (made in bounded memory)
        if workers > 1 and quads >= PARALLEL_PROJECTION_MIN_QUADS:
            child, projector = projector or ChildProjection(), None
            try:
                child.submit(out, store_dir, nq)
            except OSError:  # it died while waiting: made here, as with one worker
                child.stop()
                child = None
        if projector is not None:  # started ahead, not needed
            projector.stop()
            projector = None
        ttl = stage.path(build.graph_ttl.name)
        prefixes = {k: str(PREFIXES[k]) for k in TURTLE_PREFIXES}
        if preload is None:
            types = write_union_turtle(nq, ttl, prefixes)
        else:  # sorted during extraction: only the merge and the Turtle are left
            types = loader.write_union_turtle(ttl, prefixes)
        loader.union_from(ttl)  # the default graph (unless fed): this union, not a store copy
        t1 = time.perf_counter()
        if child is None:  # from graph.nq, while the store loads
            write_cache(out, store_dir, nq)
        t2 = time.perf_counter()
        counts = Counts(quads, types)
        stage.path(build.summary.name).write_text(
            render_summary(out, entries, counts), encoding="utf-8"
        )
        manifest = Manifest(
            documents=entries,
            extractor=EXTRACTOR_VERSION,
            pipeline=pipeline_fingerprint(),
            totals={"quads": quads, "types": types},
        )
        manifest_tmp = out / f"{atomic.STAGING_PREFIX}{stage.token}-{build.manifest.name}"
        manifest_tmp.write_text(manifest.text(), encoding="utf-8")
        loader.finish()
        if child is not None:
            try:
                parallel_seconds = child.wait()
            except ChildLost:  # made here instead, as with one worker
                child = None
                t1 = time.perf_counter()
                write_cache(out, store_dir, nq)
                t2 = time.perf_counter()
        atomic.check_interrupt()
        os.sync()  # the cache files and the new store reach the disk before they are referenced
        with atomic.signals_deferred():
            stage.commit()
            atomic.swap_symlink(build.store, f"{build.stores.name}/{new_id}")
            published = True
            os.replace(manifest_tmp, build.manifest)
    except BaseException:
        loader.stop()
        for proc in (child, projector):
            if proc is not None:
                proc.stop()
        stage.discard()
        for leftover in out.glob(f"{atomic.STAGING_PREFIX}{stage.token}-*"):
            leftover.unlink(missing_ok=True)
        if not published:
            atomic.remove_tree(store_dir)
        raise
    _remove_unreferenced(out, entries, new_id)
    prune(out)
    t3 = time.perf_counter()
    if views:
        from kg.html.views import write_views

        write_views(out)
    t4 = time.perf_counter()
    seconds = {"publish": (t1 - t0) + (t3 - t2)}
    if child is not None:
        seconds["projection_parallel"] = parallel_seconds
    else:
        seconds["projection"] = t2 - t1
    return seconds | {"views": t4 - t3}


def _new_store_dir(out: Path) -> Path:
    """A fresh folder name for a new store under ``out/.stores``."""
    stores = BuildDir(out).stores
    stores.mkdir(exist_ok=True)
    return stores / f"s{os.getpid()}-{time.time_ns()}"


def start_preload(out: Path) -> StoreLoader:
    """Start loading a new store for the build in ``out``, fed document by document.

    :func:`kg.build.run.build` feeds it (:meth:`StoreLoader.add`) as extraction
    finishes each document, then hands it to :func:`publish`; on failure,
    :func:`abort_preload` removes it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> loader = start_preload(d)
    >>> loader.store_dir.parent.name
    '.stores'
    >>> abort_preload(loader)
    >>> loader.store_dir.exists()
    False
    """
    loader = StoreLoader(_new_store_dir(out), out)
    loader.start()
    return loader


def abort_preload(loader: StoreLoader) -> None:
    """Stop a preloading store and remove it."""
    loader.stop()
    atomic.remove_tree(loader.store_dir)


def start_projection() -> ChildProjection:
    """Start the projection's child process ahead of publishing (see :class:`ChildProjection`)."""
    return ChildProjection()


class ChildProjection:
    """:func:`kg.nx.cache.write_cache` in a spawned process, started ahead.

    The process is spawned (not forked: this process runs the store loader's
    thread) when the object is made, and waits for its job: :func:`kg.build.run.build`
    starts it with the workers, so that its start-up (the interpreter, the
    imports) is paid during extraction, not while publishing waits for it.
    :meth:`submit` hands it the job; the result (seconds) or the error comes
    back through a pipe; a child that dies without answering (killed, out of
    memory) is reported by :meth:`wait` as :class:`ChildLost`, never waited
    for forever. A child never given a job is stopped with :meth:`stop`.

    Parameters
    ----------
    target : callable, optional
        What the child runs with the job's arguments ``(out, store_dir,
        nquads)``, as for :func:`kg.nx.cache.write_cache` (tests
        pass a failing one).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from extract.records import Document, Extraction
    >>> from kg.build.remove import publish_extractions
    >>> from kg.nx.cache import cache_path
    >>> from kg.graph.store import store_path
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> doc = Document(name="a.txt", raw="党员要学习。", text="党员要学习。", sha256="0" * 64)
    >>> _ = publish_extractions(d, [Extraction(document=doc)])
    >>> cache_path(d).unlink()
    >>> child = ChildProjection()
    >>> child.submit(d, store_path(d), d / "graph.nq")
    >>> child.wait() > 0, cache_path(d).is_file()
    (True, True)
    """

    def __init__(self, target: Callable[[Path, Path, Path], float] = write_cache) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.conn, theirs = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(theirs, target), daemon=True)
        with atomic.children_ignore_interrupts():
            self.proc.start()
        theirs.close()  # the child holds the only other end: its death ends the pipe

    def submit(self, out: Path, store_dir: Path, nquads: Path) -> None:
        """Give the child its job (once)."""
        self.conn.send((out, store_dir, nquads))

    def wait(self) -> float:
        """Seconds the child took.

        Raises
        ------
        ChildLost
            When the child ended without an answer.
        Exception
            The child's own error (as ``RuntimeError`` if it could not be sent).
        """
        try:
            ok, value = self.conn.recv()
        except EOFError:
            self.proc.join()
            raise ChildLost(
                f"the projection process ended without a result (exit code {self.proc.exitcode})"
            ) from None
        self.proc.join()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Kill the child (a temporary file it leaves is removed by the next build's prune)."""
        self.proc.kill()
        self.proc.join()
        self.conn.close()


class ChildLost(RuntimeError):
    """The projection process died without answering."""


def _serve(conn: Any, target: Callable[..., float]) -> None:
    """In the child: wait for the job, run ``target``, send back ``(ok, value or error)``.

    It ignores Ctrl-C from its start (:func:`kg.atomic.children_ignore_interrupts`),
    as the pool's workers do: the parent gets it and stops this process.
    """
    try:
        job = conn.recv()
    except EOFError:  # the parent went away without a job
        return
    try:
        result: tuple[bool, Any] = (True, target(*job))
    except BaseException as e:  # sent to the parent, which raises it
        result = (False, e)
    try:
        conn.send(result)
    except Exception:  # the error itself does not pickle
        conn.send((False, RuntimeError(repr(result[1]))))


def _remove_unreferenced(out: Path, entries: dict[str, dict], store_id: str) -> None:
    """Drop old stores (unless leased, :mod:`kg.graph.leases`) and cache files no document uses."""
    build = BuildDir(out)
    leases.collect(build.stores, keep={store_id})  # a store a server holds stays
    build.prune_cache(entries)
