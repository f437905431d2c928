"""kg.nx.cache: the projection saved beside the store, loaded whole or in part."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.builddir import BuildDir
from kg.graph.store import open_store
from kg.nx.cache import Projection, cache_path, open_projection, save, saved_graph
from kg.nx.examples import example_graph
from kg.nx.projection import project


def _same_graph(G, H) -> None:
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True), key=repr) == sorted(
        H.edges(keys=True, data=True), key=repr
    )
    assert G.graph["documents"] == H.graph["documents"]


def test_build_saves_the_projection(seeds_build):
    assert cache_path(seeds_build).is_file()


def test_tuples_survive_saving(tmp_path):
    G = example_graph()
    save(G, tmp_path / "p.sqlite")
    H = Projection(tmp_path / "p.sqlite").graph()
    assert isinstance(H.nodes["actor:dd"]["aliases"], tuple)
    ev = H.edges["actor:dw", "actor:dd", "reportsTo"]["evidence"]
    assert ev == G.edges["actor:dw", "actor:dd", "reportsTo"]["evidence"]
    assert all(isinstance(e, tuple) for e in ev)


def test_same_graph_gives_same_file(tmp_path):
    save(example_graph(), tmp_path / "a.sqlite")
    save(example_graph(), tmp_path / "b.sqlite")
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()


def test_missing_projection_is_made_again(nx_build, tmp_path):
    out = tmp_path / "b"
    shutil.copytree(nx_build, out, symlinks=True)
    shutil.rmtree(BuildDir(out).projection)
    p = open_projection(out)
    try:
        assert p.path == cache_path(out) and p.path.is_file()
        _same_graph(project(open_store(out)), p.graph())
    finally:
        p.close()


def test_rebuild_replaces_the_projection(tmp_path):
    from kg.build.run import build

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("各党支部要在3月15日前完成学习动员。", encoding="utf-8")
    out = tmp_path / "out"
    build([docs], out, progress=False)
    first = cache_path(out)
    (docs / "b.txt").write_text("督导组要加强指导。", encoding="utf-8")
    build([docs], out, progress=False)
    second = cache_path(out)
    assert first != second
    assert sorted(p.name for p in (BuildDir(out).projection).iterdir()) == [second.name]
    assert sorted(saved_graph(out).graph["documents"].values()) == ["a.txt", "b.txt"]


def test_unreadable_saved_projection_is_one_error(nx_build, tmp_path):
    from kg.graph.store import StoreError

    out = tmp_path / "b"
    shutil.copytree(nx_build, out, symlinks=True)
    Path(cache_path(out)).write_bytes(b"not a database")
    with pytest.raises(StoreError, match="unreadable saved projection"):
        open_projection(out)


def test_load_adds_targets_without_their_edges(tmp_path):
    save(example_graph(), tmp_path / "p.sqlite")
    p = Projection(tmp_path / "p.sqlite")
    G = p.empty()
    assert p.load(G, ["req:1"]) == ["req:1"]
    assert "actor:dd" in G and G.nodes["actor:dd"]["label"] == "督导组"
    assert G.out_degree("actor:dd") == 0
    assert sorted(k for _, _, k in G.out_edges("req:1", keys=True)) == [
        "deadline",
        "mentionedIn",
        "responsibleActor",
        "stage",
    ]


@pytest.mark.parametrize(
    ("targets", "key", "keys"),
    [
        (["actor:dd"], "responsibleActor", ("responsibleActor", "stage", "deadline")),
        (["stage:2"], "precedes", None),
        (["actor:dd", "stage:1"], "stage", ("stage",)),
        (["nobody"], "responsibleActor", None),
    ],
)
def test_load_sources_equals_load_of_sources(tmp_path, targets, key, keys):
    save(example_graph(), tmp_path / "p.sqlite")
    p = Projection(tmp_path / "p.sqlite")
    G, H = p.empty(), p.empty()
    assert p.load_sources(G, targets, key, keys=keys) == p.load(
        H, p.sources(targets, key), keys=keys
    )
    _same_graph(G, H)


def test_loaded_edges_have_their_own_attributes(nx_build):
    G = saved_graph(nx_build)
    dicts = [d for _, _, d in G.edges(data=True)]
    assert len({id(d) for d in dicts}) == len(dicts)
    first = dicts[0]
    first["documents"] = ("changed",)
    assert all(d["documents"] != ("changed",) for d in dicts[1:])


def test_detail_survives_saving(nx_build, tmp_path):
    p = open_projection(nx_build)
    try:
        G = p.graph(detail=True)
    finally:
        p.close()
    save(G, tmp_path / "p.sqlite")
    H = Projection(tmp_path / "p.sqlite").graph(detail=True)
    _same_graph(G, H)
    assert any(d["evidence"] for _, d in H.nodes(data=True))
