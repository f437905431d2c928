"""The corrections API of ``kg serve``: read them always, write them only when allowed.

``GET /corrections`` lists the build's corrections (``?orphaned=1``: those
whose target is gone, with the reason; ``?document=NAME``: one document's).
``POST /corrections`` records one correction (a JSON object in the form of
:meth:`kg.corrections.records.Correction.to_dict`; ``time`` defaults to now)
in the build's ``corrections.jsonl``, which the next build applies. Writing
is off by default: it needs ``kg serve --allow-edits``, and even then it is
accepted only from a loopback client, with a JSON body, and, when the
browser sends an ``Origin``, from a page of this server (no cross-site
writes). Two writers at once lose nothing: the file is appended to under a
lock (:mod:`kg.corrections.ledger`).

Answers: 201 with ``{"id", "written", "orphaned"}`` (``written`` false when
the same correction was already there; ``orphaned`` the reason it would
change nothing in the current build, or null; with ``?apply=true`` the build
is also published again with every correction applied, so the change shows
at once: ``published`` true and ``orphans``, or 409 with ``published`` false
when a build is running); 400 for a bad correction
(one line); 403 when editing is off, the client is not on loopback or the
origin is foreign; 413 for a body over the limit; 415 for a body that is not
JSON.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from kg.server.settings import Settings


def _text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def is_loopback(host: str | None) -> bool:
    """True for a client address on the loopback interface (127.0.0.0/8, ::1).

    Examples
    --------
    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "10.0.0.2", None, "testclient")]
    [True, True, False, False, False]
    """
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:  # not a browser's cross-origin request (curl, the CLI, a test)
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def refusal(settings: Settings, request: Request) -> PlainTextResponse | None:
    """Why ``request`` may not write corrections, as a response; None when it may."""
    if not settings.allow_edits:
        return _text(403, "editing is off: start the server with kg serve --allow-edits")
    if not is_loopback(request.client.host if request.client else None):
        return _text(403, "corrections are accepted from loopback clients only")
    if not _same_origin(request):
        return _text(403, "corrections are accepted from this server's own pages only")
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media != "application/json":
        return _text(415, "send the correction as application/json")
    return None


def record(build: Path, data: Any) -> dict[str, Any]:
    """Record the correction ``data`` in ``build``; what ``POST /corrections`` answers.

    Raises
    ------
    kg.corrections.records.CorrectionError
        When ``data`` is not a complete correction.
    """
    from kg.corrections import ledger
    from kg.corrections.cli_input import now
    from kg.corrections.hook import check
    from kg.corrections.records import Correction

    if isinstance(data, dict) and "time" not in data:
        data = data | {"time": now()}
    c = Correction.from_dict(data)
    written = ledger.append(build, [c]) == 1
    return {"id": c.id, "written": written, "orphaned": check(build, c) or None}


def add_routes(app: FastAPI, settings: Settings) -> None:
    """Add ``GET`` and ``POST /corrections`` to ``app``."""

    @app.get("/corrections", tags=["corrections"])
    async def corrections_list(orphaned: bool = False, document: str | None = None) -> JSONResponse:
        """The build's corrections in the order made.

        ``orphaned``: only those that change nothing, with why; ``document``:
        only those of that document.
        """
        from kg.corrections.report import orphan_rows, rows

        made = await run_in_threadpool(orphan_rows if orphaned else rows, settings.build)
        return JSONResponse([r for r in made if document in (None, r["document"])])

    publishing = asyncio.Lock()  # one republication at a time; others wait their turn

    @app.post("/corrections", status_code=201, tags=["corrections"])
    async def corrections_add(request: Request, apply: bool = False) -> Response:
        """Record one correction (needs ``kg serve --allow-edits`` and a loopback client).

        With ``apply=true`` the build is then published again with every
        correction applied (``kg corrections apply``); the server follows it.
        """
        from kg.corrections.records import CorrectionError
        from kg.errors import BuildError

        refused = refusal(settings, request)
        if refused is not None:
            return refused
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > settings.max_body:
                return _text(413, f"request body over {settings.max_body} bytes")
        try:
            data = json.loads(body)
        except ValueError as e:
            return _text(400, f"the body is not JSON ({e})")
        try:
            answer = await run_in_threadpool(record, settings.build, data)
        except CorrectionError as e:
            return _text(400, str(e))
        if apply:
            from kg.build.republish import republish

            try:
                async with publishing:
                    answer["orphans"] = await run_in_threadpool(republish, settings.build)
            except BuildError as e:  # recorded all the same: the next build applies it
                return JSONResponse(answer | {"published": False, "error": str(e)}, 409)
            answer["published"] = True
        return JSONResponse(answer, status_code=201)
