"""SHACL: real builds pass `kg validate`; a graph with a broken requirement does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.build import build
from kg.cli.main import cli
from kg.validate import validate_build, validate_graph
from ontology.namespaces import CK, RDF


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
    text = "各党支部要在3月15日前完成集中学习，不得走过场。县委督导组要加强检查。"
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
