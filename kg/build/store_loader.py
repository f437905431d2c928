"""The new store of a build, bulk-loaded in a background thread.

:func:`kg.build.publish.publish` starts it before it writes the build's files:
the documents' named graphs load from the per-document cache, in name order,
while ``graph.nq`` and ``graph.ttl`` are written; the default graph then
receives their union from ``graph.ttl`` (:meth:`StoreLoader.union_from`), and
the ontology goes into its own graph and the default graph: what
:func:`kg.graph.store.materialize_union` would copy, without reading the store
back through Python.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.graph import iri
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> (d / "cache").mkdir()
>>> g = iri.graph_iri("a.txt")
>>> _ = (d / "cache" / "a.nq").write_text(f'<http://e/s> <http://e/p> "x" <{g}> .\\n')
>>> _ = (d / "u.ttl").write_text("<http://e/s> <http://e/p> \\"x\\" .\\n")
>>> loader = StoreLoader(d / "store", d, {"a.txt": {"cache": "a.nq"}})
>>> loader.start()
>>> loader.union_from(d / "u.ttl")
>>> loader.finish()
>>> store = ox.Store.read_only(str(d / "store"))
>>> s = ox.NamedNode("http://e/s")
>>> graphs = (ox.NamedNode(str(g)), ox.DefaultGraph())
>>> [len(list(store.quads_for_pattern(s, None, None, graph))) for graph in graphs]
[1, 1]
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

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
    """Bulk-load a build's new store in a background thread; stoppable between chunks.

    Parameters
    ----------
    store_dir : Path
        Where the new store is made.
    out : Path
        The build directory, whose cache holds the documents' N-Quads.
    entries : dict
        The manifest entries of the documents to load (name -> entry with ``cache``).
    """

    def __init__(self, store_dir: Path, out: Path, entries: dict[str, dict]) -> None:
        self.store_dir, self.out, self.entries = store_dir, out, entries
        self.stopped = threading.Event()
        self.union_ready = threading.Event()
        self.union_path: Path | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="kg-store-load", daemon=True)
        # parsed once: the same blank nodes in the ontology's graph and the default graph
        self.ontology = ontology_triples()

    def union_from(self, turtle: Path) -> None:
        """Hand over the Turtle file of the documents' union (for the default graph)."""
        self.union_path = turtle
        self.union_ready.set()

    def _chunks(self) -> Iterator[str]:
        for chunk in BuildDir(self.out).cached_texts(self.entries):
            if self.stopped.is_set():
                raise InterruptedError("store load stopped")
            yield chunk

    def _run(self) -> None:
        try:
            store = create_store(self.store_dir, self._chunks(), optimize=False)
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

    def start(self) -> None:
        """Start loading in the background."""
        self.thread.start()

    def finish(self) -> None:
        """Wait for the load; re-raise its error, if any."""
        self.thread.join()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Stop the load at the next chunk and wait for the thread."""
        self.stopped.set()
        self.union_ready.set()
        if self.thread.is_alive():
            self.thread.join()
