"""The workbench's routes, added to ``kg serve``'s application by :func:`workbench_router`.

``/documents`` (the list), ``/doc/NAME`` (the reader; ``#START-END`` marks a
span), ``/table/{requirements,actors,times,relations}`` (facets, sort, search,
pages; ``?format=csv|json`` downloads the rows shown), ``/actor/KEY`` (an
actor's page), ``/explore`` (search a node and expand its neighbours, with
``/explore/overview``, ``/explore/search`` and ``/explore/node`` answering JSON) and ``/assets/*``
(the workbench's scripts and styles, from the package). With ``kg serve
--allow-edits`` the reader and the actor pages also draw edit controls
(:mod:`kg.server.workbench.editing`) that post to ``/corrections``. The pages
read the build directory's manifest, cache, kept texts and index
(:mod:`kg.server.workbench.index`), never the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from kg.address import actor_iri
from kg.build import texts
from kg.builddir import Manifest
from kg.errors import BuildError
from kg.html.templating import static_text
from kg.server.pages import render_error
from kg.server.settings import CSP
from kg.server.workbench.actors import render_actor
from kg.server.workbench.editing import Editing
from kg.server.workbench.explore import neighbours, overview, render_explore, search
from kg.server.workbench.facts import document_facts
from kg.server.workbench.index import Indexer, IndexPending
from kg.server.workbench.reader import render_documents, render_reader
from kg.server.workbench.table_page import render_table
from kg.server.workbench.tables import TABLES, TableQuery, download

ASSETS = Path(str(files("kg.server.workbench").joinpath("static")))
SHARED_ASSETS = {
    "explore.js": "text/javascript; charset=utf-8",
    "explore.css": "text/css; charset=utf-8",
}
"""Served at ``/assets/NAME`` from ``kg/html/static``: the same files ``graph.html`` inlines."""
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status, headers=HEADERS)


def _error(status: int, message: str) -> HTMLResponse:
    return _html(render_error(status, message), status)


def _pending(e: IndexPending) -> HTMLResponse:
    """503 with a page that reloads itself until the index is ready."""
    text = render_error(503, str(e)).replace(
        "<title>", '<meta http-equiv="refresh" content="3"><title>', 1
    )
    headers = HEADERS | {"Retry-After": "3"}
    return HTMLResponse(text, 503, headers=headers)


def _int(value: str | None, default: int, low: int = 0, high: int = 10**9) -> int:
    try:
        return max(low, min(high, int(value))) if value is not None else default
    except ValueError:
        return default


def workbench_router(build: Path, editing: Editing | None = None) -> APIRouter:
    """The workbench's routes over the build directory ``build``.

    With ``editing`` (``kg serve --allow-edits``) the reader and the actor
    pages carry their edit controls; without, none.
    """
    router = APIRouter(tags=["workbench"])
    build = Path(build)
    indexer = Indexer(build)

    def documents() -> dict[str, dict]:
        try:
            return Manifest.read(build).documents
        except BuildError:
            return {}

    @router.get("/documents", response_class=HTMLResponse)
    def documents_page(request: Request) -> Response:
        """The build's documents: title, date, issuer, campaign, counts; each opens the reader."""
        offset = _int(request.query_params.get("offset"), 0)
        db = indexer.connect()
        try:
            qp = request.query_params
            return _html(
                render_documents(
                    db,
                    offset=offset,
                    sort=qp.get("sort", "name"),
                    desc=qp.get("desc", "") not in ("", "0"),
                    search=qp.get("q", "")[:200],
                )
            )
        finally:
            db.close()

    @router.get("/doc/{name:path}", response_class=HTMLResponse)
    def reader_page(name: str) -> Response:
        """A document's full text with its facts highlighted; ``#START-END`` marks a span."""
        entry = documents().get(name)
        if entry is None:
            return _error(404, f"no document named {name} in this build")
        try:
            facts = document_facts(build, name, entry)
        except FileNotFoundError:
            return _error(404, f"the facts of {name} are no longer in the build")
        text = texts.read_text(build, name, entry.get("sha256", ""))
        return _html(render_reader(name, text, facts, editing))

    @router.get("/table/{name}", response_class=HTMLResponse)
    def table_page(name: str, request: Request) -> Response:
        """A table with facets, search, sort and pages; ``format=csv|json`` downloads its rows."""
        spec = TABLES.get(name)
        if spec is None:
            return _error(404, f"no table named {name} (tables: {', '.join(TABLES)})")
        q = TableQuery.parse(spec, list(request.query_params.multi_items()))
        fmt = request.query_params.get("format")
        db = indexer.connect()
        try:
            if fmt in ("csv", "json"):
                body, media = download(db, q, fmt)
                disposition = f'attachment; filename="{name}.{fmt}"'
                return Response(
                    body, media_type=media, headers={"Content-Disposition": disposition}
                )
            return _html(render_table(db, q))
        finally:
            db.close()

    @router.get("/actor/{key}", response_class=HTMLResponse)
    def actor_page(key: str) -> Response:
        """An actor: labels, level, jurisdiction, documents, own and inherited duties, relations."""
        db = indexer.connect()
        try:
            text = render_actor(db, actor_iri(key), editing)
        finally:
            db.close()
        if text is None:
            return _error(404, f"no actor {key} in this build")
        return _html(text)

    def shared_asset(name: str) -> Callable[[], Response]:
        media = SHARED_ASSETS[name]

        def asset() -> Response:
            """The explore script or style from ``kg/html/static`` (``graph.html`` inlines it)."""
            return Response(static_text(name), media_type=media, headers=HEADERS)

        return asset

    for name in SHARED_ASSETS:  # before the mounted /assets: these come from kg.html
        router.add_api_route(f"/assets/{name}", shared_asset(name), include_in_schema=False)

    @router.get("/explore", response_class=HTMLResponse)
    def explore_page(request: Request) -> Response:
        """Search a node, then expand neighbours on click; hide nodes, filter relation types."""
        return _html(render_explore(request.query_params.get("node", "")))

    overviews: dict[str, Any] = {}  # by index file: computed once per build

    @router.get("/explore/overview")
    def explore_overview() -> Response:
        """The nodes the page opens on (stages and top actors, as in ``graph.html``) (JSON)."""
        db = indexer.connect()
        try:
            key = db.execute("PRAGMA database_list").fetchone()[2]
            data = overviews.get(key)
            if data is None:
                data = overview(db)
                overviews.clear()
                overviews[key] = data
        finally:
            db.close()
        return json_response(data)

    @router.get("/explore/search")
    def explore_search(q: str = "") -> Response:
        """Nodes whose label or quote contains the words of ``q`` (JSON)."""
        db = indexer.connect()
        try:
            return json_response({"results": search(db, q[:200])})
        finally:
            db.close()

    @router.get("/explore/node")
    def explore_node(iri: str, document: str = "") -> Response:
        """A node with its neighbours and the edges between them (JSON), within ``document``."""
        db = indexer.connect()
        try:
            data = neighbours(db, iri, document=document)
        finally:
            db.close()
        if data is None:
            return Response('{"error": "unknown node"}', 404, media_type="application/json")
        return json_response(data)

    return router


def install(app: FastAPI, build: Path, editing: Editing | None = None) -> None:
    """Add the workbench to ``app``: its routes, ``/assets``, the 503 while its index is made.

    ``editing``: the pages offer edit controls (only with ``kg serve --allow-edits``).
    """

    async def pending(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, IndexPending)
        return _pending(exc)

    app.include_router(workbench_router(build, editing))
    app.add_exception_handler(IndexPending, pending)
    app.mount("/assets", StaticFiles(directory=ASSETS), name="assets")


def json_response(data: Any) -> Response:
    """Deterministic JSON (sorted keys, UTF-8)."""
    return Response(
        json.dumps(data, ensure_ascii=False, sort_keys=True),
        media_type="application/json; charset=utf-8",
    )


__all__ = ["ASSETS", "install", "json_response", "workbench_router"]
