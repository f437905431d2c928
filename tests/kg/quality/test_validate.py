"""SHACL: real builds pass `kg validate`; a graph with a broken requirement does not."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from kg.build.run import build
from kg.cli.main import cli
from kg.quality.validate import validate_build, validate_graph
from ontology.namespaces import CK, OA, RDF, SH, XSD, load_ontology, load_shapes


@pytest.mark.parametrize("build_dir", ["seeds_build", "examples_build"])
def test_kg_validate_passes_on_a_build(request: pytest.FixtureRequest, build_dir: str) -> None:
    out = request.getfixturevalue(build_dir)
    result = CliRunner().invoke(cli, ["validate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("conforms to the shapes")


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of one short document with a few requirements (fast to validate)."""
    root = tmp_path_factory.mktemp("small")
    text = (
        "各党支部要在3月15日前完成集中学习，不得走过场。"
        "各党支部转段须向党委提出书面请示，经党委批复同意，并报县委督导组备案。"
    )
    (root / "a.txt").write_text(text, encoding="utf-8")
    build([root / "a.txt"], root / "out", progress=False, views=False)
    return root / "out"


def _without_modality(graph_ttl: Path) -> tuple[Graph, str]:
    g = Graph()
    g.parse(graph_ttl, format="turtle")
    req = sorted(g.subjects(RDF.type, CK.Requirement))[0]
    g.remove((req, CK.modality, None))
    return g, str(req)


def test_small_build_conforms(small_build: Path) -> None:
    assert validate_build(small_build) == (True, [])


def test_requirement_without_modality_is_reported(small_build: Path) -> None:
    g, req = _without_modality(small_build / "graph.ttl")
    conforms, lines = validate_graph(g)
    assert not conforms
    assert [line for line in lines if line.startswith(req) and str(CK.modality) in line]


def test_kg_validate_fails_on_a_broken_graph_file(tmp_path: Path, small_build: Path) -> None:
    g, _ = _without_modality(small_build / "graph.ttl")
    g.serialize(tmp_path / "graph.ttl", format="turtle")
    result = CliRunner().invoke(cli, ["validate", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith(f"kg: error: {tmp_path}/graph.ttl")


def test_validate_build_without_a_build_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"graph\.ttl: no build found"):
        validate_build(tmp_path)


def _graph(out: Path) -> Graph:
    g = Graph()
    g.parse(out / "graph.ttl", format="turtle")
    return g


def _start_after_end(g: Graph) -> str:
    ev = sorted(g.subjects(RDF.type, CK.Evidence))[0]
    g.set((ev, OA.start, Literal(10_000, datatype=XSD.integer)))
    return str(ev)


def _unasserted_edge(g: Graph) -> str:
    assertion = sorted(g.subjects(RDF.type, CK.RelationAssertion))[0]
    s, p, o = (g.value(assertion, x) for x in (RDF.subject, RDF.predicate, RDF.object))
    g.remove((s, p, o))
    return str(assertion)


# SPARQL-based constraints, which validate_graph runs itself (not through pyshacl)
SPARQL_BREAKAGES = [
    (_start_after_end, "is after oa:end"),
    (_unasserted_edge, "not asserted directly"),
]


@pytest.mark.parametrize(("breakage", "message"), SPARQL_BREAKAGES)
def test_sparql_constraint_violation_is_reported(small_build: Path, breakage, message) -> None:
    g = _graph(small_build)
    focus = breakage(g)
    conforms, lines = validate_graph(g)
    assert not conforms
    assert [line for line in lines if line.startswith(focus) and message in line]


@pytest.mark.parametrize(("breakage", "message"), [(None, ""), *SPARQL_BREAKAGES])
def test_verdict_and_focus_nodes_agree_with_pyshacl(small_build: Path, breakage, message) -> None:
    g = _graph(small_build)
    if breakage is not None:
        breakage(g)
    conforms, report, _ = pyshacl.validate(
        g, shacl_graph=load_shapes(), ont_graph=load_ontology(), inference="none"
    )
    ours, lines = validate_graph(g)
    focus = {str(f) for f in report.objects(None, SH.focusNode)}
    assert (ours, {line.split(" ", 1)[0] for line in lines}) == (bool(conforms), focus)
