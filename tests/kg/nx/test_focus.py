"""kg.nx.focus: the focused projections give the rows the full projection gives."""

from __future__ import annotations

import pytest

from kg.nx import focus
from kg.nx.cache import open_projection
from kg.nx.chains import chains, transitions
from kg.nx.common import UnknownItem
from kg.nx.dependencies import prerequisites
from kg.nx.projection import load_graph, nodes_of
from kg.nx.responsibility import who

BUILDS = ["nx_build", "seeds_build"]
WHO_OPTIONS = [
    {"include_subunits": False, "include_generic": False},
    {"include_subunits": False, "include_generic": True},
    {"include_subunits": True, "include_generic": False},
    {"include_subunits": True, "include_generic": True},
]


@pytest.fixture(scope="module")
def graphs(request):
    """build fixture name -> (full projection, saved projection)."""
    out = {}
    for name in BUILDS:
        build = request.getfixturevalue(name)
        out[name] = (load_graph(build), open_projection(build))
    yield out
    for _, p in out.values():
        p.close()


def _rows(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except UnknownItem as e:
        return ("unknown", str(e))


def _actor_names(G) -> list[str]:
    names = set()
    for a in nodes_of(G, "Actor"):
        d = G.nodes[a]
        names.update([d["label"], *d.get("aliases", ())])
        if d.get("kind"):
            names.add(d["kind"])
    return [*sorted(names), "没有这个机构"]


def _items(G) -> list[str]:
    phases = sorted({G.nodes[n]["label"] for t in ("Stage", "Step") for n in nodes_of(G, t)})
    reqs = nodes_of(G, "Requirement")
    spans = [
        f"{G.nodes[r]['document']}:{G.nodes[r]['start']}-{G.nodes[r]['end']}" for r in reqs[::5]
    ]
    return phases + spans + ["学习", "整改", "要", "x.txt:1-2", "没有这一项"]


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("options", WHO_OPTIONS, ids=lambda o: "-".join(k for k in o if o[k]))
def test_who_rows_equal_full_projection(graphs, build, options):
    G, p = graphs[build]
    for name in _actor_names(G):
        full = _rows(who, G, name, **options)
        part = _rows(lambda n=name: who(focus.who_graph(p, n, **options), n, **options))
        assert part == full, name


@pytest.mark.parametrize("build", BUILDS)
def test_deps_rows_equal_full_projection(graphs, build):
    G, p = graphs[build]
    for item in _items(G):
        assert _rows(lambda i=item: prerequisites(focus.deps_graph(p, i), i)) == _rows(
            prerequisites, G, item
        ), item


@pytest.mark.parametrize("build", BUILDS)
def test_chain_rows_equal_full_projection(graphs, build):
    G, p = graphs[build]
    H = focus.chain_graph(p)
    for name in [None, *_actor_names(G)]:
        assert _rows(chains, H, name) == _rows(chains, G, name), name


@pytest.mark.parametrize("build", BUILDS)
def test_transitions_equal_full_projection(graphs, build):
    G, p = graphs[build]
    assert transitions(focus.chain_graph(p)) == transitions(G)


def test_who_graph_leaves_out_other_requirements(graphs):
    G, p = graphs["seeds_build"]
    H = focus.who_graph(p, "督导组", include_generic=False)
    assert 0 < len(nodes_of(H, "Requirement")) < len(nodes_of(G, "Requirement"))


def test_deps_of_a_stage_loads_no_requirement(graphs):
    _, p = graphs["seeds_build"]
    assert nodes_of(focus.deps_graph(p, "整改提高"), "Requirement") == []
