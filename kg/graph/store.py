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

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.builddir import STORE_LINK
from kg.errors import StoreError


def create_store(
    path: Path,
    nquads_chunks: Iterable[str | bytes],
    *,
    union_default: bool = False,
    optimize: bool = True,
) -> ox.Store:
    """Create a store at ``path`` and bulk-load N-Quads text chunks into it.

    With ``union_default``, the default graph also receives the union of all
    named graphs (see :func:`materialize_union`); ``optimize`` compacts the
    store at the end (leave it to the caller that loads more).
    """
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
    if union_default:
        materialize_union(store)
    store.flush()
    if optimize:
        store.optimize()
    return store


def load_default(store: ox.Store, turtle_files: Iterable[Path]) -> None:
    """Bulk-load Turtle files into the store's default graph.

    :func:`kg.build.publish.publish` fills the default graph this way with the
    union of the document graphs it has just written as ``graph.ttl`` (a set
    of triples, like :func:`materialize_union` makes).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "u.ttl").write_text("<http://e/a> <http://e/p> 1 .\\n")
    >>> s = ox.Store()
    >>> load_default(s, [d / "u.ttl"])
    >>> has_union_default(s)
    True
    """
    for f in turtle_files:
        for chunk in turtle_chunks(Path(f)):
            store.bulk_load(chunk, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    store.flush()


TURTLE_CHUNK = 32 * 1024 * 1024


def turtle_chunks(path: Path, size: int = TURTLE_CHUNK) -> Iterator[bytes]:
    """The Turtle file ``path`` as standalone pieces of about ``size`` bytes.

    Oxigraph's bulk loader holds what it is given in memory, so a build's
    ``graph.ttl`` is loaded piece by piece. The file must be one the build
    writes: ``@prefix`` lines, then subject blocks each starting with an IRI
    at the start of a line (no blank nodes, literals escaped on one line).
    Each piece repeats the prefixes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> ttl = "@prefix e: <http://e/> .\\n<http://e/a> e:p 1 .\\n<http://e/b> e:p 2 .\\n"
    >>> _ = (d / "g.ttl").write_text(ttl)
    >>> [c.decode().count("e:p") for c in turtle_chunks(d / "g.ttl", size=10)]
    [1, 1]
    """
    header: list[bytes] = []
    part: list[bytes] = []
    n = 0
    with path.open("rb") as fh:
        for line in fh:
            if not part and line.startswith(b"@prefix"):
                header.append(line)
                continue
            if n >= size and line.startswith(b"<"):
                yield b"".join(header + part)
                part, n = [], 0
            part.append(line)
            n += len(line)
    if part:
        yield b"".join(header + part)


def open_store(build_dir: Path, *, read_only: bool = True) -> ox.Store:
    """Open the store of the build in ``build_dir``.

    Raises
    ------
    StoreError
        When the directory holds no build.
    """
    path = store_path(build_dir)
    if read_only:
        return open_read_only(path)
    try:
        return ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open store ({e})") from e


def materialize_union(store: ox.Store) -> None:
    """Copy the triples of every named graph into the default graph, each triple once.

    Oxigraph's ``use_default_graph_as_union`` is a bag: a triple present in k
    document graphs (a shared actor's label) matches k times, and joins over
    such triples multiply (k x k x ...), which made saved queries quadratic in
    the number of documents mentioning an actor. A materialized default graph
    is a set, so queries over it need no ``DISTINCT`` and stay linear.

    Examples
    --------
    >>> s = ox.Store()
    >>> nq = b'<http://e/a> <http://e/p> "x" <http://e/g1> .\\n'
    >>> s.bulk_load(nq + nq.replace(b"g1", b"g2"), format=ox.RdfFormat.N_QUADS)
    >>> materialize_union(s)
    >>> len(list(s.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    1
    """
    # In batches, so memory stays bounded whatever the size of the build; the
    # store is a set of quads, so a triple loaded by two batches is kept once.
    batch: list[ox.Triple] = []
    for q in store.quads_for_pattern(None, None, None):
        if isinstance(q.graph_name, ox.DefaultGraph):
            continue
        batch.append(ox.Triple(q.subject, q.predicate, q.object))
        if len(batch) >= UNION_BATCH:
            _load_default(store, batch)
            batch = []
    if batch:
        _load_default(store, batch)


UNION_BATCH = 200_000


def _load_default(store: ox.Store, triples: list[ox.Triple]) -> None:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())


