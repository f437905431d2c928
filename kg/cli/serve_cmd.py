"""``kg serve``: the read-only SPARQL endpoint and query page of a build."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from kg.cli.common import CommandError, fatal_errors, out_option
from kg.server.settings import DEFAULT_AUTHOR

TOKEN_ENV = "KG_SERVE_TOKEN"
MIN_TOKEN = 16


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
  kg serve --cors https://analysis.example.org
  kg serve --allow-edits --author 王         # the workbench may record corrections
  KG_SERVE_TOKEN=$(openssl rand -hex 16) kg serve --host 0.0.0.0
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
       http://127.0.0.1:7878/sparql

\b
Endpoints: /sparql (SPARQL 1.1 Protocol, GET and POST, read-only), / (query
page), /describe?iri=..., /catalog, /graph.html, /report.html, /openapi.json.
A rebuild of --out is picked up within a second: new queries go to the new
store, running ones finish on the old one, which is removed when no query
uses it. A query over --timeout is stopped (its worker process is killed) and
answered 503; one that has used --slow-after seconds of CPU (0.1 s when
others wait) moves to a low-priority lane of --slow-queries places, so short
queries keep the fast workers; a query whose client disconnects is stopped; one allocating more
than --max-memory MB is stopped (422). When the expected wait for a worker is
over --max-wait seconds the answer is 503 with Retry-After at once. Results
over --max-results are refused with 422; bodies over --max-body with 413; URLs
over --max-url bytes with 414. CORS is off unless --cors names an origin.
Binding to an address other than loopback needs an access token (--token or
$KG_SERVE_TOKEN, 16 characters or more): every request must then carry
"Authorization: Bearer TOKEN" (a browser opens /?token=TOKEN once).
The server is read-only unless --allow-edits is given: then POST /corrections
records analysts' corrections in --out's corrections.jsonl, from loopback
clients only (the next build applies them; with ?apply=true at once), and the
workbench's reader and actor pages show edit controls that do so.
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
    help="Query worker processes of the fast lane (a spare or two are kept besides).",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=16),
    default=1024,
    show_default=True,
    help="Megabytes a query may allocate (422 beyond).",
)
@click.option(
    "--slow-after",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="CPU seconds after which a query moves to the slow lane.",
)
@click.option(
    "--slow-queries",
    type=click.IntRange(min=0, max=64),
    default=2,
    show_default=True,
    help="Long-running queries allowed at once.",
)
@click.option(
    "--max-wait",
    type=click.FloatRange(min=0.1),
    default=5.0,
    show_default=True,
    help="Seconds a query may wait for a worker (503 with Retry-After beyond).",
)
@click.option(
    "--max-url",
    type=click.IntRange(min=1024),
    default=65_536,
    show_default=True,
    help="Longest request URL in bytes (414 beyond).",
)
@click.option(
    "--cors",
    "--cors-origin",
    "cors",
    multiple=True,
    metavar="ORIGIN",
    help="Origin allowed to read answers from a web page (repeatable; off by default).",
)
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    show_envvar=True,
    help="Access token every request must carry (needed with a non-loopback --host).",
)
@click.option(
    "--allow-edits",
    is_flag=True,
    help="Accept analysts' corrections (POST /corrections) from loopback clients only.",
)
@click.option(
    "--author",
    default=DEFAULT_AUTHOR,
    show_default=True,
    help="With --allow-edits: the author the workbench proposes (each browser keeps its own).",
)
@click.option("--quiet", is_flag=True, help="No access log.")
@fatal_errors
def serve(
    out: Path,
    host: str,
    port: int,
    timeout: float,
    max_results: int,
    max_body: int,
    workers: int,
    max_memory: int,
    slow_after: float,
    slow_queries: int,
    max_wait: float,
    max_url: int,
    cors: tuple[str, ...],
    token: str | None,
    allow_edits: bool,
    author: str,
    quiet: bool,
) -> None:
    """Serve the build in --out: a read-only SPARQL endpoint and a query page."""
    import logging

    import uvicorn

    from kg.server.app import LOOPBACK_HOSTS, Settings, create_app
    from kg.server.http import server_config

    loopback = is_loopback(host)
    if token is not None and len(token) < MIN_TOKEN:
        raise CommandError(f"the access token must have {MIN_TOKEN} characters or more")
    if not loopback and not token:
        raise CommandError(
            f"--host {host} is reachable from the network: give an access token "
            f"(--token or ${TOKEN_ENV}), or bind to 127.0.0.1"
        )
    settings = Settings(
        build=out,
        timeout=timeout,
        max_results=max_results,
        max_body=max_body,
        workers=workers,
        max_memory=max_memory,
        slow_after=slow_after,
        slow_queries=slow_queries,
        max_wait=max_wait,
        max_url=max_url,
        cors_origins=cors,
        allowed_hosts=LOOPBACK_HOSTS if loopback else None,
        token=token or None,
        allow_edits=allow_edits,
        author=author,
    )
    app = create_app(settings)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logging.getLogger("kg.server").addHandler(handler)
    logging.getLogger("kg.server").setLevel(logging.INFO)
    click.echo(f"serving {out} on http://{host}:{port}/ (SPARQL endpoint /sparql)", err=True)
    config = server_config(app, host, port, max_url=max_url, log_level="info", access_log=not quiet)
    uvicorn.Server(config).run()
