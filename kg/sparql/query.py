"""Run a SPARQL query over a build's store and collect its results.

The default graph is the union of the documents' named graphs (and the
ontology's); the prefixes of :data:`QUERY_PREFIXES` (``ck:``, ``oa:``,
``rdfs:``, ``id:`` ...) are predeclared. Federated queries (``SERVICE``) are
refused. Errors are :class:`QueryError` with a one-line message; a syntax
error names the line and column the parser stopped at.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.graph.store import create_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> s = create_store(d / "s", ['<http://e/a> <http://e/p> "x" <http://e/g> .\\n'])
>>> r = execute(s, "SELECT ?o WHERE { ?s ?p ?o }")
>>> r.kind, r.variables, [str(row[0]) for row in r.rows]
('select', ['o'], ['"x"'])
>>> try:
...     execute(s, "SELECT ?o WHERE { ?s ?p }")
... except QueryError as e:
...     print(e.kind, e.line, e.column)
syntax 1 26
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

import pyoxigraph as ox

from kg.errors import KgError
from kg.graph import store as kg_store
from kg.sparql.text import declared_prefixes, mentions_service, star_order, used_prefixes
from ontology.namespaces import ID, PREFIXES

QUERY_PREFIXES: dict[str, str] = {k: str(v) for k, v in PREFIXES.items()} | {"id": str(ID)}
"""Prefixes predeclared in every query (an explicit ``PREFIX`` overrides one)."""

ErrorKind = Literal["syntax", "refused", "too_large", "evaluation"]
_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class QueryError(KgError, ValueError):
    """A query that cannot be answered; ``str()`` is one line.

    Attributes
    ----------
    kind : {"syntax", "refused", "too_large", "evaluation"}
        Why: malformed, refused by policy (``SERVICE``), over the result cap,
        or failed while running.
    line, column : int or None
        Position of a syntax error (1-based), when the parser gave one.
    """

    def __init__(
        self, message: str, *, kind: ErrorKind, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(" ".join(message.split()))
        self.kind = kind
        self.line = line
        self.column = column


def syntax_error(message: str) -> QueryError:
    """Turn the parser's message (``error at L:C: ...``) into a :class:`QueryError`.

    Examples
    --------
    >>> e = syntax_error("error at 3:22: expected one of ABS, AVG")
    >>> str(e), e.line, e.column
    ('syntax error at line 3, column 22: expected one of ABS, AVG', 3, 22)
    """
    m = _POSITION.match(message.strip())
    if not m:
        return QueryError(f"syntax error: {message}", kind="syntax")
    line, column, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    return QueryError(
        f"syntax error at line {line}, column {column}: {rest}",
        kind="syntax",
        line=line,
        column=column,
    )


def query_syntax_error(message: str, text: str) -> QueryError:
    """:func:`syntax_error`, unless the query uses a prefix neither declared nor predeclared.

    The parser's message for an unknown prefix lists every character a name
    may hold, or names another token it expected; this names the first
    unknown prefix and the known ones instead, in one line.

    Examples
    --------
    >>> text = "SELECT ?x WHERE { ?x foo:bar ?y }"
    >>> e = query_syntax_error("error at 1:29: expected one of Prefix not found, ['%']", text)
    >>> str(e).split(";")[0], e.line
    ('unknown prefix `foo:`', 1)
    """
    error = syntax_error(message)
    declared = declared_prefixes(text)
    known = sorted(set(QUERY_PREFIXES) | set(declared))
    unknown = [p for p in used_prefixes(text) if p not in known]
    if not unknown and "Prefix not found" not in message:
        return error
    what = f"unknown prefix `{unknown[0]}:`" if unknown else "unknown prefix"
    where = "" if unknown or error.line is None else f" at line {error.line}, column {error.column}"
    names = ", ".join(p or "(empty)" for p in known)
    return QueryError(
        f"{what}{where}; known: {names}", kind="syntax", line=error.line, column=error.column
    )


@dataclass
class Result:
    """The results of one query, fully read.

    ``kind`` is ``"select"`` (``variables`` and ``rows``, ``None`` for an
    unbound cell), ``"ask"`` (``boolean``) or ``"graph"`` (``triples``, for
    ``CONSTRUCT`` and ``DESCRIBE``).
    """

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1


def check_allowed(text: str) -> None:
    """Refuse federated queries.

    Raises
    ------
    QueryError
        ``kind="refused"`` when the query mentions ``SERVICE``.
    """
    if mentions_service(text):
        raise QueryError(
            "SERVICE (federated queries) is not allowed; "
            "outside strings, IRIs, comments and names the word 'service' may not appear",
            kind="refused",
        )


def _capped(items, max_results: int | None, what: str) -> list:
    if max_results is None:
        return list(items)
    out = list(islice(items, max_results + 1))
    if len(out) > max_results:
        raise QueryError(
            f"the result has more than {max_results} {what} (the cap); add a LIMIT",
            kind="too_large",
        )
    return out


def execute(
    store: ox.Store,
    text: str,
    *,
    max_results: int | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
) -> Result:
    """Run the query ``text`` and read all its results.

    Parameters
    ----------
    store : pyoxigraph.Store
        Opened through :mod:`kg.graph.store` (read-only for serving).
    text : str
        A SPARQL 1.1 query (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``).
    max_results : int, optional
        Refuse results with more rows (or triples) than this.
    default_graphs, named_graphs : list of str, optional
        IRIs of the graphs forming the default graph (default: the union of
        all graphs) and the graphs visible to ``GRAPH``.
    base_iri : str, optional
        Resolves the query's relative IRIs (the endpoint's URL when served);
        without one they are a syntax error.

    Returns
    -------
    Result

    Raises
    ------
    QueryError
        Malformed, refused, over the cap, or failed while evaluating.
    """
    check_allowed(text)
    try:
        answer = kg_store.query(
            store,
            text,
            prefixes=QUERY_PREFIXES,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base_iri,
        )
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            engine = [v.value for v in answer.variables]
            variables = star_order(text, engine)  # SELECT *: in the query's order
            order = [engine.index(v) for v in variables]
            rows = [tuple(sol[i] for i in order) for sol in _capped(answer, max_results, "rows")]
            return Result("select", variables=variables, rows=rows)
        return Result("graph", triples=_capped(answer, max_results, "triples"))
    except SyntaxError as e:
        raise query_syntax_error(str(e), text) from None
    except (RuntimeError, OSError, ValueError) as e:
        if isinstance(e, QueryError):
            raise
        raise QueryError(f"query failed: {e}", kind="evaluation") from None
