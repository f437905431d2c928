"""Publish a build from its per-document N-Quads cache: files, store, projection, atomically.

:func:`publish` runs these steps, in this order, in one function:

1. **write N-Quads**: ``graph.nq``, the cached documents in name order;
2. **write Turtle**: ``graph.ttl``, the union of the documents' graphs, sorted
   by an external sort (:mod:`kg.build.external_sort`);
3. **load the store**: a new Oxigraph store under ``.stores/``
   (:class:`kg.build.store_loader.StoreLoader`), bulk-loaded in a thread from
   the cache (the named graphs, started before step 1) and from ``graph.ttl``
   (the default graph), while the other steps run;
4. **save the projection**: the NetworkX projection streamed from ``graph.nq``
   into its SQLite file (:func:`kg.nx.cache.write_cache`);
5. **write the summary** (``summary.md``, with the counts of typed nodes the
   projection recorded: :meth:`kg.nx.cache.Projection.counts`) and stage the
   manifest;
6. **commit**: with SIGINT and SIGTERM held back, the staged files are renamed
   over the old ones, the ``store`` symlink swapped and the manifest written
   last; then old stores and unused cache files are removed;
7. **write the views** (``graph.html``, ``report.html``), after the commit.

Everything is streamed, so memory stays bounded whatever the number of
documents (the manifest, a few hundred bytes per document, is the only thing
that grows). An interruption before the commit leaves the previous build
untouched; its temporary files are removed on the way out, or by the next
build if the process was killed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyoxigraph as ox

from extract.pipeline import EXTRACTOR_VERSION
from kg import atomic, signals
from kg.build.external_sort import write_union_turtle
from kg.build.store_loader import StoreLoader, ontology_quads
from kg.build.worker import pipeline_fingerprint
from kg.builddir import TURTLE_PREFIXES, BuildDir, Manifest
from kg.graph import leases
from kg.nx.cache import Projection, cache_path, prune, write_cache
from kg.quality.summary import Counts, render_summary
from ontology.namespaces import PREFIXES

VIEWS_MAX_DOCUMENTS = 500


def ontology_nquads() -> bytes:
    """The ontology as N-Quads in its own named graph (for stores made outside a build)."""
    return ox.serialize(ontology_quads(), format=ox.RdfFormat.N_QUADS)


def publish(out: Path, entries: dict[str, dict], *, views: bool = True) -> dict[str, float]:
    """Publish the build in ``out``: its files, store, projection and manifest, in steps.

    Parameters
    ----------
    out : Path
        The build directory; ``out/cache`` holds the documents' N-Quads.
    entries : dict
        Document name -> manifest entry (``sha256``, ``cache``, ``graph``, ``counts``).
    views : bool
        Also write the HTML views (:func:`kg.html.views.write_views`), after the
        commit. :func:`kg.build.run.build` turns them off by default above
        :data:`VIEWS_MAX_DOCUMENTS` documents.

    The counts (quads, distinct typed nodes) go into the manifest's
    ``totals``; read them with :meth:`kg.quality.summary.Counts.load`.

    Returns
    -------
    dict
        Seconds spent on ``publish`` (every step but the projection and the
        views), ``projection`` and ``views``.
    """
    build = BuildDir(out)
    stage = atomic.Staging(out)
    loader = StoreLoader(_new_store_dir(out), out, entries)
    seconds = {"publish": 0.0, "projection": 0.0, "views": 0.0}
    t0 = time.perf_counter()
    published = False
    try:
        loader.start()  # 3. load the store: named graphs now, from the cache, in a thread
        nq = stage.path(build.graph_nq.name)
        quads = _write_nquads(nq, build, entries)  # 1.
        ttl = stage.path(build.graph_ttl.name)
        prefixes = {k: str(PREFIXES[k]) for k in TURTLE_PREFIXES}
        write_union_turtle(nq, ttl, prefixes)  # 2.
        loader.union_from(ttl)  # 3. the default graph: this union, not a copy made in the store
        t1 = time.perf_counter()
        write_cache(out, loader.store_dir, nq)  # 4. while the store loads
        t2 = time.perf_counter()
        types = _saved_counts(cache_path(out, loader.store_dir))
        manifest = _write_summary(stage, build, entries, Counts(quads, types))  # 5.
        loader.finish()  # 3. done
        signals.check_interrupt()
        os.sync()  # the cache files and the new store reach the disk before they are referenced
        with signals.signals_deferred():  # 6. commit
            stage.commit()
            atomic.swap_symlink(build.store, f"{build.stores.name}/{loader.store_dir.name}")
            published = True
            os.replace(manifest, build.manifest)
    except BaseException:
        loader.stop()
        stage.discard()
        for leftover in out.glob(f"{atomic.STAGING_PREFIX}{stage.token}-*"):
            leftover.unlink(missing_ok=True)
        if not published:
            atomic.remove_tree(loader.store_dir)
        raise
    leases.collect(build.stores, keep={loader.store_dir.name})  # a store a server holds stays
    build.prune_cache(entries)
    prune(out)
    t3 = time.perf_counter()
    if views:  # 7.
        from kg.html.views import write_views

        write_views(out)
    seconds["publish"] = (t1 - t0) + (t3 - t2)
    seconds["projection"] = t2 - t1
    seconds["views"] = time.perf_counter() - t3
    return seconds


def _write_nquads(path: Path, build: BuildDir, entries: dict[str, dict]) -> int:
    """Step 1: the cached documents' N-Quads in name order into ``path``; the quads written."""
    quads = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for text in build.cached_texts(entries):
            fh.write(text)
            quads += text.count("\n")
    return quads


def _saved_counts(path: Path) -> dict[str, int]:
    """Step 5: the counts of distinct typed nodes, from the projection saved in step 4."""
    p = Projection(path)
    try:
        return p.counts()
    finally:
        p.close()


def _write_summary(
    stage: atomic.Staging, build: BuildDir, entries: dict[str, dict], counts: Counts
) -> Path:
    """Step 5: stage ``summary.md`` and the manifest; return the manifest's staged path."""
    stage.path(build.summary.name).write_text(
        render_summary(build.root, entries, counts), encoding="utf-8"
    )
    manifest = Manifest(
        documents=entries,
        extractor=EXTRACTOR_VERSION,
        pipeline=pipeline_fingerprint(),
        totals={"quads": counts.quads, "types": counts.types},
    )
    staged = build.root / f"{atomic.STAGING_PREFIX}{stage.token}-{build.manifest.name}"
    staged.write_text(manifest.text(), encoding="utf-8")
    return staged


def _new_store_dir(out: Path) -> Path:
    """A fresh folder name for a new store under ``out/.stores``."""
    stores = BuildDir(out).stores
    stores.mkdir(exist_ok=True)
    return stores / f"s{os.getpid()}-{time.time_ns()}"
