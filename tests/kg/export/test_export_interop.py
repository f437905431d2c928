"""Exports read by other parsers hold what the SPARQL endpoint serves.

Each RDF export of the seeds build is parsed by rdflib and by pyoxigraph (the
JSON-LD export also by PyLD, as a JSON-LD 1.0 and as a 1.1 processor), and
each reads as many triples or quads as the endpoint of ``kg serve`` counts:
the documents' data without ``--ontology``; the whole default graph (or every
named graph) with it. The N-Triples export holds the very terms the endpoint
gives (literals in one canonical form). The projections (of kg.nx) are read by NetworkX
and lxml, the GEXF file checked against its XML Schema (from ../shared).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree
from pyld import jsonld
from rdflib import Dataset, Graph

from kg.export.rdf import export, render
from kg.graph import iri, schema
from kg.nx.projection import LINKS, RELATIONS
from kg.server.app import Settings
from ontology.namespaces import CK
from tests.kg.serving import running_server, sparql_json

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
GEXF_XSD = SHARED / "schemas" / "gexf-1.2draft" / "gexf.xsd"
ONTOLOGY = f"<{iri.ONTOLOGY_GRAPH}>"

# What the endpoint counts, for an export without and with the ontology.
TRIPLES = {
    False: "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o "
    f"FILTER NOT EXISTS {{ GRAPH {ONTOLOGY} {{ ?s ?p ?o }} }} }}",
    True: "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}
QUADS = {
    False: f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ONTOLOGY}) }}",
    True: "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}
# The nodes and edges of the projections (kg.nx.projection, kg.export.graphs), and the requirements.
_VIEWED = " ".join(f"<{c.iri}>" for c in schema.VIEWED)
_EDGES = " ".join(f"<{CK[k]}>" for k in LINKS + RELATIONS)
PROJECTED = f"""
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?type }} FILTER(?g != {ONTOLOGY}) VALUES ?type {{ {_VIEWED} }}
}}"""
PROJECTED_EDGES = f"""
SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ONTOLOGY}) VALUES ?p {{ {_EDGES} }}
  GRAPH ?g1 {{ ?s a ?t1 }} VALUES ?t1 {{ {_VIEWED} }}
  GRAPH ?g2 {{ ?o a ?t2 }} VALUES ?t2 {{ {_VIEWED} }}
}} }}"""
REQUIREMENTS = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a ck:Requirement }"


@pytest.fixture(scope="module")
def endpoint(seeds_build: Path) -> Iterator[str]:
    """``kg serve`` over the seeds build, with room for a CONSTRUCT of the whole graph."""
    with running_server(Settings(build=seeds_build, max_results=1_000_000)) as served:
        yield served.base


def _count(endpoint: str, query: str) -> int:
    rows = sparql_json(endpoint, query)["results"]["bindings"]
    return int(rows[0]["n"]["value"])


def _rdflib_triples(fmt: str) -> Callable[[bytes], int]:
    return lambda data: len(Graph().parse(data=data.decode("utf-8"), format=fmt))


def _rdflib_quads(fmt: str) -> Callable[[bytes], int]:
    return lambda data: len(list(Dataset().parse(data=data.decode("utf-8"), format=fmt).quads()))


def _oxigraph(fmt: ox.RdfFormat) -> Callable[[bytes], int]:
    return lambda data: len(set(ox.parse(data, format=fmt)))


def _pyld(mode: str) -> Callable[[bytes], int]:
    options = {"format": "application/n-quads", "processingMode": mode}
    return lambda data: len(set(jsonld.to_rdf(json.loads(data), options).splitlines()))


TRIPLE_READERS = [
    pytest.param("turtle", _rdflib_triples("turtle"), id="turtle-rdflib"),
    pytest.param("turtle", _oxigraph(ox.RdfFormat.TURTLE), id="turtle-pyoxigraph"),
    pytest.param("nt", _rdflib_triples("nt"), id="nt-rdflib"),
    pytest.param("nt", _oxigraph(ox.RdfFormat.N_TRIPLES), id="nt-pyoxigraph"),
    pytest.param("xml", _rdflib_triples("xml"), id="xml-rdflib"),
    pytest.param("xml", _oxigraph(ox.RdfFormat.RDF_XML), id="xml-pyoxigraph"),
    pytest.param("json-ld", _rdflib_triples("json-ld"), id="json-ld-rdflib"),
    pytest.param("json-ld", _oxigraph(ox.RdfFormat.JSON_LD), id="json-ld-pyoxigraph"),
    pytest.param("json-ld", _pyld("json-ld-1.0"), id="json-ld-pyld1.0"),
    pytest.param("json-ld", _pyld("json-ld-1.1"), id="json-ld-pyld1.1"),
]
QUAD_READERS = [
    pytest.param("nquads", _rdflib_quads("nquads"), id="nquads-rdflib"),
    pytest.param("nquads", _oxigraph(ox.RdfFormat.N_QUADS), id="nquads-pyoxigraph"),
    pytest.param("trig", _rdflib_quads("trig"), id="trig-rdflib"),
    pytest.param("trig", _oxigraph(ox.RdfFormat.TRIG), id="trig-pyoxigraph"),
]


@pytest.mark.parametrize("ontology", [False, True], ids=["data", "with-ontology"])
@pytest.mark.parametrize(("fmt", "read"), TRIPLE_READERS)
def test_triple_export_read_by_another_parser_counts_what_the_endpoint_counts(
    seeds_build: Path, endpoint: str, fmt: str, read, ontology: bool
) -> None:
    data, n = render(seeds_build, fmt, ontology=ontology)
    assert read(data) == n == _count(endpoint, TRIPLES[ontology])


@pytest.mark.parametrize("ontology", [False, True], ids=["data", "with-ontology"])
@pytest.mark.parametrize(("fmt", "read"), QUAD_READERS)
def test_dataset_export_read_by_another_parser_counts_what_the_endpoint_counts(
    seeds_build: Path, endpoint: str, fmt: str, read, ontology: bool
) -> None:
    data, n = render(seeds_build, fmt, ontology=ontology)
    assert read(data) == n == _count(endpoint, QUADS[ontology])


def test_graph_nq_counts_what_the_endpoint_counts_without_the_ontology(
    seeds_build: Path, endpoint: str
) -> None:
    data = (seeds_build / "graph.nq").read_bytes()
    assert len(set(ox.parse(data, format=ox.RdfFormat.N_QUADS))) == _count(endpoint, QUADS[False])


def test_nt_export_holds_the_terms_the_endpoint_gives(seeds_build: Path, endpoint: str) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ONTOLOGY}) }}"
    r = httpx.post(
        f"{endpoint}/sparql",
        data={"query": query},
        headers={"Accept": "application/n-triples"},
        timeout=120,
    )
    r.raise_for_status()
    served = {str(t) for t in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)}
    exported = {str(t) for t in ox.parse(render(seeds_build, "nt")[0], ox.RdfFormat.N_TRIPLES)}
    confidences = {t for t in exported if f"<{CK.confidence}>" in t}
    assert confidences and exported == served


def test_gexf_is_valid_against_the_gexf_schema(seeds_build: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(GEXF_XSD)))
    schema.assertValid(etree.parse(io.BytesIO(render(seeds_build, "gexf")[0])))


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_projection_has_no_internal_attributes(seeds_build: Path, fmt: str, reader) -> None:
    g = reader(io.BytesIO(render(seeds_build, fmt)[0]))
    names = {k for *_, d in g.edges(data=True) for k in d} | {
        k for _, d in g.nodes(data=True) for k in d
    }
    assert not {n for n in names if "networkx" in n}


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_projection_read_by_networkx_counts_what_the_endpoint_counts(
    seeds_build: Path, endpoint: str, fmt: str, reader
) -> None:
    data, n = render(seeds_build, fmt)
    assert reader(io.BytesIO(data)).number_of_nodes() == n == _count(endpoint, PROJECTED)


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_projection_edges_read_by_networkx_count_what_the_endpoint_counts(
    seeds_build: Path, endpoint: str, fmt: str, reader
) -> None:
    edges = reader(io.BytesIO(render(seeds_build, fmt)[0])).number_of_edges()
    assert edges == _count(endpoint, PROJECTED_EDGES) > 0


def test_gexf_read_by_lxml_counts_what_the_endpoint_counts(seeds_build: Path, endpoint: str):
    doc = etree.parse(io.BytesIO(render(seeds_build, "gexf")[0]))
    nodes = doc.findall(".//{http://www.gexf.net/1.2draft}node")
    assert len(nodes) == _count(endpoint, PROJECTED)


def test_requirements_csv_counts_what_the_endpoint_counts(
    seeds_build: Path, endpoint: str, tmp_path: Path
) -> None:
    report = export(seeds_build, "csv", tmp_path / "t")
    with (tmp_path / "t" / "requirements.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == report.items == _count(endpoint, REQUIREMENTS) > 0
