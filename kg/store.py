"""The embedded Oxigraph store behind one small adapter.

A build publishes its store as ``DIR/store``, a symlink to a directory under
``DIR/.stores/`` swapped atomically; readers open it read-only.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> s = create_store(d / "s", ['<http://e/s> <http://e/p> "x" <http://e/g> .\\n'])
>>> count_quads(s)
1
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox


class StoreError(RuntimeError):
    """The build's store is missing or unreadable."""


STORE_LINK = "store"
STORES_DIR = ".stores"


def create_store(path: Path, nquads_chunks: Iterable[str | bytes]) -> ox.Store:
    """Create a store at ``path`` and bulk-load N-Quads text chunks into it."""
    store = ox.Store(str(path))
    batch: list[bytes] = []
    size = 0
    for chunk in nquads_chunks:
        data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
        batch.append(data)
        size += len(data)
        if size > 32 * 1024 * 1024:
            store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)
            batch, size = [], 0
    if batch:
        store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    return store


def open_store(build_dir: Path, *, read_only: bool = True) -> ox.Store:
    """Open the store of the build in ``build_dir``.

    Raises
    ------
    StoreError
        When the directory holds no build.
    """
    link = Path(build_dir) / STORE_LINK
    if not link.exists():
        raise StoreError(f"{build_dir}: no build found (run `kg build --out {build_dir}` first)")
    try:
        return ox.Store.read_only(str(link.resolve())) if read_only else ox.Store(str(link))
    except OSError as e:
        raise StoreError(f"{link}: cannot open store ({e})") from e


def count_quads(store: ox.Store) -> int:
    """Number of quads in the store."""
    return len(store)


def select(store: ox.Store, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | None]]:
    """Run a SPARQL ``SELECT`` over the union of the store's graphs.

    The project's prefixes (``ck:``, ``oa:``, ``rdfs:`` ...) are predeclared, so
    query files need no ``PREFIX`` lines. Unbound variables are ``None``.

    Examples
    --------
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("x"),
    ...               ox.NamedNode("http://e/g")))
    >>> [r["o"].value for r in select(s, "SELECT ?o WHERE { ?s ?p ?o }")]
    ['x']
    """
    from ontology.namespaces import PREFIXES

    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    solutions = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: sol[n] for n in names} for sol in solutions]
