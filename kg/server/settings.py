"""What ``kg serve`` configures (:class:`Settings`), and the query page's security policy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
DEFAULT_AUTHOR = "analyst"
"""The author the workbench proposes when neither the server nor the browser names one."""
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Settings:
    """What ``kg serve`` configures.

    Attributes
    ----------
    build : Path
        The build directory (its ``store`` is served read-only).
    timeout : float
        Seconds a query may run before its worker is killed (503).
    max_results : int
        Results with more rows or triples are refused (422).
    max_body : int
        Request bodies larger than this many bytes are refused (413).
    workers : int
        Query worker processes of the fast lane (short queries running at once).
    max_memory : int or None
        Megabytes a query may allocate in its worker (beyond the open store);
        over it the query is stopped (422). ``None``: no cap.
    slow_after : float
        CPU seconds after which a running query moves to the slow lane (or
        0.1 s of CPU while other queries wait and the slow lane has room).
    slow_queries : int
        Long-running queries allowed at once (the slow lane); more get 503.
    max_wait : float
        Seconds a query may wait for a worker; when the expected wait is
        longer it is refused at once (503 with ``Retry-After``).
    max_queue : int
        Queries allowed to wait for a fast worker; more are refused at once.
    max_url : int
        Longest request URL (path and query string) in bytes; longer: 414.
    max_inflight : int
        Requests handled at once; more are answered 503 at once.
    watch : float
        Seconds between two looks at the build's ``store`` link (rebuilds).
    cors_origins : tuple of str
        Origins allowed by CORS (none by default; ``*``: any; never credentials).
    allowed_hosts : tuple of str or None
        Accepted ``Host`` headers (DNS-rebinding guard); ``None`` accepts any.
    token : str or None
        Access token every request must carry (``Authorization: Bearer``).
    allow_edits : bool
        Accept corrections (``POST /corrections``) from loopback clients;
        off by default: the server is read-only.
    author : str
        The author the workbench's edit controls propose (each browser may
        change it; it keeps its own).
    """

    build: Path
    timeout: float = 30.0
    max_results: int = 10_000
    max_body: int = 1_000_000
    workers: int = 2
    max_memory: int | None = 1024
    slow_after: float = 1.0
    slow_queries: int = 2
    max_wait: float = 5.0
    max_queue: int = 1000
    max_url: int = 65_536
    max_inflight: int = 1024
    watch: float = 0.5
    cors_origins: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS
    token: str | None = None
    allow_edits: bool = False
    author: str = DEFAULT_AUTHOR