def has_union_default(store: ox.Store) -> bool:
    """True when the store's default graph holds the materialized union of its graphs."""
    return (
        next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    )


def store_path(build_dir: Path) -> Path:
    """The resolved directory of the build's current store (follows the ``store`` symlink).

    Raises
    ------
    StoreError
        When the directory holds no build.
    """
    link = Path(build_dir) / STORE_LINK
    if not link.exists():
        raise StoreError(f"{build_dir}: no build found (run `kg build --out {build_dir}` first)")
    return link.resolve()


def open_read_only(path: Path) -> ox.Store:
    """Open the store directory ``path`` read-only (updates through it fail).

    Raises
    ------
    StoreError
        When ``path`` is not a readable store.
    """
    try:
        return ox.Store.read_only(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open store ({e})") from e


def query(
    store: ox.Store,
    text: str,
    *,
    prefixes: dict[str, str] | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a SPARQL query over the store.

    The default graph is the union of all named graphs (one per document plus
    the ontology): the materialized one when the build stored it (a set, see
    :func:`materialize_union`), else Oxigraph's union view (a bag). With
    ``default_graphs`` the named graphs given form it instead; ``named_graphs``
    restricts what ``GRAPH`` can see; ``base_iri`` resolves relative IRIs.

    Raises
    ------
    SyntaxError
        When the query does not parse (the message holds ``line:column``).
    """
    kwargs: dict = {"prefixes": prefixes, "base_iri": base_iri}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    elif not has_union_default(store):
        kwargs["use_default_graph_as_union"] = True
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return store.query(text, **kwargs)


def count_quads(store: ox.Store) -> int:
    """Number of quads in the store."""
    return len(store)


Value = str | int | float


def term_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Value:
    """A term as a plain Python value, as :func:`iter_predicate` gives it."""
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt == _XSD_INTEGER:
            return int(term.value)
        if dt in _XSD_NUMERIC:
            return float(term.value)
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_NUMERIC = frozenset(
    "http://www.w3.org/2001/XMLSchema#" + t for t in ("decimal", "double", "float")
)


def iter_predicate(store: ox.Store, predicate: str) -> Iterator[tuple[str, Value, str | None]]:
    """Every ``(subject, object, graph)`` of quads whose predicate is ``predicate``.

    Terms come out as plain Python values: IRIs as ``str``, blank nodes as
    ``"_:id"``, literals as ``int`` (xsd:integer), ``float`` (xsd:decimal,
    double, float) or ``str``; ``graph`` is the named graph's IRI (the default
    graph, a materialized copy of their union, is skipped). This is how
    analyses read the store without SPARQL result overhead (a predicate index
    scan).

    Parameters
    ----------
    store : pyoxigraph.Store
        An open store.
    predicate : str
        The predicate's IRI.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> xsd_int = "<http://www.w3.org/2001/XMLSchema#integer>"
    >>> s = create_store(d / "s", [f'<http://e/s> <http://e/p> "3"^^{xsd_int} <http://e/g> .\\n'])
    >>> list(iter_predicate(s, "http://e/p"))
    [('http://e/s', 3, 'http://e/g')]
    """
    for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph):
            continue  # the materialized union: copies of the named graphs' quads
        yield (
            term_value(q.subject),  # type: ignore[misc]
            term_value(q.object),  # type: ignore[arg-type]
            g.value,
        )


def select(store: ox.Store, text: str) -> list[dict[str, ox.NamedNode | ox.Literal | None]]:
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
    solutions = query(store, text, prefixes=prefixes)
    names = [v.value for v in solutions.variables]
    return [{n: sol[n] for n in names} for sol in solutions]
