"""A query worker process: ``python -m kg.server.worker STORE_DIR``.

It opens the store read-only, then answers jobs, one JSON line each on stdin,
with a JSON header line and the serialized payload on stdout::

    {"query": "...", "select": "json", "graph": "turtle", "max": 10000,
     "default_graphs": [], "named_graphs": []}
    -> {"ok": true, "kind": "select", "format": "json", "length": 123}\\n<123 bytes>
    -> {"ok": false, "error": "syntax", "message": "...", "length": 0}\\n

``select``/``graph`` name the negotiated format for each kind of result
(``null`` when the client accepts none). pyoxigraph cannot interrupt a running
query, so the server kills the whole process when a query overruns.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, BinaryIO


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


def main(argv: list[str] | None = None) -> int:
    """Serve jobs on stdin/stdout until stdin closes."""
    args = sys.argv[1:] if argv is None else argv
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing else may write into the reply stream
    from kg.store import StoreError, open_read_only

    try:
        store = open_read_only(args[0])
    except StoreError as e:
        _reply(out, {"ok": False, "error": "store", "message": str(e)})
        return 1
    _reply(out, {"ok": True, "ready": True})
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            job = json.loads(line)
            header, payload = answer(store, job)
        except Exception as e:  # a bug must not kill the worker silently
            header, payload = {"ok": False, "error": "internal", "message": str(e)}, b""
        _reply(out, header, payload)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
