"""Serialize query results: W3C formats through pyoxigraph, plus table rows for people.

``SELECT`` and ``ASK`` results serialize as SPARQL 1.1 Query Results JSON,
XML, CSV or TSV; ``CONSTRUCT``/``DESCRIBE`` graphs as Turtle, N-Triples or
JSON-LD. The results are read (and capped) before serializing, then handed to
pyoxigraph's own serializers through an exact TSV round trip.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.graph.store import create_store
>>> from kg.sparql.query import execute
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> s = create_store(d / "s", ['<http://e/a> <http://e/p> "督导组"@zh <http://e/g> .\\n'])
>>> r = execute(s, "SELECT ?s ?o WHERE { ?s ?p ?o }")
>>> print(serialize(r, "json").decode())
{"head":{"vars":["s","o"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"督导组","xml:lang":"zh"}}]}}
>>> display_rows(r)
(['s', 'o'], [{'s': '<http://e/a>', 'o': '督导组'}])
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.sparql.query import QUERY_PREFIXES, Result, Term

SELECT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
TURTLE_PREFIXES = ("ck", "oa", "rdf", "rdfs", "skos", "dcterms", "xsd", "id")


def media_type(fmt: str) -> str:
    """The media type of a format name of :data:`SELECT_FORMATS` or :data:`GRAPH_FORMATS`.

    Examples
    --------
    >>> media_type("json"), media_type("turtle")
    ('application/sparql-results+json', 'text/turtle')
    """
    f = SELECT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]
    return f.media_type


def _solutions(result: Result) -> ox.QuerySolutions | ox.QueryBoolean:
    if result.kind == "ask":
        data = b'{"head":{},"boolean":' + (b"true" if result.boolean else b"false") + b"}"
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)


def serialize(result: Result, fmt: str) -> bytes:
    """Serialize ``result`` in format ``fmt``.

    Parameters
    ----------
    result : Result
        From :func:`kg.sparql.query.execute`.
    fmt : str
        ``json``, ``xml``, ``csv`` or ``tsv`` for ``SELECT``/``ASK``;
        ``turtle``, ``ntriples``, ``jsonld`` or ``rdfxml`` for graphs.

    Raises
    ------
    ValueError
        When the format does not fit the kind of result.
    """
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise ValueError(f"a graph result cannot be written as {fmt}")
        prefixes = {k: QUERY_PREFIXES[k] for k in TURTLE_PREFIXES} if fmt == "turtle" else None
        return ox.serialize(result.triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes)
    if fmt not in SELECT_FORMATS:
        raise ValueError(f"a {result.kind.upper()} result cannot be written as {fmt}")
    return _solutions(result).serialize(format=SELECT_FORMATS[fmt])


def compact(term: Term | None) -> str:
    """A short, readable form of a term: a literal's text, an IRI as ``prefix:local`` or ``<iri>``.

    Examples
    --------
    >>> compact(ox.NamedNode(QUERY_PREFIXES["ck"] + "obligation"))
    'ck:obligation'
    >>> compact(ox.Literal("45", datatype=ox.NamedNode(QUERY_PREFIXES["xsd"] + "integer")))
    '45'
    """
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    return str(term)


def compact_iri(iri: str) -> str:
    """``prefix:local`` for an IRI under one of :data:`QUERY_PREFIXES`, else ``<iri>``.

    Examples
    --------
    >>> compact_iri(QUERY_PREFIXES["id"] + "req/a.txt/3-9")
    'id:req/a.txt/3-9'
    >>> compact_iri("http://example.org/x y")
    '<http://example.org/x y>'
    """
    best = max(
        (p for p, ns in QUERY_PREFIXES.items() if iri.startswith(ns)),
        key=lambda p: len(QUERY_PREFIXES[p]),
        default=None,
    )
    if best is not None:
        local = iri[len(QUERY_PREFIXES[best]) :]
        if local and all(c.isalnum() or c in "_-/.%" for c in local):
            return f"{best}:{local}"
    return f"<{iri}>"


def display_rows(result: Result) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows of ``result`` with compact cells, for table and Markdown output."""
    if result.kind == "ask":
        return ["boolean"], [{"boolean": "true" if result.boolean else "false"}]
    if result.kind == "graph":
        cols = ["subject", "predicate", "object"]
        return cols, [
            dict(
                zip(
                    cols, (compact(t.subject), compact(t.predicate), compact(t.object)), strict=True
                )
            )
            for t in result.triples
        ]
    return result.variables, [
        {v: compact(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows
    ]
