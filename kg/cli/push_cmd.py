"""``kg push``: load the build into a SPARQL 1.1 store (Graph Store HTTP Protocol)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import fatal_errors, out_option, progress_enabled


@click.command(
    epilog="""One named graph per document (plus the ontology's) is replaced with PUT, so
pushing twice gives the same result. Default --graph-store: for an endpoint ending in
/sparql, Virtuoso's /sparql-graph-crud-auth (/sparql-graph-crud without --user);
otherwise the endpoint itself.

\b
Examples:
  kg push --endpoint http://127.0.0.1:8890/sparql --user dba --password dba
  kg push --endpoint http://127.0.0.1:3030/ds/sparql --graph-store http://127.0.0.1:3030/ds/data \\
          --user admin --password pw --auth basic --out seeds-build
  KG_PUSH_PASSWORD=dba kg push --endpoint http://127.0.0.1:8890/sparql --user dba
"""
)
@click.option("--endpoint", required=True, help="SPARQL query endpoint URL.")
@click.option("--graph-store", default=None, help="Graph Store HTTP Protocol URL.")
@click.option("--user", default=None, help="User name (digest or basic auth).")
@click.option("--password", default=None, envvar="KG_PUSH_PASSWORD", help="Password.")
@click.option(
    "--auth",
    type=click.Choice(["digest", "basic"]),
    default="digest",
    show_default=True,
    help="Authentication scheme.",
)
@out_option
@click.option(
    "--batch-triples",
    type=click.IntRange(min=1),
    default=50_000,
    show_default=True,
    help="Triples per request.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Graphs sent at the same time.",
)
@click.option("--doc", "docs", multiple=True, help="Only this document (repeatable).")
@click.option("--no-ontology", is_flag=True, help="Do not push the ontology's graph.")
@fatal_errors
def push(
    endpoint: str,
    graph_store: str | None,
    user: str | None,
    password: str | None,
    auth: str,
    out: Path,
    batch_triples: int,
    jobs: int,
    docs: tuple[str, ...],
    no_ontology: bool,
) -> None:
    """Load the build in --out into the SPARQL store at --endpoint."""
    from kg.export.push import push as run_push

    bar = None
    if progress_enabled():
        from tqdm import tqdm

        bar = tqdm(desc="push", unit="triple", unit_scale=True, dynamic_ncols=True, leave=False)
    try:
        report = run_push(
            out,
            endpoint,
            graph_store=graph_store,
            user=user,
            password=password,
            auth=auth,
            batch_triples=batch_triples,
            jobs=jobs,
            documents=docs,
            ontology=not no_ontology,
            progress=bar.update if bar is not None else None,
        )
    finally:
        if bar is not None:
            bar.close()
    click.echo(
        f"pushed {report.triples} triples in {report.graphs} graphs "
        f"({report.requests} requests) in {report.seconds:.1f} s ({report.rate:,.0f} triples/s)"
    )
    for graph in report.mismatches:
        click.echo(
            f"kg: warning: {graph}: sent {report.sent[graph]} triples, "
            f"the store holds {report.held[graph]}",
            err=True,
        )
    if report.mismatches:
        raise SystemExit(1)
