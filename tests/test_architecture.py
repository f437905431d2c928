"""The import contract: `extract` never reaches RDF, graphs, HTML views or `kg`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
FORBIDDEN_FOR_EXTRACT = {"rdflib", "networkx", "pyvis", "pyoxigraph", "kg", "ontology"}


def _lint(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _contracts() -> list[dict]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_lint_imports_passes() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_contract_forbids_extract_from_rdf_graphs_views_and_kg() -> None:
    forbidden = {
        m
        for c in _contracts()
        if c["type"] == "forbidden" and "extract" in c["source_modules"]
        for m in c["forbidden_modules"]
    }
    assert forbidden >= FORBIDDEN_FOR_EXTRACT


@pytest.mark.parametrize("module", ["rdflib", "kg.graph.rdf", "ontology.namespaces"])
def test_a_forbidden_import_in_extract_breaks_the_contract(tmp_path: Path, module: str) -> None:
    for package in ("extract", "kg", "ontology"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "extract" / "leak.py").write_text(f'"""Leak."""\n\nimport {module}\n')
    result = _lint(tmp_path, pythonpath=tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "extract.leak" in result.stdout
