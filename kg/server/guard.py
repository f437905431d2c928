"""ASGI middlewares of ``kg serve``: headers and limits on every request, and the access token.

:class:`Guard` (outermost) puts the security headers on every response
(``Content-Security-Policy`` unless the route set its own, ``nosniff``,
``no-referrer``, ``DENY`` framing, same-origin resource policy), answers at
once 414 to a request target over the URL limit, 400 to a query string that is
not UTF-8 once percent-decoded, and 503 with ``Retry-After`` when too many
requests are in flight. :class:`TokenAuth` (inside CORS, so a refused
cross-origin client can read why) lets through only requests that carry the
access token: ``Authorization: Bearer TOKEN``, or the cookie a browser gets by
opening any page with ``?token=TOKEN`` once.

Examples
--------
>>> is_utf8_query(b"query=%E5%85%9A"), is_utf8_query(b"query=%FF")
(True, False)
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "kg_token"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def is_utf8_query(query_string: bytes) -> bool:
    """Whether every name and value of a query string is UTF-8 once percent-decoded."""
    try:
        query_string.decode("ascii")
        for part in query_string.split(b"&"):
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


async def plain(send: Send, status: int, text: str, headers: list | None = None) -> None:
    """Send a short text/plain response."""
    body = (text + "\n").encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    """Security headers, URL limit, UTF-8 query strings and an in-flight cap, for every request."""

    def __init__(self, app: ASGIApp, *, csp: str, max_url: int, max_inflight: int) -> None:
        self.app = app
        self.csp = csp.encode("ascii")
        self.max_url = max_url
        self.max_inflight = max_inflight
        self.inflight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", self.csp))
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                message = {**message, "headers": headers}
            await send(message)

        query = scope.get("query_string", b"")
        target = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(query)
        if target > self.max_url:
            await plain(
                send_with_headers,
                414,
                f"the request URL has {target} bytes, over the limit of {self.max_url}: "
                "send the query with POST",
            )
            return
        if not is_utf8_query(query):
            await plain(send_with_headers, 400, "the query string is not UTF-8")
            return
        if self.inflight >= self.max_inflight:
            await plain(
                send_with_headers,
                503,
                f"overloaded: {self.inflight} requests in progress; retry later",
                [(b"retry-after", b"1")],
            )
            return
        self.inflight += 1
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            self.inflight -= 1


class TokenAuth:
    """Only requests with the access token pass (CORS preflights excepted)."""

    def __init__(self, app: ASGIApp, *, token: str) -> None:
        self.app = app
        self.token = token.encode("utf-8")

    def _ok(self, value: bytes | str | None) -> bool:
        if value is None:
            return False
        if isinstance(value, str):
            value = value.encode("utf-8")
        return hmac.compare_digest(value, self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        if scope["method"] == "OPTIONS" and b"access-control-request-method" in headers:
            await self.app(scope, receive, send)
            return
        auth = headers.get(b"authorization", b"")
        if auth[:7].lower() == b"bearer " and self._ok(auth[7:].strip()):
            await self.app(scope, receive, send)
            return
        if self._ok(_cookie(headers.get(b"cookie", b""), TOKEN_COOKIE)):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("ascii"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if scope["method"] == "GET" and given and self._ok(given[-1]):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope.get("root_path", "") + scope["path"] + (f"?{rest}" if rest else "")
            cookie = f"{TOKEN_COOKIE}={given[-1]}; HttpOnly; SameSite=Strict; Path=/"
            await plain(
                send,
                303,
                "signed in",
                [(b"location", location.encode()), (b"set-cookie", cookie.encode())],
            )
            return
        await plain(
            send,
            401,
            "this endpoint needs its access token: Authorization: Bearer TOKEN "
            "(or open /?token=TOKEN in a browser)",
            [(b"www-authenticate", b'Bearer realm="kg serve"')],
        )


def _cookie(header: bytes, name: str) -> str | None:
    for part in header.decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None
