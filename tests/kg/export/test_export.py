"""kg export: round trips, determinism, document selection, graph and table formats."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.builddir import BuildDir, Manifest
from kg.cli.main import cli
from kg.errors import BuildError
from kg.export.graphs import text
from kg.export.rdf import (
    FORMATS,
    ExportError,
    canonical_format,
    export,
    load_triples,
    projection,
    render,
)
from kg.export.tables import REQUIREMENT_COLUMNS
from kg.graph import iri
from kg.nx.cache import saved_graph
from ontology.namespaces import CK, RDF, load_ontology

RDFLIB_NAMES = {"turtle": "turtle", "nt": "nt", "xml": "xml", "json-ld": "json-ld"}


@pytest.fixture(scope="module")
def reference(seeds_build: Path) -> Graph:
    return Graph().parse(seeds_build / "graph.ttl", format="turtle")


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("ttl", "turtle"),
        ("Turtle", "turtle"),
        ("nt", "nt"),
        ("nq", "nquads"),
        ("trig", "trig"),
        ("jsonld", "json-ld"),
        ("json-ld", "json-ld"),
        ("rdfxml", "xml"),
        ("xml", "xml"),
        ("graphml", "graphml"),
        ("gexf", "gexf"),
        ("csv", "csv"),
    ],
)
def test_format_aliases(alias: str, name: str) -> None:
    assert canonical_format(alias) == name


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        canonical_format("yaml")


@pytest.mark.parametrize("fmt", sorted(RDFLIB_NAMES))
def test_triple_format_round_trips_to_the_build(
    seeds_build: Path, reference: Graph, fmt: str
) -> None:
    data, n = render(seeds_build, fmt)
    back = Graph().parse(data=data.decode("utf-8"), format=RDFLIB_NAMES[fmt])
    assert n == len(reference)
    assert isomorphic(back, reference)


def test_turtle_export_is_graph_ttl(seeds_build: Path) -> None:
    assert render(seeds_build, "turtle")[0] == (seeds_build / "graph.ttl").read_bytes()


def _graphs(ds: Dataset) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            for t in g:
                copy.add(t)
            out[str(g.identifier)] = copy
    return out


@pytest.mark.parametrize(("fmt", "rdflib_name"), [("nquads", "nquads"), ("trig", "trig")])
def test_dataset_format_with_ontology_has_one_graph_per_document_and_the_ontology(
    seeds_build: Path, fmt: str, rdflib_name: str
) -> None:
    data, _ = render(seeds_build, fmt, ontology=True)
    graphs = _graphs(Dataset().parse(data=data.decode("utf-8"), format=rdflib_name))
    docs = Manifest.read(seeds_build).documents
    assert set(graphs) == {str(iri.graph_iri(n)) for n in docs} | {str(iri.ONTOLOGY_GRAPH)}
    for name, entry in docs.items():
        cached = Dataset().parse(BuildDir(seeds_build).cache / entry["cache"], format="nquads")
        assert isomorphic(graphs[str(iri.graph_iri(name))], _graphs(cached)[entry["graph"]])
    assert isomorphic(graphs[str(iri.ONTOLOGY_GRAPH)], load_ontology())


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_dataset_format_leaves_the_ontology_out_by_default(seeds_build: Path, fmt: str) -> None:
    data, _ = render(seeds_build, fmt)
    assert str(iri.ONTOLOGY_GRAPH).encode() not in data


def test_nquads_export_is_graph_nq(seeds_build: Path) -> None:
    assert render(seeds_build, "nquads")[0] == (seeds_build / "graph.nq").read_bytes()


@pytest.mark.parametrize("fmt", sorted(RDFLIB_NAMES))
def test_triple_format_with_ontology_is_the_build_plus_the_ontology(
    seeds_build: Path, reference: Graph, fmt: str
) -> None:
    data, n = render(seeds_build, fmt, ontology=True)
    back = Graph().parse(data=data.decode("utf-8"), format=RDFLIB_NAMES[fmt])
    expected = reference + load_ontology()
    assert n == len(expected)
    assert isomorphic(back, expected)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_ontology_with_a_projection_format_is_an_error(seeds_build: Path, fmt: str) -> None:
    with pytest.raises(ExportError, match="projection of the documents' data"):
        render(seeds_build, fmt, ontology=True)


def test_triple_formats_hold_the_same_triples(seeds_build: Path) -> None:
    graphs = [
        Graph().parse(data=render(seeds_build, f)[0].decode("utf-8"), format=RDFLIB_NAMES[f])
        for f in sorted(RDFLIB_NAMES)
    ]
    assert all(isomorphic(graphs[0], g) for g in graphs[1:])


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_export_is_byte_identical_across_runs(seeds_build: Path, fmt: str) -> None:
    assert render(seeds_build, fmt)[0] == render(seeds_build, fmt)[0]


@pytest.mark.parametrize("fmt", ["json-ld", "gexf", "csv"])
def test_export_is_byte_identical_across_processes(seeds_build: Path, tmp_path: Path, fmt: str):
    outputs = []
    for seed in ("1", "2"):
        dest = tmp_path / f"{seed}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-c", "from kg.cli.main import main; main()"]
        cmd += ["export", "--format", fmt, "--out", str(seeds_build), "-o", str(dest)]
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        files = sorted(dest.iterdir()) if dest.is_dir() else [dest]
        outputs.append([f.read_bytes() for f in files])
    assert outputs[0] == outputs[1]


def test_doc_option_exports_only_that_document(seeds_build: Path) -> None:
    name = next(iter(Manifest.read(seeds_build).documents))
    data, _ = render(seeds_build, "nquads", [name])
    graphs = _graphs(Dataset().parse(data=data.decode("utf-8"), format="nquads"))
    assert list(graphs) == [str(iri.graph_iri(name))]


def test_unknown_document_is_an_error(seeds_build: Path) -> None:
    with pytest.raises(BuildError, match=r"no document named nope\.txt"):
        render(seeds_build, "turtle", ["nope.txt"])


def _string_attributes(g: nx.Graph) -> bool:
    values = [v for _, d in g.nodes(data=True) for v in d.values()]
    values += [v for *_, d in g.edges(data=True) for v in d.values()]
    return all(isinstance(v, (str, int, float)) for v in values)


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_format_opens_with_labels_and_types(seeds_build: Path, fmt: str, reader) -> None:
    data, n = render(seeds_build, fmt)
    g = reader(io.BytesIO(data))
    assert g.number_of_nodes() == n > 0
    assert g.number_of_edges() > 0
    assert _string_attributes(g)
    types = {d.get("type") for _, d in g.nodes(data=True)}
    assert {"Document", "Actor", "Requirement"} <= types
    assert all(d.get("label") for _, d in g.nodes(data=True))


def _projection_of(seeds_build: Path, docs: list[str] | None = None) -> nx.MultiDiGraph:
    """The saved projection of the build (all documents), or the one made of ``docs``."""
    return saved_graph(seeds_build) if docs is None else projection(seeds_build, docs)


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_format_holds_the_nodes_and_edges_of_the_kg_nx_projection(
    seeds_build: Path, fmt: str, reader
) -> None:
    g = reader(io.BytesIO(render(seeds_build, fmt)[0]))
    G = _projection_of(seeds_build)
    assert set(g.nodes) == set(G.nodes)
    assert sorted((u, v, d["label"]) for u, v, d in g.edges(data=True)) == sorted(
        G.edges(keys=True)
    )


@pytest.mark.parametrize(
    ("node_type", "attributes"),
    [
        ("Requirement", {"iri", "modality", "quote", "document", "start", "end"}),
        ("TimeExpression", {"iri", "role", "quote", "document", "start", "end"}),
        ("Actor", {"iri", "actor_type", "documents"}),
        ("Document", {"iri", "name"}),
    ],
)
def test_graphml_nodes_carry_the_projection_attributes_as_strings(
    seeds_build: Path, node_type: str, attributes: set[str]
) -> None:
    g = nx.read_graphml(io.BytesIO(render(seeds_build, "graphml")[0]))
    nodes = [d for _, d in g.nodes(data=True) if d["type"] == node_type]
    assert nodes and all(attributes <= set(d) for d in nodes)
    assert all(isinstance(v, str) for d in nodes for v in d.values())


def test_graphml_quantities_are_text(seeds_build: Path) -> None:
    g = nx.read_graphml(io.BytesIO(render(seeds_build, "graphml")[0]))
    G = _projection_of(seeds_build)
    quantified = {n: d["quantities"] for n, d in G.nodes(data=True) if d.get("quantities")}
    assert quantified
    for n, qs in quantified.items():
        parts = g.nodes[n]["quantities"].split("; ")
        assert [p.split(" ")[0] for p in parts] == [str(q[0]) for q in qs]
        assert all(str(u) in p for p, (*_, u) in zip(parts, qs, strict=True) if u)


def test_graph_format_edges_name_their_predicate_and_documents(seeds_build: Path) -> None:
    g = nx.read_gexf(io.BytesIO(render(seeds_build, "gexf")[0]))
    G = _projection_of(seeds_build)
    for u, v, d in g.edges(data=True):
        assert d["predicate"] == str(CK[d["label"]])
        assert d["documents"].split(";") == list(G.edges[u, v, d["label"]]["documents"])


def test_graph_format_of_one_document_is_that_documents_projection(seeds_build: Path) -> None:
    name = next(iter(Manifest.read(seeds_build).documents))
    g = nx.read_graphml(io.BytesIO(render(seeds_build, "graphml", [name])[0]))
    assert set(g.nodes) == set(_projection_of(seeds_build, [name]).nodes)
    assert {d["document"] for _, d in g.nodes(data=True) if d["type"] == "Requirement"} == {name}


@pytest.mark.parametrize(
    ("value", "flat"),
    [
        (("a.txt", "b.txt"), "a.txt;b.txt"),
        (((">=", 3, "篇"),), ">= 3 篇"),
        (((">=", 3, "篇"), ("range", "1-2", None)), ">= 3 篇; range 1-2"),
        ((), ""),
        (12, "12"),
        (None, ""),
    ],
)
def test_attribute_values_flatten_to_text(value: object, flat: str) -> None:
    assert text(value) == flat


def test_csv_nodes_and_edges_are_the_graph_formats_nodes_and_edges(
    seeds_build: Path, tmp_path: Path
) -> None:
    export(seeds_build, "csv", tmp_path / "t")
    g = nx.read_graphml(io.BytesIO(render(seeds_build, "graphml")[0]))
    with (tmp_path / "t" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = {
            r["id"]: {k: v for k, v in r.items() if v and k != "id"} for r in csv.DictReader(fh)
        }
    with (tmp_path / "t" / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = sorted((r["source"], r["target"], r["label"]) for r in csv.DictReader(fh))
    assert nodes == {n: {k: v for k, v in d.items() if k != "iri"} for n, d in g.nodes(data=True)}
    assert edges == sorted((u, v, d["label"]) for u, v, d in g.edges(data=True))


def test_csv_export_writes_three_tables(seeds_build: Path, tmp_path: Path) -> None:
    report = export(seeds_build, "csv", tmp_path / "t")
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "edges.csv",
        "nodes.csv",
        "requirements.csv",
    ]
    with (tmp_path / "t" / "requirements.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    triples = Graph().parse(seeds_build / "graph.ttl")
    assert len(rows) == report.items == len(set(triples.subjects(RDF.type, CK.Requirement)))
    assert list(rows[0]) == REQUIREMENT_COLUMNS


def test_requirements_csv_quotes_match_offsets(seeds_build: Path, tmp_path: Path) -> None:
    export(seeds_build, "csv", tmp_path / "t")
    with (tmp_path / "t" / "requirements.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        raw = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "seeds"
        text = (raw / row["document"]).read_bytes().decode("utf-8-sig")
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
        assert row["offsets"] == f"{row['start']}-{row['end']}"


def test_csv_needs_an_output_folder(seeds_build: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", str(seeds_build)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("kg: error: format csv writes a folder")


def test_cli_writes_stdout_without_output(seeds_build: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "nt", "--out", str(seeds_build)])
    assert result.exit_code == 0
    assert result.stdout_bytes == render(seeds_build, "nt")[0]


def test_cli_unknown_format_is_one_line_exit_2(seeds_build: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "yaml", "--out", str(seeds_build)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1


def test_cli_output_file_equals_library(seeds_build: Path, tmp_path: Path) -> None:
    dest = tmp_path / "g.trig"
    result = CliRunner().invoke(
        cli, ["export", "--format", "trig", "--out", str(seeds_build), "-o", str(dest)]
    )
    assert result.exit_code == 0
    assert dest.read_bytes() == render(seeds_build, "trig")[0]


def test_load_triples_has_no_duplicates(seeds_build: Path) -> None:
    triples = load_triples(seeds_build)
    assert len(triples) == len(set(triples))
    assert URIRef(str(triples[0][0])) is not None
