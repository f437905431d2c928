"""Content negotiation for SPARQL results: ``Accept`` header and ``format``/``output`` override.

A query's kind (``SELECT``/``ASK`` or a graph) is only known once it runs, so
the negotiation picks one format per kind; ``None`` means the client accepts
none (answered 406 if the query turns out to be of that kind).

Examples
--------
>>> negotiate("application/sparql-results+xml, text/turtle;q=0.5")
('xml', 'turtle')
>>> negotiate("text/csv")
('csv', None)
>>> negotiate(None)
('json', 'turtle')
>>> negotiate("*/*", fmt="tsv")
('tsv', 'turtle')
"""

from __future__ import annotations

SELECT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}
DEFAULT_SELECT = "json"
DEFAULT_GRAPH = "turtle"

# Values of the format=/output= parameters (SPARQLWrapper, Virtuoso, Fuseki style).
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "n3": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an ``Accept`` header with their q-values, best first.

    Examples
    --------
    >>> parse_accept("text/csv;q=0.5, application/json")
    [('application/json', 1.0), ('text/csv', 0.5)]
    """
    if not header:
        return [("*/*", 1.0)]
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        out.append((media, q, i))
    out.sort(key=lambda t: (-t[1], t[2]))
    return [(m, q) for m, q, _ in out]


def _pick(ranges: list[tuple[str, float]], types: dict[str, str], default: str) -> str | None:
    best: tuple[float, int, str] | None = None
    for media, q in ranges:
        if q <= 0:
            continue
        if media == "*/*":
            cand = [(default, 0)]
        elif media.endswith("/*"):
            major = media[:-1]
            cand = [(f, 1) for t, f in types.items() if t.startswith(major)]
            cand.sort(key=lambda c: c[0] != default)
        else:
            cand = [(types[media], 2)] if media in types else []
        for fmt, specificity in cand[:1]:
            key = (q, specificity, fmt)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def negotiate(accept: str | None, fmt: str | None = None) -> tuple[str | None, str | None]:
    """The (select, graph) formats for an ``Accept`` header and an optional ``format`` value.

    ``fmt`` (a short name such as ``json``/``turtle`` or a media type) wins over
    the header for the kinds it applies to.
    """
    ranges = parse_accept(accept)
    select = _pick(ranges, SELECT_TYPES, DEFAULT_SELECT)
    graph = _pick(ranges, GRAPH_TYPES, DEFAULT_GRAPH)
    if fmt:
        key = fmt.strip().lower()
        s, g = FORMAT_NAMES.get(key, (SELECT_TYPES.get(key), GRAPH_TYPES.get(key)))
        select, graph = s or select, g or graph
    return select, graph
