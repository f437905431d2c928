"""The build: evidence offsets quote the decoded source; outputs are deterministic."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from extract.ingest.reader import read_document
from kg.build.run import build
from kg.errors import BuildError
from kg.graph import iri
from ontology.namespaces import CK, DCTERMS, OA, RDF
from tests.conftest import EXAMPLES, SEEDS

OUTPUTS = ("graph.ttl", "graph.nq", "summary.md", "manifest.json")


@functools.cache
def _graph(out: Path) -> Graph:
    g = Graph()
    g.parse(out / "graph.ttl", format="turtle")
    return g


def _evidence_by_document(out: Path) -> dict[str, list[tuple[int, int, str]]]:
    g = _graph(out)
    found: dict[str, list[tuple[int, int, str]]] = {}
    for ev in g.subjects(RDF.type, CK.Evidence):
        name = str(g.value(g.value(ev, CK.document), DCTERMS.identifier))
        start, end = g.value(ev, OA.start).toPython(), g.value(ev, OA.end).toPython()
        found.setdefault(name, []).append((start, end, str(g.value(ev, OA.exact))))
    return found


def _mismatches(folder: Path, name: str, spans: list[tuple[int, int, str]]) -> list:
    raw = read_document(folder / name).raw
    return [(s, e, exact, raw[s:e]) for s, e, exact in spans if raw[s:e] != exact]


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.iterdir()))
def test_seed_evidence_quotes_the_decoded_source(seeds_build: Path, name: str) -> None:
    spans = _evidence_by_document(seeds_build)[name]
    assert spans and _mismatches(SEEDS, name, spans) == []


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_example_evidence_quotes_the_decoded_source(examples_build: Path, name: str) -> None:
    spans = _evidence_by_document(examples_build)[name]
    assert spans and _mismatches(EXAMPLES, name, spans) == []


def test_traditional_evidence_quotes_traditional_characters(examples_build: Path) -> None:
    spans = _evidence_by_document(examples_build)["02-supervision-training.big5.txt"]
    assert any("督導組" in exact for _, _, exact in spans)
    assert not any("督导组" in exact for _, _, exact in spans)


def test_every_example_is_a_document(examples_build: Path) -> None:
    g = _graph(examples_build)
    names = {str(g.value(d, DCTERMS.identifier)) for d in g.subjects(RDF.type, CK.Document)}
    assert names == {p.name for p in EXAMPLES.iterdir()}


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("01-county-stage-summary.gb18030.txt", "gb18030"),
        ("02-supervision-training.big5.txt", "big5hkscs"),
        ("03-stage-timetable-notice.utf8-bom.txt", "utf-8-sig"),
        ("04-mass-line-notice.utf16le.txt", "utf-16"),
        ("05-town-news-page.html", "utf-8"),
    ],
)
def test_document_records_its_encoding(examples_build: Path, name: str, encoding: str) -> None:
    g = _graph(examples_build)
    assert str(g.value(iri.document_iri(name), CK.encoding)) == encoding


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The examples built twice, from two copies of the input in different folders."""
    a, b = tmp_path_factory.mktemp("twin-a"), tmp_path_factory.mktemp("twin-b")
    shutil.copytree(EXAMPLES, a / "in")
    shutil.copytree(EXAMPLES, b / "elsewhere" / "corpus")
    build([a / "in"], a / "out", progress=False, views=False)
    build([b / "elsewhere" / "corpus"], b / "build-dir", progress=False, views=False)
    return a / "out", b / "build-dir"


@pytest.mark.parametrize("name", OUTPUTS)
def test_builds_in_different_folders_are_byte_identical(twin_builds, name: str) -> None:
    a, b = twin_builds
    assert (a / name).read_bytes() == (b / name).read_bytes()


def test_iris_are_stable_across_builds(twin_builds, examples_build: Path) -> None:
    a, _ = twin_builds
    subjects = {str(s) for s in _graph(a).subjects()}
    assert subjects == {str(s) for s in _graph(examples_build).subjects()}


def test_rebuild_reuses_everything_and_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([EXAMPLES], out, progress=False, views=False)
    before = {n: (out / n).read_bytes() for n in OUTPUTS}
    report = build([EXAMPLES], out, progress=False, views=False)
    assert (report.extracted, report.reused) == (0, 5)
    assert {n: (out / n).read_bytes() for n in OUTPUTS} == before


def test_incremental_build_equals_a_clean_build(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    build([src], tmp_path / "inc", progress=False, views=False)
    (src / "05-town-news-page.html").unlink()
    (src / "03-stage-timetable-notice.utf8-bom.txt").write_text("各党支部要认真学习。", "utf-8")
    report = build([src], tmp_path / "inc", progress=False, views=False)
    build([src], tmp_path / "clean", progress=False, views=False)
    assert (report.extracted, report.reused, report.removed) == (1, 3, ["05-town-news-page.html"])
    for n in OUTPUTS:
        assert (tmp_path / "inc" / n).read_bytes() == (tmp_path / "clean" / n).read_bytes()


def test_unreadable_document_is_skipped_with_its_reason(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    (src / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    lines: list[str] = []
    report = build([src], tmp_path / "out", progress=False, views=False, warn=lines.append)
    assert report.skipped == [("scan.txt", "binary content (NUL bytes)")]
    assert report.documents == 5 and len(lines) == 1 and "scan.txt" in lines[0]


def test_strict_build_fails_on_an_unreadable_document(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(b"")
    with pytest.raises(BuildError, match=r"scan\.txt: empty file"):
        build([tmp_path / "scan.txt"], tmp_path / "out", progress=False, strict=True)


def test_missing_input_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no such file or folder"):
        build([tmp_path / "nowhere"], tmp_path / "out", progress=False)
