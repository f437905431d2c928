"""``kg serve``: the read-only SPARQL endpoint and query page of a build."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from kg.cli.common import fatal_errors, out_option


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command(
    epilog="""Examples:

\b
  kg serve                                   # output/ on http://127.0.0.1:7878/
  kg serve --out seeds-build --port 8000
  kg serve --timeout 5 --max-results 1000 --workers 4
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
       http://127.0.0.1:7878/sparql

\b
Endpoints: /sparql (SPARQL 1.1 Protocol, GET and POST, read-only), / (query
page), /describe?iri=..., /catalog, /graph.html, /report.html, /openapi.json.
A query over --timeout is stopped (its worker process is killed) and answered
503; results over --max-results are refused with 422; bodies over --max-body
with 413. Binding to an address other than loopback exposes the data to the
network: a warning is printed.
"""
)
@out_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds a query may run.",
)
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Refuse results with more rows or triples.",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    default=1_000_000,
    show_default=True,
    help="Refuse request bodies larger than this many bytes.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=2,
    show_default=True,
    help="Query worker processes.",
)
@click.option(
    "--cors-origin",
    "cors",
    multiple=True,
    default=("*",),
    show_default=True,
    help="Origin allowed by CORS (repeatable).",
)
@fatal_errors
def serve(
    out: Path,
    host: str,
    port: int,
    timeout: float,
    max_results: int,
    max_body: int,
    workers: int,
    cors: tuple[str, ...],
) -> None:
    """Serve the build in --out: a read-only SPARQL endpoint and a query page."""
    import uvicorn

    from kg.server.app import LOOPBACK_HOSTS, Settings, create_app

    loopback = is_loopback(host)
    if not loopback:
        click.echo(
            f"kg: warning: binding to {host}: the endpoint and all data of {out} are reachable "
            "from the network (no authentication)",
            err=True,
        )
    settings = Settings(
        build=out,
        timeout=timeout,
        max_results=max_results,
        max_body=max_body,
        workers=workers,
        cors_origins=cors,
        allowed_hosts=LOOPBACK_HOSTS if loopback else None,
    )
    app = create_app(settings)
    click.echo(f"serving {out} on http://{host}:{port}/ (SPARQL endpoint /sparql)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
