"""The FastAPI application of ``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and pages.

Routes: ``/sparql`` (GET and POST; form-encoded or ``application/sparql-query``
bodies; results negotiated as JSON, XML, CSV, TSV or, for graphs, Turtle,
N-Triples, JSON-LD, RDF/XML), ``/catalog`` (the saved queries),
``/catalog/{name}/query`` (a saved query with its parameters bound),
``/corrections`` (analysts' corrections: GET lists them, POST records one
with ``--allow-edits`` from loopback only, :mod:`kg.server.edits`),
``/describe?iri=`` (a node's properties and source quotes), ``/`` (the query
page), ``/graph.html`` and ``/report.html`` (from the build directory),
``/static/*`` and ``/openapi.json``; the analyst's workbench (documents, reader,
tables, actor pages, explore: :mod:`kg.server.workbench.routes`) and its ``/assets/*``.

Refused: updates (``update=``, ``application/sparql-update``: 403), ``SERVICE``
(403), bodies over the size limit (413), URLs over the limit (414), query
strings that are not UTF-8 (400), results over the cap (422), queries over the
memory cap (422), queries over the timeout (503, the worker process is
killed), and, when overloaded, 503 with ``Retry-After`` at once. A query whose
client goes away is stopped. Malformed queries get 400 with the parser's
message; relative IRIs resolve against the endpoint's URL. Every response
carries the security headers (:mod:`kg.server.guard`); CORS is off unless
origins are given; with an access token, nothing is served without it. Every
page works offline: no CDN, every asset is served from ``kg/server/static``.
The store followed across rebuilds, lanes and admission control are
:mod:`kg.server.pool`'s.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from kg.graph.store import store_path
from kg.server.disconnect import ClientGone, until_disconnect
from kg.server.edits import add_routes as add_correction_routes
from kg.server.guard import Guard, TokenAuth
from kg.server.negotiate import negotiate
from kg.server.openapi import POST_BODY, SPARQL_RESPONSES
from kg.server.pages import render_describe, render_error
from kg.server.pool import PoolError, QueryPool
from kg.server.settings import CSP, LOOPBACK_HOSTS, Settings
from kg.server.views import load_view
from kg.server.workbench import routes as workbench
from kg.server.workbench.editing import Editing
from kg.sparql import catalog
from kg.sparql.query import QUERY_PREFIXES, QueryError, check_allowed
from kg.sparql.results import media_type

__all__ = ["LOOPBACK_HOSTS", "STATIC", "Settings", "create_app"]

PAGE_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
ERROR_STATUS = {
    "syntax": 400,
    "evaluation": 400,
    "refused": 403,
    "not_acceptable": 406,
    "too_large": 422,
    "memory": 422,
    "timeout": 503,
    "busy": 503,
}
STATIC = Path(str(files("kg.server").joinpath("static")))


class _Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def _pool_error(e: PoolError) -> PlainTextResponse:
    headers = {"Retry-After": str(e.retry_after)} if e.retry_after else None
    return _text(ERROR_STATUS.get(e.kind, 500), str(e), headers)


async def _read_body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _Refusal(413, f"request body of {length} bytes exceeds the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Refusal(413, f"request body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _media(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def create_app(settings: Settings) -> FastAPI:
    """The application serving the build in ``settings.build``.

    Raises
    ------
    kg.graph.store.StoreError
        When the directory holds no build.
    """
    store_path(settings.build)  # a missing build is a one-line error now, not at start-up
    pool = QueryPool(
        settings.build,
        size=settings.workers,
        timeout=settings.timeout,
        memory_mb=settings.max_memory,
        slow_after=settings.slow_after,
        slow_slots=settings.slow_queries,
        max_wait=settings.max_wait,
        max_queue=settings.max_queue,
        watch=settings.watch,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(
        title="campaign-kg SPARQL endpoint",
        version=version("campaign-kg"),
        description=(
            "Read-only SPARQL 1.1 Protocol endpoint over a campaign-kg build. The default "
            "graph is the union of all documents; prefixes ck:, oa:, rdfs:, skos:, dcterms:, "
            "id: ... are predeclared."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    # the last added runs first: Guard, CORS, the Host check, the token, the routes
    if settings.token:
        app.add_middleware(TokenAuth, token=settings.token)
    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["*"],
            allow_credentials=False,
        )
    app.add_middleware(Guard, csp=CSP, max_url=settings.max_url, max_inflight=settings.max_inflight)

    async def answer(
        request: Request,
        queries: list[str],
        default_graphs: list[str],
        named_graphs: list[str],
        fmt: str | None,
    ) -> Response:
        if not queries:
            return _text(400, "missing query parameter (SPARQL 1.1 Protocol: query=...)")
        if len(queries) > 1:
            return _text(400, "more than one query given")
        try:
            check_allowed(queries[0])
        except QueryError as e:
            return _text(403, str(e))
        select, graph = negotiate(request.headers.get("accept"), fmt)
        job = {
            "query": queries[0],
            "select": select,
            "graph": graph,
            "max": settings.max_results,
            "default_graphs": default_graphs,
            "named_graphs": named_graphs,
            "base": str(request.url.replace(query="", fragment="")).rstrip("?#"),
        }
        try:
            reply = await until_disconnect(request, pool.run(job))
        except PoolError as e:
            return _pool_error(e)
        except ClientGone:
            return Response(status_code=499)  # no one reads it
        h = reply.header
        if not h.get("ok"):
            return _text(ERROR_STATUS.get(h.get("error", ""), 500), h.get("message", "error"))
        return Response(reply.payload, media_type=media_type(h["format"]))

    @app.get("/sparql", responses=SPARQL_RESPONSES, tags=["SPARQL"])
    async def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(description="The SPARQL query")] = None,
        default_graph_uri: Annotated[
            list[str] | None,
            Query(alias="default-graph-uri", description="Graphs forming the default graph"),
        ] = None,
        named_graph_uri: Annotated[
            list[str] | None,
            Query(alias="named-graph-uri", description="Graphs visible to GRAPH"),
        ] = None,
        format: Annotated[
            str | None,
            Query(description="Override of Accept: json, xml, csv, tsv, turtle, ntriples, jsonld"),
        ] = None,
        update: Annotated[
            str | None, Query(description="Refused (403): the endpoint is read-only")
        ] = None,
    ) -> Response:
        """SPARQL 1.1 Protocol query via GET."""
        params = request.query_params
        if "update" in params:
            return _text(403, "updates are refused: this endpoint is read-only")
        fmt = format or params.get("output")
        return await answer(
            request, params.getlist("query"), default_graph_uri or [], named_graph_uri or [], fmt
        )

    @app.post("/sparql", responses=SPARQL_RESPONSES, tags=["SPARQL"], openapi_extra=POST_BODY)
    async def sparql_post(request: Request) -> Response:
        """SPARQL 1.1 Protocol query via POST (form-encoded or ``application/sparql-query``)."""
        ctype = _media(request.headers.get("content-type"))
        url = request.query_params
        if ctype == "application/sparql-update" or "update" in url:
            return _text(403, "updates are refused: this endpoint is read-only")
        if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            return _text(
                415,
                "send the query as application/x-www-form-urlencoded (query=...) "
                "or application/sparql-query",
            )
        try:
            body = (await _read_body(request, settings.max_body)).decode("utf-8")
        except _Refusal as e:
            return _text(e.status, str(e))
        except UnicodeDecodeError:
            return _text(400, "the request body is not UTF-8")
        if ctype == "application/sparql-query":
            form: dict[str, list[str]] = {"query": [body]}
        else:
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return _text(403, "updates are refused: this endpoint is read-only")
        graphs = form.get("default-graph-uri", []) + url.getlist("default-graph-uri")
        named = form.get("named-graph-uri", []) + url.getlist("named-graph-uri")
        fmt = next(
            iter(form.get("format", []) + url.getlist("format") + url.getlist("output")), None
        )
        return await answer(request, form.get("query", []), graphs, named, fmt)

    @app.get("/catalog", tags=["catalog"])
    async def catalog_list() -> JSONResponse:
        """The saved queries (name, description, parameters, text) and the predeclared prefixes."""
        return JSONResponse(
            {
                "prefixes": QUERY_PREFIXES,
                "queries": [
                    {
                        "name": e.name,
                        "description": e.description,
                        "params": [
                            {"name": p.name, "description": p.description} for p in e.params
                        ],
                        "query": e.text,
                    }
                    for e in catalog.load_catalog().values()
                ],
            }
        )

    @app.get(
        "/catalog/{name}/query",
        tags=["catalog"],
        response_class=PlainTextResponse,
        responses={400: {"description": "Missing, unknown or invalid parameter"}, 404: {}},
    )
    async def catalog_query(name: str, request: Request) -> Response:
        """The saved query ``name`` with its parameters (query string) bound as an escaped VALUES block."""  # noqa: E501
        try:
            entry = catalog.get(name)
        except catalog.CatalogError as e:
            return _text(404, str(e))
        try:
            text = catalog.bind(entry, dict(request.query_params))
        except catalog.CatalogError as e:
            return _text(400, str(e))
        return Response(text, media_type="application/sparql-query; charset=utf-8")

    async def _bindings(request: Request, entry: catalog.Entry, iri: str) -> list[dict[str, Any]]:
        job = {
            "query": catalog.bind(entry, {"iri": iri}),
            "select": "json",
            "graph": None,
            "max": settings.max_results,
        }
        reply = await until_disconnect(request, pool.run(job))
        if not reply.header.get("ok"):
            raise _Refusal(
                ERROR_STATUS.get(reply.header.get("error", ""), 500), reply.header["message"]
            )
        return json.loads(reply.payload)["results"]["bindings"]

    @app.get("/describe", response_class=HTMLResponse, tags=["pages"])
    async def describe(
        request: Request,
        iri: Annotated[str, Query(description="IRI of the node")],
    ) -> Response:
        """A node's properties, incoming links and source quotes (document, offsets, oa:exact)."""
        internal = catalog.internal_queries()
        try:
            catalog.term(catalog.Param("iri", ""), iri)
            props = await _bindings(request, internal["describe-out"], iri)
            incoming = await _bindings(request, internal["describe-in"], iri)
            evidence = await _bindings(request, catalog.get("source-quote"), iri)
        except catalog.CatalogError as e:
            return HTMLResponse(render_error(400, str(e)), 400, headers=PAGE_HEADERS)
        except _Refusal as e:
            return HTMLResponse(render_error(e.status, str(e)), e.status, headers=PAGE_HEADERS)
        except PoolError as e:
            status = ERROR_STATUS.get(e.kind, 500)
            headers = PAGE_HEADERS | ({"Retry-After": str(e.retry_after)} if e.retry_after else {})
            return HTMLResponse(render_error(status, str(e)), status, headers=headers)
        except ClientGone:
            return Response(status_code=499)
        return HTMLResponse(render_describe(iri, props, incoming, evidence), headers=PAGE_HEADERS)

    @app.get("/", response_class=HTMLResponse, tags=["pages"])
    async def index() -> FileResponse:
        """The query page: editor, saved queries, results table."""
        return FileResponse(STATIC / "index.html", headers=PAGE_HEADERS)

    def _view(name: str) -> Response:
        try:
            data, policy = load_view(Path(settings.build) / name)
        except (FileNotFoundError, IsADirectoryError):
            return HTMLResponse(
                render_error(404, f"{name} is not in the build"), 404, headers=PAGE_HEADERS
            )
        return Response(
            data,
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": policy},
        )

    @app.get("/graph.html", response_class=HTMLResponse, tags=["pages"])
    async def graph_view() -> Response:
        """The build's interactive graph view."""
        return _view("graph.html")

    @app.get("/report.html", response_class=HTMLResponse, tags=["pages"])
    async def report_view() -> Response:
        """The build's analyst report."""
        return _view("report.html")

    add_correction_routes(app, settings)  # read always; write with --allow-edits, loopback
    editing = Editing(settings.author) if settings.allow_edits else None
    workbench.install(app, Path(settings.build), editing)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
