"""``kg query``: run a SPARQL query, a ``.rq`` file or a saved query against a build."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import click

from kg.cli.common import CommandError, emit, fatal_errors, out_option
from kg.cli.output import render

QUERY_FORMATS = ("table", "csv", "tsv", "json", "md")


def _source(query: str | None, name: str | None) -> tuple[str, str, str]:
    """(label for errors, entry name, text) of the query to run."""
    from kg.sparql import catalog

    if name and query:
        raise click.UsageError("give either QUERY or --name, not both")
    if name:
        try:
            entry = catalog.get(name)
        except catalog.CatalogError as e:
            raise CommandError(str(e)) from e
        return f"saved query {name}", name, entry.text
    if not query:
        raise click.UsageError("give a QUERY, a FILE.rq, --name NAME or --list")
    if query == "-":
        return "<stdin>", "stdin", sys.stdin.read()
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and path.is_file()):
        try:
            return str(path), path.stem, path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            raise CommandError(f"{path}: cannot read query file ({reason})") from e
    return "query", "query", query


def _list(fmt: str) -> None:
    from kg.sparql.catalog import load_catalog

    rows = [
        {
            "name": e.name,
            "params": " ".join(f"{p.name}=" for p in e.params),
            "description": e.description,
        }
        for e in load_catalog().values()
    ]
    if fmt == "tsv":
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "params", "description"])
        w.writerows([r["name"], r["params"], r["description"]] for r in rows)
        click.echo(buf.getvalue().rstrip("\n"))
    else:  # a description is read whole: wrapped in a table, never cut
        click.echo(render(rows, fmt, ["name", "params", "description"], wrap=True))


@click.command(
    epilog="""Examples:

\b
  kg query --list
  kg query --name deadlines --out seeds-build
  kg query --name actor-responsibilities --param actor=督导组
  kg query 'SELECT ?l WHERE { ?a a ck:Actor ; rdfs:label ?l }' --format csv
  kg query my-question.rq --format json > results.json
  kg query 'CONSTRUCT WHERE { ?s ck:modality ck:prohibition }'   # Turtle

\b
Prefixes ck: oa: rdf: rdfs: skos: dcterms: xsd: id: ... are predeclared; the
default graph is the union of all documents and the ontology. --format json is
the W3C SPARQL 1.1 Query Results JSON; csv and tsv the W3C CSV/TSV results;
CONSTRUCT and DESCRIBE print Turtle. SELECT * lists the variables in the order
the query first names them.

\b
Exit codes: 0 answered (also with no results), 2 usage or query error. When a
query with --param gives no results and a value is no label, alias or document
name of the build, a notice on stderr names the closest ones (exit code 0).
"""
)
@click.argument("query", required=False)
@click.option("--name", "name", metavar="NAME", help="Run the saved query NAME (see --list).")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter of the query (repeatable); values are escaped, never spliced.",
)
@click.option("--list", "list_", is_flag=True, help="List the saved queries and exit.")
@out_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="Output format of SELECT/ASK results.",
)
@fatal_errors
def query(
    query: str | None,
    name: str | None,
    params: tuple[str, ...],
    list_: bool,
    out: Path,
    fmt: str,
) -> None:
    """Run a SPARQL QUERY (text, FILE.rq or - for stdin) or a saved query against the build."""
    from kg.graph.store import open_store
    from kg.sparql import catalog
    from kg.sparql.query import QueryError, execute
    from kg.sparql.results import display_rows, serialize

    if list_:
        _list(fmt)
        return
    label, entry_name, text = _source(query, name)
    try:
        entry, values = catalog.parse_entry(entry_name, text), catalog.parse_params(params)
        bound = catalog.bind(entry, values)
    except catalog.CatalogError as e:
        raise CommandError(f"{label}: {e}") from e
    store = open_store(out)
    try:
        result = execute(store, bound)
        if values and result.kind == "select" and not result.rows:
            for line in catalog.unmatched(store, entry, values):
                click.echo(f"kg: notice: {label}: {line}", err=True)
    except QueryError as e:
        raise CommandError(f"{label}: {e}") from e
    if result.kind == "graph":
        sys.stdout.buffer.write(serialize(result, "turtle"))
    elif fmt in ("json", "csv", "tsv"):
        data = serialize(result, fmt)
        sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
    else:
        columns, rows = display_rows(result)
        emit(rows, fmt, columns)
    sys.stdout.flush()
