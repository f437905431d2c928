"""Run the real server (uvicorn) on a free loopback port in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import uvicorn

from kg.server.app import Settings, create_app
from kg.server.http import server_config


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    """A running server: its base URL and application (``app.state.pool`` is the pool)."""

    base: str
    app: object


@contextmanager
def running_server(settings: Settings) -> Iterator[Served]:
    """Serve ``settings`` on 127.0.0.1 until the block ends."""
    port = free_port()
    app = create_app(settings)
    config = server_config(
        app, "127.0.0.1", port, max_url=settings.max_url, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield Served(base, app)
    finally:
        server.should_exit = True
        thread.join(30)


def sparql_json(base: str, query: str, **params: str) -> dict:
    """POST ``query`` (form-encoded) and return the parsed JSON results."""
    r = httpx.post(
        f"{base}/sparql",
        data={"query": query, **params},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    r.raise_for_status()
    return r.json()
