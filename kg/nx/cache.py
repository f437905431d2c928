"""The projection saved beside the store: an SQLite file any question can load in part.

Projecting a large build (:func:`kg.nx.stream.save_streamed`) reads every quad
of the store: a minute at a million edges. The projection is therefore saved
once per store, as an SQLite file of pickled node and edge attributes, and
the analyses load either all of it (:meth:`Projection.graph`) or only the
nodes a question can reach (:meth:`Projection.load`, used by
:mod:`kg.nx.focus`), through the file's indexes (:mod:`kg.nx.saved`, whose
:class:`Projection` and :func:`paused_gc` are re-exported here, with
:func:`kg.nx.stream.save` for graphs made by hand).

The file sits in ``BUILD/.projection/`` and is named after the store it was
made from and a fingerprint of the projection code, so a new build or new
code never reads an old projection. ``kg build`` writes it with the store,
whatever the size of the build, in bounded memory (:mod:`kg.nx.stream`);
:func:`open_projection` writes it when it is missing (atomically: a temporary
file renamed).

Examples
--------
>>> import tempfile, pathlib
>>> from kg.nx.examples import example_graph
>>> path = pathlib.Path(tempfile.mkdtemp()) / "p.sqlite"
>>> save(example_graph(), path)
>>> p = Projection(path)
>>> p.of_type("Stage")
['stage:1', 'stage:2']
>>> G = p.graph()
>>> G.nodes["req:1"]["quote"], G.number_of_edges()
('督导组要在3月15日前完成学习动员', 10)

Loading part of it:

>>> G = p.empty()
>>> p.load(G, ["req:1"], keys=("stage",))
['req:1']
>>> sorted(G.edges(keys=True))
[('req:1', 'stage:1', 'stage')]
>>> p.sources(["actor:dd"], "responsibleActor")
['req:1']
>>> H = p.empty()
>>> p.load_sources(H, ["actor:dd"], "responsibleActor", keys=("responsibleActor",))
['req:1']
>>> sorted(H.edges(keys=True))
[('req:1', 'actor:dd', 'responsibleActor')]
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
from pathlib import Path

import networkx as nx

from kg.builddir import BuildDir
from kg.graph.store import StoreError, open_read_only, store_path
from kg.nx import projection, stream, stream_detail, stream_rows, stream_sources, stream_stage
from kg.nx.saved import Projection, paused_gc
from kg.nx.stream import save

__all__ = [
    "FORMAT",
    "Projection",
    "cache_path",
    "code_fingerprint",
    "open_projection",
    "paused_gc",
    "prune",
    "save",
    "saved_graph",
    "write_cache",
]

FORMAT = 4
"""Version of the saved file's layout (:mod:`kg.nx.stream`); raise it when the layout changes."""


def code_fingerprint() -> str:
    """Hash of what shapes a saved projection: the projection's code and :data:`FORMAT`."""
    h = hashlib.sha256()
    for module in (projection, stream, stream_sources, stream_stage, stream_rows, stream_detail):
        h.update(Path(module.__file__).read_bytes())
    h.update(f"format {FORMAT}".encode())
    return h.hexdigest()[:12]


def cache_path(build_dir: Path, store_dir: Path | None = None) -> Path:
    """Where the projection of a store of the build is saved (default: its current store).

    Raises
    ------
    kg.graph.store.StoreError
        When the directory holds no build (and ``store_dir`` is not given).
    """
    store = Path(store_dir) if store_dir is not None else store_path(Path(build_dir))
    return BuildDir(build_dir).projection / f"{store.name}-{code_fingerprint()}.sqlite"


def open_projection(build_dir: Path, *, progress: bool = False) -> Projection:
    """The saved projection of the build in ``build_dir``, made and saved first if missing.

    A build saves it (:func:`kg.build.publish.publish`); builds made before
    that, or by other code (the file is named after :func:`code_fingerprint`),
    have it made here from the store, once.

    Raises
    ------
    kg.graph.store.StoreError
        When the directory holds no build.
    """
    build_dir = Path(build_dir)
    path = cache_path(build_dir)
    if not path.exists():
        if progress:
            print(
                f"kg: saving the projection of {build_dir} (once per build)...",
                file=sys.stderr,
            )
        write_cache(build_dir, store_path(build_dir))
        prune(build_dir)
    try:
        return Projection(path)
    except sqlite3.Error as e:
        raise StoreError(f"{path}: unreadable saved projection ({e})") from e


def write_cache(build_dir: Path, store_dir: Path, nquads: Path | None = None) -> float:
    """Project the store in ``store_dir`` (of the build in ``build_dir``) and save it.

    In bounded memory (:func:`kg.nx.stream.save_streamed`): the quads are read
    from ``nquads`` when given (the N-Quads file the store was loaded from, a
    build's ``graph.nq``: the store need not be finished), else from the store,
    opened read-only.

    Returns
    -------
    float
        Seconds it took.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from extract.records import Document, Extraction
    >>> from kg.build.remove import publish_extractions
    >>> from kg.graph.store import store_path
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> doc = Document(name="a.txt", raw="党员要学习。", text="党员要学习。", sha256="0" * 64)
    >>> _ = publish_extractions(d / "b", [Extraction(document=doc)])
    >>> store = store_path(d / "b")
    >>> _ = write_cache(d / "c", store, d / "b" / "graph.nq")
    >>> saved = cache_path(d / "b")
    >>> (BuildDir(d / "c").projection / saved.name).read_bytes() == saved.read_bytes()
    True
    """
    t0 = time.perf_counter()
    path = cache_path(build_dir, store_dir)
    if nquads is not None:
        stream.save_streamed(stream.nquads_quads(Path(nquads)), path)
    else:
        store = open_read_only(Path(store_dir))
        try:
            stream.save_streamed(stream.store_quads(store), path)
        finally:
            del store
    return time.perf_counter() - t0


def prune(build_dir: Path) -> None:
    """Remove saved projections other than the current store's (and leftover temporary files)."""
    keep = cache_path(Path(build_dir))
    folder = keep.parent
    if folder.is_dir():
        for old in folder.iterdir():
            if old != keep:
                old.unlink(missing_ok=True)


def saved_graph(build_dir: Path, *, progress: bool = False) -> nx.MultiDiGraph:
    """The whole projection of the build, from the saved file (made if missing)."""
    p = open_projection(build_dir, progress=progress)
    try:
        return p.graph()
    finally:
        p.close()
