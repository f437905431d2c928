"""kg push against a small real HTTP server on loopback that fails on purpose."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from kg.export.push import PushError, push


class FlakyStore(ThreadingHTTPServer):
    """Answers the first PUT of every graph with ``fail_status``, then accepts everything."""

    def __init__(self, fail_status: int) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.fail_status = fail_status
        self.calls: Counter[tuple[str, str]] = Counter()
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server: FlakyStore

    def _handle(self, method: str) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        graph = parse_qs(urlparse(self.path).query)["graph"][0]
        with self.server.lock:
            self.server.calls[(method, graph)] += 1
            first = self.server.calls[(method, graph)] == 1
        status = self.server.fail_status if method == "PUT" and first else 201
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_POST(self) -> None:
        self._handle("POST")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky(request) -> Iterator[FlakyStore]:
    server = FlakyStore(request.param)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: FlakyStore) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/store"


@pytest.mark.parametrize("flaky", [500], indirect=True)
def test_graph_answered_5xx_is_resent_from_its_put(flaky: FlakyStore, seeds_build: Path):
    report = push(seeds_build, _url(flaky), batch_triples=500, verify=False)
    puts = {g: n for (m, g), n in flaky.calls.items() if m == "PUT"}
    assert puts == dict.fromkeys(report.sent, 2)
    posts = {g: n for (m, g), n in flaky.calls.items() if m == "POST"}
    assert all(posts.get(g, 0) == -(-n // 500) - 1 for g, n in report.sent.items())


@pytest.mark.parametrize("flaky", [403], indirect=True)
def test_graph_answered_4xx_is_an_error(flaky: FlakyStore, seeds_build: Path) -> None:
    with pytest.raises(PushError, match="HTTP 403 on PUT of graph"):
        push(seeds_build, _url(flaky), verify=False, jobs=1)
