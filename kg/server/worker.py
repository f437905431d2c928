"""A query worker process: ``python -m kg.server.worker STORE_DIR [--memory MB]``.

It takes a lease on the store (:mod:`kg.graph.leases`: no rebuild removes the store
while the worker lives), opens it read-only, caps its own address space
(``RLIMIT_AS``: what it has mapped once the store is open, plus ``--memory``
megabytes for the queries), then answers jobs, one JSON line each on stdin,
with a JSON header line and the serialized payload on stdout::

    {"query": "...", "select": "json", "graph": "turtle", "max": 10000,
     "default_graphs": [], "named_graphs": [], "base": "http://127.0.0.1:7878/sparql"}
    -> {"ok": true, "kind": "select", "format": "json", "length": 123}\\n<123 bytes>
    -> {"ok": false, "error": "syntax", "message": "...", "length": 0}\\n

``select``/``graph`` name the negotiated format for each kind of result
(``null`` when the client accepts none); ``base`` resolves relative IRIs.
pyoxigraph cannot interrupt a running query, so the server kills the whole
process when a query overruns or its client goes away. A query that needs more
memory than the cap makes the Rust allocator abort the process (the server
reports it to the client as ``memory``); one that fails in Python gets a
``memory`` reply. The worker dies with its parent (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys
from typing import Any, BinaryIO

MEMORY_EXIT = "memory allocation of"
"""What the Rust allocator writes to stderr before it aborts the process."""


def _reply(out: BinaryIO, header: dict[str, Any], payload: bytes = b"") -> None:
    header["length"] = len(payload)
    out.write(json.dumps(header).encode("utf-8") + b"\n" + payload)
    out.flush()


def answer(store: Any, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Run one job against ``store``; return the reply header and payload."""
    from kg.sparql.query import QueryError, execute
    from kg.sparql.results import serialize

    try:
        result = execute(
            store,
            job["query"],
            max_results=job.get("max"),
            default_graphs=job.get("default_graphs") or None,
            named_graphs=job.get("named_graphs") or None,
            base_iri=job.get("base") or None,
        )
    except QueryError as e:
        return {"ok": False, "error": e.kind, "message": str(e)}, b""
    fmt = job.get("graph") if result.kind == "graph" else job.get("select")
    if not fmt:
        kind = "a graph" if result.kind == "graph" else f"{result.kind.upper()} results"
        message = f"cannot send {kind} in any accepted media type"
        return {"ok": False, "error": "not_acceptable", "message": message}, b""
    return {"ok": True, "kind": result.kind, "format": fmt, "rows": len(result)}, serialize(
        result, fmt
    )


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)


def mapped_bytes() -> int:
    """The address space this process has mapped now (``VmSize``)."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def cap_memory(megabytes: int) -> int:
    """Limit the address space to what is mapped now plus ``megabytes``; return the limit."""
    limit = mapped_bytes() + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return limit


def _args(argv: list[str]) -> tuple[str, int | None]:
    store, memory = None, None
    it = iter(argv)
    for a in it:
        if a == "--memory":
            memory = int(next(it))
        else:
            store = a
    if store is None:
        raise SystemExit("usage: python -m kg.server.worker STORE_DIR [--memory MB]")
    return store, memory


def main(argv: list[str] | None = None) -> int:
    """Serve jobs on stdin/stdout until stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl-C: the server stops us
    store_dir, memory = _args(sys.argv[1:] if argv is None else argv)
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing else may write into the reply stream
    die_with_parent()
    from kg.graph.leases import take
    from kg.graph.store import StoreError, open_read_only

    try:
        lease = take(store_dir, wait=10)
        store = open_read_only(store_dir)
    except StoreError as e:
        _reply(out, {"ok": False, "error": "store", "message": str(e)})
        return 1
    import kg.sparql.query
    import kg.sparql.results  # noqa: F401  (imported before the cap, not during a query)

    limit = cap_memory(memory) if memory else None
    _reply(out, {"ok": True, "ready": True, "pid": os.getpid(), "limit": limit})
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            job = json.loads(line)
            header, payload = answer(store, job)
        except MemoryError:
            header, payload = {"ok": False, "error": "memory", "message": "out of memory"}, b""
        except Exception as e:  # a bug must not kill the worker silently
            header, payload = {"ok": False, "error": "internal", "message": str(e)}, b""
        _reply(out, header, payload)
    lease.release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
