"""What ``/openapi.json`` says about ``/sparql``: its answers and its POST bodies."""

from __future__ import annotations

from typing import Any

from kg.server.negotiate import GRAPH_TYPES, SELECT_TYPES

SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Query results (SELECT/ASK) or a graph (CONSTRUCT/DESCRIBE)",
        "content": {t: {} for t in [*SELECT_TYPES, *GRAPH_TYPES]},
    },
    400: {"description": "Malformed query (the parser's message with line and column)"},
    401: {"description": "Access token missing or wrong (servers started with one)"},
    403: {"description": "Update or SERVICE (federated query) refused: read-only endpoint"},
    406: {"description": "No acceptable media type for this kind of result"},
    413: {"description": "Request body over the size limit"},
    415: {"description": "Unsupported request content type"},
    414: {"description": "URL over the limit (send the query with POST)"},
    422: {"description": "Result over the cap (add a LIMIT), or memory over the per-query cap"},
    503: {
        "description": "Query timeout (the query was stopped), or overloaded: answered at once, "
        "with Retry-After"
    },
}
POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {
                        "query": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
            "application/sparql-query": {"schema": {"type": "string"}},
        },
    }
}
