"""kg push sends a graph again when the server cuts the connection mid-answer.

The server here is a real HTTP server on a loopback socket that answers a
number of requests with the start of a chunked body and then closes the
connection (as Virtuoso does with some 401 answers), and the rest with
``201 Created`` or ``401 Unauthorized``.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.builddir import Manifest
from kg.export.push import ATTEMPTS, PushError, push

CUT = (
    b"HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n"
    b"Content-Type: text/plain\r\n\r\n40\r\nUnauthorized"
)


@dataclass
class CuttingServer:
    """Answers the first ``cuts`` requests with a cut connection, then ``status``."""

    cuts: int
    status: bytes
    seen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/graph"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return
            body += chunk
        self.seen.append(head.split(b" ")[0].decode())
        if len(self.seen) <= self.cuts:
            conn.sendall(CUT)
            return
        conn.sendall(self.status + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def server_factory() -> Iterator:
    servers: list[CuttingServer] = []

    def make(cuts: int, status: bytes) -> CuttingServer:
        servers.append(CuttingServer(cuts, status))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


def _one_document(build: Path) -> list[str]:
    return sorted(Manifest.read(build).documents)[:1]


def test_a_cut_connection_sends_the_graph_again(examples_build: Path, server_factory) -> None:
    server = server_factory(cuts=2, status=b"HTTP/1.1 201 Created")
    report = push(
        examples_build,
        server.url,
        graph_store=server.url,
        documents=_one_document(examples_build),
        ontology=False,
        verify=False,
        jobs=1,
    )
    assert (report.graphs, server.seen) == (1, ["PUT", "PUT", "PUT"])


@pytest.mark.parametrize(
    ("cuts", "expected"),
    [(ATTEMPTS - 1, "HTTP 401"), (ATTEMPTS, "RemoteProtocolError")],
)
def test_a_refusal_after_cut_connections_is_one_line(
    examples_build: Path, server_factory, cuts: int, expected: str
) -> None:
    server = server_factory(cuts=cuts, status=b"HTTP/1.1 401 Unauthorized")
    with pytest.raises(PushError, match=expected) as caught:
        push(
            examples_build,
            server.url,
            graph_store=server.url,
            documents=_one_document(examples_build),
            ontology=False,
            verify=False,
            jobs=1,
        )
    assert "\n" not in str(caught.value)
