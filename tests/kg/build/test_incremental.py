"""Incremental builds and ``kg remove``: only changed documents are re-extracted, and
the result equals a clean build of the same inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg.build.remove import cache_entry, publish, remove_documents
from kg.build.run import build
from kg.build.worker import cache_name
from kg.builddir import BuildDir, Manifest
from kg.cli.main import cli
from kg.errors import BuildError
from kg.graph import iri
from kg.graph.store import open_store
from ontology.namespaces import CK, RDFS
from tests.kg.handmade import extraction, nquads

TEXTS = {
    "a.txt": "各党委要认真学习，县委要在3月15日前完成动员。",
    "b.txt": "各级党组织必须在学习动员阶段组织党员参加不少于40学时的集中学习。",
    "c.txt": "督导组要加强指导，不得走过场。",
}
OUTPUTS = ("graph.ttl", "graph.nq", "manifest.json", "summary.md")


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _build(src: Path, out: Path):
    return build([src], out, progress=False, views=False)


def store_graphs(out: Path) -> dict[str, Graph]:
    """Every named graph of the build's store, as rdflib graphs."""
    import pyoxigraph as ox

    data = open_store(out).dump(format=ox.RdfFormat.N_QUADS, from_graph=None)
    ds = Dataset().parse(data=data.decode("utf-8"), format="nquads")
    graphs = {}
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            for t in g:
                copy.add(t)
            graphs[str(g.identifier)] = copy
    return graphs


def _same_build(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    ga, gb = store_graphs(a), store_graphs(b)
    assert sorted(ga) == sorted(gb)
    assert all(isomorphic(ga[k], gb[k]) for k in ga)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    src = _write(tmp_path / "in", TEXTS)
    out = tmp_path / "out"
    _build(src, out)
    return src, out


def test_unchanged_rebuild_reuses_every_document(built: tuple[Path, Path]) -> None:
    src, out = built
    report = _build(src, out)
    assert (report.extracted, report.reused, report.removed) == (0, len(TEXTS), [])


def test_unchanged_document_cache_file_is_not_rewritten(built: tuple[Path, Path]) -> None:
    src, out = built
    cache = (
        BuildDir(out).cache / Manifest.read(out).documents["a.txt"]["cache"]
    )  # keyed by name + content
    before = cache.stat()
    (src / "b.txt").write_text("县委必须加强领导。", encoding="utf-8")
    _build(src, out)
    after = cache.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"b.txt": "县委必须加强领导。"}, (1, 2, [])),
        ({"d.txt": "各单位要按时报送材料。"}, (1, 3, [])),
        ({"c.txt": None}, (0, 2, ["c.txt"])),
        ({"a.txt": "区委要带头。", "c.txt": None, "e.txt": "党员要学习。"}, (2, 1, ["c.txt"])),
    ],
)
def test_rebuild_extracts_only_new_or_changed(
    built: tuple[Path, Path], tmp_path: Path, change: dict, expected: tuple
) -> None:
    src, out = built
    for name, text in change.items():
        if text is None:
            (src / name).unlink()
        else:
            (src / name).write_text(text, encoding="utf-8")
    report = _build(src, out)
    assert (report.extracted, report.reused, report.removed) == expected
    clean = tmp_path / "clean"
    _build(src, clean)
    _same_build(out, clean)


def test_deleted_document_leaves_store_and_cache(built: tuple[Path, Path]) -> None:
    src, out = built
    (src / "c.txt").unlink()
    _build(src, out)
    assert str(iri.graph_iri("c.txt")) not in store_graphs(out)
    assert not (BuildDir(out).cache / cache_name("c.txt")).exists()
    assert "c.txt" not in Manifest.read(out).documents


def test_remove_equals_clean_build_of_the_rest(built: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = built
    report = remove_documents(out, ["b.txt"], views=False)
    assert (report.removed, report.remaining) == (["b.txt"], ["a.txt", "c.txt"])
    (src / "b.txt").unlink()
    clean = tmp_path / "clean"
    _build(src, clean)
    _same_build(out, clean)
    assert not (BuildDir(out).cache / cache_name("b.txt")).exists()


def test_build_after_remove_reuses_the_rest(built: tuple[Path, Path]) -> None:
    src, out = built
    remove_documents(out, ["b.txt"], views=False)
    report = _build(src, out)
    assert (report.extracted, report.reused) == (1, 2)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["zzz.txt"], r"no document named zzz\.txt"),
        (["a.txt", "b.txt", "c.txt"], "would leave the build empty"),
    ],
)
def test_remove_refuses(built: tuple[Path, Path], names: list[str], message: str) -> None:
    _, out = built
    before = (out / "manifest.json").read_bytes()
    with pytest.raises(BuildError, match=message):
        remove_documents(out, names, views=False)
    assert (out / "manifest.json").read_bytes() == before


def test_remove_without_build_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no build found"):
        remove_documents(tmp_path, ["a.txt"])


def test_cli_remove(built: tuple[Path, Path]) -> None:
    _, out = built
    result = CliRunner().invoke(cli, ["remove", "a.txt", "--out", str(out), "--no-views"])
    assert result.exit_code == 0, result.output
    assert list(Manifest.read(out).documents) == ["b.txt", "c.txt"]


def test_cli_remove_unknown_is_one_line_exit_2(built: tuple[Path, Path]) -> None:
    _, out = built
    result = CliRunner().invoke(cli, ["remove", "nope.txt", "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ") and result.output.count("\n") == 1


SHARED_DOCS = {
    "x.txt": ("中央要求各地党员认真学习。", [("中央", "global"), ("党员", "global")]),
    "y.txt": ("按照中央部署，县委负责组织。", [("中央", "global"), ("县委", "local")]),
}


@pytest.fixture
def shared_actor_build(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    entries = {
        name: cache_entry(out, name, nquads(extraction(name, raw, actors)))
        for name, (raw, actors) in SHARED_DOCS.items()
    }
    publish(out, entries, views=False)
    return out


def _union(out: Path) -> Graph:
    union = Graph()
    for name, g in store_graphs(out).items():
        if name != str(iri.ONTOLOGY_GRAPH):
            for t in g:
                union.add(t)
    return union


def _mentioned_in(out: Path, label: str) -> set[str]:
    actor = iri.actor_iri(label, scope="global")
    union = _union(out)
    assert (actor, RDFS.label, Literal(label, lang="zh")) in union
    return {str(d) for d in union.objects(actor, CK.mentionedIn)}


def test_shared_actor_is_mentioned_in_both(shared_actor_build: Path) -> None:
    docs = _mentioned_in(shared_actor_build, "中央")
    assert docs == {str(iri.document_iri("x.txt")), str(iri.document_iri("y.txt"))}


def test_removing_one_document_keeps_the_shared_actor(shared_actor_build: Path) -> None:
    remove_documents(shared_actor_build, ["x.txt"], views=False)
    assert _mentioned_in(shared_actor_build, "中央") == {str(iri.document_iri("y.txt"))}


def test_removing_the_only_mention_drops_the_actor(shared_actor_build: Path) -> None:
    remove_documents(shared_actor_build, ["x.txt"], views=False)
    actor = iri.actor_iri("党员", scope="global")
    assert (actor, None, None) not in _union(shared_actor_build)


def test_remove_refuses_a_build_of_another_pipeline(built: tuple[Path, Path]) -> None:
    import json

    _, out = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["pipeline"] = "0000"
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BuildError, match="another version of the extractor"):
        remove_documents(out, ["a.txt"], views=False)
