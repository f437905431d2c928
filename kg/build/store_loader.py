"""The new store of a build, bulk-loaded in a background thread.

:func:`kg.build.publish.publish` loads it from the per-document cache while it
writes the build's files; with several workers, :func:`kg.build.run.build` starts
it earlier and *feeds* it each document as extraction finishes it, so that
the documents' named graphs are mostly loaded when publishing begins (the
store is order-free: named graphs load in whatever order documents come).

Examples
--------
>>> import tempfile, pathlib
>>> from kg.graph import iri
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> (d / "cache").mkdir()
>>> g = iri.graph_iri("a.txt")
>>> _ = (d / "cache" / "a.nq").write_text(f'<http://e/s> <http://e/p> "x" <{g}> .\\n')
>>> loader = StoreLoader(d / "store", d)
>>> loader.start()
>>> loader.add("a.nq")
>>> loader.end_feed()
>>> loader.finish()
>>> loader.fed, list(d.glob(".kg-sort-*"))  # its sort folder goes with it
(1, [])
>>> store = ox.Store.read_only(str(d / "store"))
>>> s = ox.NamedNode("http://e/s")
>>> graphs = (ox.NamedNode(str(g)), ox.DefaultGraph())
>>> [len(list(store.quads_for_pattern(s, None, None, graph))) for graph in graphs]
[1, 1]
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import SORT_PREFIX
from kg.build.external_sort import ExternalSorter, triple_line, write_sorted_turtle
from kg.builddir import BuildDir
from kg.graph import iri
from kg.graph.store import create_store, load_default
from ontology.namespaces import ontology_path


def ontology_triples() -> list[ox.Triple]:
    """The ontology (``campaign.ttl``), its blank nodes named ``o0``, ``o1``... in file order.

    The parser names blank nodes at random; renaming them by first appearance
    makes every export of the ontology byte-stable, and the store's ontology
    graph and default graph share them.
    """
    names: dict[str, ox.BlankNode] = {}

    def stable(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> object:
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term.value, ox.BlankNode(f"o{len(names)}"))
        return term

    triples = ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    return [ox.Triple(stable(t.subject), t.predicate, stable(t.object)) for t in triples]


def ontology_quads() -> list[ox.Quad]:
    """The ontology (:func:`ontology_triples`) in its named graph ``iri.ONTOLOGY_GRAPH``."""
    g = ox.NamedNode(str(iri.ONTOLOGY_GRAPH))
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in ontology_triples()]


class StoreLoader:
    """Bulk-load the new store in a background thread; stoppable between chunks.

    With ``entries``, the documents' named graphs are read from the cache in
    name order, then the default graph receives their union from the Turtle
    file the main thread writes meanwhile (:meth:`union_from`). Without
    ``entries``, documents are fed one by one (:meth:`add`) until
    :meth:`end_feed`, each with its triples for the default graph, which are
    also sorted for ``graph.ttl`` as they come (:meth:`write_union_turtle`).
    Either way the ontology then goes into its own graph and the default graph:
    what :func:`kg.graph.store.materialize_union` would copy, without reading the
    store back through Python.
    """

    def __init__(self, store_dir: Path, out: Path, entries: dict[str, dict] | None = None) -> None:
        self.store_dir, self.out, self.entries = store_dir, out, entries
        self.feed: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self.fed = 0
        self.stopped = threading.Event()
        self.union_ready = threading.Event()
        self.union_path: Path | None = None
        # fed, the documents' triples are also sorted for graph.ttl as they come
        self.union: ExternalSorter | None = None
        self.fed_in = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="kg-store-load", daemon=True)
        if entries is None:
            self.union = ExternalSorter(Path(tempfile.mkdtemp(prefix=SORT_PREFIX, dir=out)))
        # parsed once: the same blank nodes in the ontology's graph and the default graph
        self.ontology = ontology_triples()

    def union_from(self, turtle: Path) -> None:
        """Hand over the Turtle file of the documents' union (for the default graph).

        Not needed when the documents were fed: they brought their union along.
        """
        self.union_path = turtle
        self.union_ready.set()

    def add(self, cache_name: str) -> None:
        """Feed one document (its cache file name); only without ``entries``."""
        self.fed += 1
        self.feed.put(cache_name)

    def end_feed(self) -> None:
        """No more documents: the named graphs are complete once the fed ones load."""
        self.feed.put(None)

    def _fed_texts(self) -> Iterator[str]:
        """Each fed document's graph, followed by its triples for the default graph.

        N-Quads lines without a graph name go to the default graph; the store
        keeps one copy of a triple that several documents state, so the
        default graph becomes the union of the documents' graphs as they load.
        """
        build = BuildDir(self.out)
        assert self.union is not None
        while (name := self.feed.get()) is not None:
            text = build.cache_file(name).read_text(encoding="utf-8")
            yield text
            triples = [triple_line(line) for line in text.splitlines() if line]
            self.union.add(triples)
            yield "".join(line + "\n" for line in triples)
        self.union.seal()  # here, while the main thread writes graph.nq
        self.fed_in.set()

    def write_union_turtle(self, ttl_path: Path, prefixes: dict[str, str]) -> dict[str, int]:
        """Fed: write ``graph.ttl`` from the triples sorted as documents came.

        Waits until every fed document has been read; then as
        :func:`kg.build.external_sort.write_union_turtle` on the build's ``graph.nq``
        (same bytes, same counts), without reading that file again.
        """
        if self.union is None:
            raise RuntimeError("only a fed store sorts its documents' triples")
        self.fed_in.wait()
        if self.error is not None:
            self.finish()  # re-raises the loader's error
        try:
            return write_sorted_turtle(self.union, ttl_path, prefixes)
        finally:
            self._drop_union()

    def _drop_union(self) -> None:
        if self.union is not None:
            self.union.discard()
            shutil.rmtree(self.union.folder, ignore_errors=True)

    def _chunks(self) -> Iterator[str | bytes]:
        texts = (
            self._fed_texts()
            if self.entries is None
            else BuildDir(self.out).cached_texts(self.entries)
        )
        for chunk in texts:
            if self.stopped.is_set():
                raise InterruptedError("store load stopped")
            yield chunk

    def _run(self) -> None:
        try:
            store = create_store(self.store_dir, self._chunks(), optimize=False)
            if self.entries is not None:  # fed documents brought their union along
                self.union_ready.wait()
                if self.stopped.is_set() or self.union_path is None:
                    raise InterruptedError("store load stopped")
                load_default(store, [self.union_path])
            # added, not bulk-loaded: the bulk loader renames blank nodes, and the
            # ontology's graph and the default graph must share its blank nodes
            onto = ox.NamedNode(str(iri.ONTOLOGY_GRAPH))
            store.extend(
                ox.Quad(t.subject, t.predicate, t.object, g)
                for g in (onto, ox.DefaultGraph())
                for t in self.ontology
            )
            store.optimize()
            del store
        except BaseException as e:  # handed to the main thread by finish()
            self.error = e
        finally:
            self.fed_in.set()

    def start(self) -> None:
        """Start loading in the background."""
        self.thread.start()

    def finish(self) -> None:
        """Wait for the load (and drop the fed triples' sort); re-raise its error, if any."""
        self.thread.join()
        self._drop_union()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Stop the load at the next chunk and wait for the thread."""
        self.stopped.set()
        self.union_ready.set()
        self.feed.put(None)  # wakes a thread waiting for the next document
        if self.thread.is_alive():
            self.thread.join()
        self._drop_union()
