"""Export a build in RDF, graph and table formats.

Formats are spelled as rdflib spells them, with common aliases:

=========  =====================  ==========================================
format     aliases                holds
=========  =====================  ==========================================
turtle     ttl                    the union of the documents' graphs
nt         ntriples, n-triples    the same triples, one per line
xml        rdfxml, rdf/xml        the same triples as RDF/XML
json-ld    jsonld                 the same triples, compacted with
                                  ``ontology/context.jsonld`` (inlined)
nquads     nq, n-quads            one named graph per document
trig                              the same quads as TriG
graphml                           the NetworkX projection of kg.nx (see kg.export.graphs)
gexf                              the same projection for Gephi
csv                               a folder: nodes.csv, edges.csv, requirements.csv
=========  =====================  ==========================================

One rule for the ontology, in every RDF format: an export holds the
documents' data only, like ``graph.ttl`` and ``graph.nq``; ``ontology=True``
(``kg export --ontology``) adds the ontology (``ontology/campaign.ttl``): its
triples to the four triple formats, its named graph
(``kg.graph.iri.ONTOLOGY_GRAPH``) to the two dataset formats. The default graph of
the build's store (what ``kg serve`` answers) holds both, as an export with
``--ontology`` does. The projections (graphml, gexf, csv) are of the data only.

Every output is deterministic: triples and quads are sorted by their N-Triples
form before pyoxigraph serializes them; JSON-LD is re-sorted after rdflib
compacts it. ``--doc`` restricts any format to some documents.

Examples
--------
>>> canonical_format("TTL"), canonical_format("jsonld"), canonical_format("rdfxml")
('turtle', 'json-ld', 'xml')
>>> sorted(RDF_FORMATS)
['json-ld', 'nquads', 'nt', 'trig', 'turtle', 'xml']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox

from kg import atomic
from kg.build.store_loader import ontology_quads, ontology_triples
from kg.builddir import TURTLE_PREFIXES, BuildDir, Manifest
from kg.errors import ExportError
from ontology.namespaces import PREFIXES, load_context

FORMATS = ("turtle", "nt", "xml", "json-ld", "nquads", "trig", "graphml", "gexf", "csv")
ALIASES = {
    "ttl": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nquads",
    "nq": "nquads",
    "n-quads": "nquads",
    "jsonld": "json-ld",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "rdf+xml": "xml",
    "pretty-xml": "xml",
}
TRIPLE_FORMATS = {"turtle", "nt", "xml", "json-ld"}
DATASET_FORMATS = {"nquads", "trig"}
RDF_FORMATS = TRIPLE_FORMATS | DATASET_FORMATS
GRAPH_FORMATS = {"graphml", "gexf"}
DIRECTORY_FORMATS = {"csv"}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    format: str
    documents: int
    items: int
    path: Path | None


def canonical_format(name: str) -> str:
    """The canonical name of format ``name`` (case-insensitive, aliases accepted).

    Raises
    ------
    ExportError
        When the format is unknown.
    """
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise ExportError(f"unknown export format {name!r} (choose from {', '.join(FORMATS)})")
    return key


def _key(t: Iterable) -> tuple[str, ...]:
    return tuple(str(x) for x in t)


def _document_quads(out: Path, names: list[str]) -> Iterator[ox.Quad]:
    entries = Manifest.read(out).documents
    for name in names:
        path = BuildDir(out).cache_file(entries[name]["cache"])
        try:
            with path.open("rb") as fh:
                yield from ox.parse(fh, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as e:
            raise ExportError(f"{path}: unreadable cached graph of {name} ({e})") from e


def load_triples(out: Path, documents: Iterable[str] | None = None) -> list[Triple]:
    """The union of the documents' graphs of the build in ``out``, sorted, no duplicates.

    Read from the build's per-document N-Quads (the source of ``graph.ttl``),
    so literals keep their lexical form.
    """
    names = Manifest.read(out).select(documents)
    seen = {(q.subject, q.predicate, q.object) for q in _document_quads(out, names)}
    return sorted(seen, key=_key)


def load_quads(
    out: Path, documents: Iterable[str] | None = None, *, ontology: bool = False
) -> list[ox.Quad]:
    """The documents' named graphs (and with ``ontology``, the ontology's), sorted by graph."""
    quads = set(_document_quads(out, Manifest.read(out).select(documents)))
    if ontology:
        quads.update(ontology_quads())
    return sorted(quads, key=lambda q: (str(q.graph_name), *_key(q.triple)))


def _prefixes(names: Iterable[str]) -> dict[str, str]:
    return {k: str(PREFIXES[k]) for k in names}


def serialize_triples(triples: list[Triple], fmt: str) -> bytes:
    """Serialize sorted triples as ``turtle``, ``nt``, ``xml`` or ``json-ld``.

    Examples
    --------
    >>> t = (ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("x"))
    >>> serialize_triples([t], "nt")
    b'<http://e/s> <http://e/p> "x" .\\n'
    """
    if fmt == "json-ld":
        return to_jsonld(triples)
    data = [ox.Triple(*t) for t in triples]
    if fmt == "nt":
        return ox.serialize(data, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(data, format=OX_FORMATS[fmt], prefixes=_prefixes(TURTLE_PREFIXES))


def serialize_quads(quads: list[ox.Quad], fmt: str) -> bytes:
    """Serialize sorted quads as ``nquads`` or ``trig``."""
    if fmt == "nquads":
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes(sorted(PREFIXES)))


def _sort_json(value: object, ordered: bool = False) -> object:
    """``value`` with keys and (unordered) arrays sorted; an ``@list`` keeps its order."""
    if isinstance(value, dict):
        return {k: _sort_json(v, ordered=k == "@list") for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if ordered:
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def to_jsonld(triples: list[Triple]) -> bytes:
    """Compacted JSON-LD (context inlined) of ``triples``, with nodes and values sorted.

    rdflib compacts; the result is then re-sorted (JSON-LD arrays other than
    ``@list`` are unordered) so the bytes do not depend on set iteration order.
    """
    from rdflib import Graph

    g = Graph(bind_namespaces="none")
    nt = ox.serialize([ox.Triple(*t) for t in triples], format=ox.RdfFormat.N_TRIPLES)
    g.parse(data=nt.decode("utf-8"), format="nt")
    context = load_context()["@context"]
    text = g.serialize(format="json-ld", context=context, auto_compact=False)
    doc = json.loads(text)
    if isinstance(doc, dict) and "@graph" not in doc:
        body = {k: v for k, v in doc.items() if k != "@context"}
        doc = {"@context": doc.get("@context", context), "@graph": [body] if body else []}
    doc["@graph"] = _sort_json(doc.get("@graph", []))
    doc["@context"] = context
    ordered = {"@context": doc["@context"], "@graph": doc["@graph"]}
    return (json.dumps(ordered, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _check_ontology(fmt: str, ontology: bool) -> None:
    if ontology and fmt not in RDF_FORMATS:
        raise ExportError(
            f"format {fmt} is a projection of the documents' data: "
            f"the ontology can only be added to {', '.join(sorted(RDF_FORMATS))}"
        )


def render(
    out: Path, fmt: str, documents: Iterable[str] | None = None, *, ontology: bool = False
) -> tuple[bytes, int]:
    """The bytes of a single-file export and how many triples, quads or nodes it holds.

    With ``ontology``, an RDF format holds the ontology too (see the module's rule).
    """
    fmt = canonical_format(fmt)
    _check_ontology(fmt, ontology)
    docs = list(documents or ())
    if fmt in TRIPLE_FORMATS:
        triples = load_triples(out, docs)
        if ontology:
            known = set(triples)
            extra = ((t.subject, t.predicate, t.object) for t in ontology_triples())
            triples = sorted(known.union(extra), key=_key)
        return serialize_triples(triples, fmt), len(triples)
    if fmt in DATASET_FORMATS:
        quads = load_quads(out, docs, ontology=ontology)
        return serialize_quads(quads, fmt), len(quads)
    if fmt in GRAPH_FORMATS:
        from kg.export.graphs import flat, write_graph

        graph = flat(projection(out, docs))
        return write_graph(graph, fmt), graph.number_of_nodes()
    raise ExportError(f"format {fmt} writes a folder: give an output path (-o DIR)")


def projection(out: Path, documents: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The :mod:`kg.nx` projection of the documents' graphs (default: all) of the build in ``out``.

    Read from the build's per-document N-Quads, as :func:`load_triples` reads them.
    """
    from kg.nx.projection import project_quads
    from kg.quality.quads import quad_tuples

    names = Manifest.read(out).select(documents)
    return project_quads(quad_tuples(_document_quads(out, names)))


def export(
    out: Path,
    fmt: str,
    dest: Path | None = None,
    documents: Iterable[str] | None = None,
    *,
    ontology: bool = False,
    stream: IO[bytes] | None = None,
) -> ExportReport:
    """Export the build in ``out`` as ``fmt`` to the file or folder ``dest`` (or ``stream``).

    Parameters
    ----------
    out : Path
        The build directory.
    fmt : str
        A format of :data:`FORMATS` or an alias.
    dest : Path, optional
        The file (the folder for ``csv``) to write, replaced atomically.
    documents : iterable of str, optional
        Restrict the export to these documents (default: all).
    ontology : bool
        Add the ontology: its triples to ``turtle``, ``nt``, ``xml`` and
        ``json-ld``, its named graph to ``nquads`` and ``trig``.
    stream : binary file, optional
        Where single-file formats go when ``dest`` is None.

    Returns
    -------
    ExportReport

    Raises
    ------
    ExportError
        On an unknown format, a missing ``dest`` for ``csv``, an unknown
        document, or ``ontology`` with a projection format.
    """
    fmt = canonical_format(fmt)
    _check_ontology(fmt, ontology)
    docs = Manifest.read(out).select(documents)
    if fmt in DIRECTORY_FORMATS:
        if dest is None:
            raise ExportError(f"format {fmt} writes a folder: give an output path (-o DIR)")
        from kg.export.tables import write_tables

        n = write_tables(projection(out, docs), Path(dest))
        return ExportReport(fmt, len(docs), n, Path(dest))
    data, n = render(out, fmt, docs, ontology=ontology)
    if dest is not None:
        atomic.write_bytes(Path(dest), data)
    elif stream is not None:
        stream.write(data)
    else:
        raise ExportError("no destination given")
    return ExportReport(fmt, len(docs), n, Path(dest) if dest is not None else None)
