"""The HTTP server of ``kg serve``: uvicorn's h11 protocol, answering 414 to an overlong URL.

h11 refuses a request head larger than its buffer limit, and uvicorn then
answers 400 and closes the connection at once; with the client still sending,
the close resets the connection and the client never reads the answer.
:class:`LimitedH11Protocol` answers 414 (request line too long) or 431 (headers
too large) instead, then half-closes and reads and drops what the client still
sends for a moment (a "lingering close"), so the answer arrives.
:func:`server_config` is the one place the server is configured (``kg serve``
and the tests use it).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.server.guard import SECURITY_HEADERS
from kg.server.settings import CSP

HEADER_ALLOWANCE = 16 * 1024
"""Bytes of headers allowed beside the longest URL in a request head."""
LINGER = 2.0
"""Seconds an overlong request is still read (and dropped) after its answer."""
H11_DEFAULT_LIMIT = 16 * 1024
"""h11's own limit, when none is configured."""


class LimitedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a lingering 414/431 for an overlong request head."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lingering = False

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            return
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        buffered, _ = self.conn.trailing_data
        limit = self.config.h11_max_incomplete_event_size or H11_DEFAULT_LIMIT
        if self.conn.their_state is not h11.ERROR or len(buffered) <= limit:
            super().send_400_response(msg)
            return
        if b"\n" in buffered:
            status, reason = 431, "Request Header Fields Too Large"
            text = "the request headers are too large"
        else:
            status, reason = 414, "URI Too Long"
            text = "the request URL is too long: send the query with POST"
        body = (text + "\n").encode("ascii")
        head = (
            f"HTTP/1.1 {status} {reason}\r\n"
            "content-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\n"
            f"content-security-policy: {CSP}\r\n"
            + "".join(f"{k.decode()}: {v.decode()}\r\n" for k, v in SECURITY_HEADERS)
            + "connection: close\r\n\r\n"
        ).encode("ascii")
        self.transport.write(head + body)
        self._lingering = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        asyncio.get_running_loop().call_later(LINGER, self.transport.close)


def server_config(app: Any, host: str, port: int, *, max_url: int, **kwargs: Any) -> uvicorn.Config:
    """The uvicorn configuration of ``kg serve`` for ``app`` on ``host:port``."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=LimitedH11Protocol,
        h11_max_incomplete_event_size=max_url + HEADER_ALLOWANCE,
        server_header=False,
        **kwargs,
    )
