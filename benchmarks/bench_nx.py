"""Benchmark of the NetworkX analyses (``kg who``, ``kg deps``, ``kg chain``) at 1 M edges.

Generates a deterministic synthetic corpus of extraction records (many
documents, local actors bound to shared jurisdictions, global generic actors,
stages, steps, deadlines, quantities and relations), publishes it as a build
through the real path (``kg.graph.rdf`` -> N-Quads cache -> ``kg.graph.store.create_store``;
the build's other outputs, graph.ttl and the views, are not written),
streams the store into the saved projection as ``kg build`` does and loads it
whole (both timed),
then times each question as an analyst runs it: the whole ``kg`` command in a
subprocess (interpreter start, imports, loading what the question reaches
from the saved projection, the analysis and the JSON output).

Usage::

    .venv/bin/python benchmarks/bench_nx.py                 # 1 M edges, work dir /tmp/kg-bench-nx
    .venv/bin/python benchmarks/bench_nx.py --docs 20       # quick run
    .venv/bin/python benchmarks/bench_nx.py --full-commands # also hubs, timeline, check...
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from itertools import pairwise
from multiprocessing import Pool
from pathlib import Path

from extract.records import (
    Actor,
    Document,
    Extraction,
    Phase,
    Quantity,
    Relation,
    Requirement,
    Span,
    TimeExpression,
)
from kg import atomic
from kg.build.worker import cache_name
from kg.builddir import STORE_LINK, STORES_DIR, BuildDir
from kg.graph.nquads import to_nquads
from kg.graph.rdf import iter_quads
from kg.graph.store import create_store

STAGES = ("学习动员", "分析评议", "整改提高")
STEPS = ("四讲", "大讨论", "回头看", "转段分析会", "转段", "征求意见", "谈心活动", "党性分析")
GENERIC = (
    ("党员", "MemberGroup"),
    ("群众", "Public"),
    ("党组织", "PartyBranch"),
    ("领导干部", "MemberGroup"),
    ("流动党员", "MemberGroup"),
    ("支部书记", "MemberGroup"),
)
VERBS = ("认真组织", "深入开展", "扎实推进", "及时上报", "严格落实", "广泛征求", "切实抓好")
OBJECTS = ("集中学习", "专题讨论", "整改方案", "群众意见", "党性分析材料", "民主评议", "转段请示")
JURISDICTIONS = 200


class Writer:
    """Builds a document's raw text clause by clause, returning spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, s: str) -> Span:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return Span(start, self.pos, s)

    def text(self) -> str:
        return "".join(self.parts)


def synth_document(i: int, reqs: int, seed: int) -> Extraction:
    """One synthetic document (deterministic in ``i`` and ``seed``)."""
    rng = random.Random(seed * 1_000_003 + i)
    w = Writer()
    j = f"第{i % JURISDICTIONS}县"
    locals_ = [(f"{j}县委", "PartyCommittee", None), (f"{j}督导组", "SupervisoryGroup", "督导组")]
    locals_ += [(f"{j}第{k}党委", "PartyCommittee", "党委") for k in range(6)]
    locals_ += [(f"{j}第{k}党支部", "PartyBranch", "党支部") for k in range(20)]
    actors = []
    for label, typ, kind in locals_:
        actors.append(
            Actor(label, typ, (w.add(label + "。"),), jurisdiction=j, kind=kind)  # type: ignore[arg-type]
        )
    for label, typ in GENERIC:
        actors.append(Actor(label, typ, (w.add(label + "。"),), scope="global"))  # type: ignore[arg-type]
    stages = tuple(Phase(s, "stage", (w.add(s + "。"),)) for s in STAGES)
    steps = tuple(Phase(s, "step", (w.add(s + "。"),)) for s in STEPS)
    rels = [
        Relation("precedes", "stage", a, "stage", b, w.add(f"{a}之后{b}。"))
        for a, b in pairwise(STAGES)
    ]
    rels += [
        Relation("precedes", "step", a, "step", b, w.add(f"先{a}再{b}。"))
        for a, b in pairwise(STEPS)
    ]
    committees = [a for a in locals_ if a[1] == "PartyCommittee" and a[2]]
    for k in range(20):
        branch = f"{j}第{k}党支部"
        parent = committees[k % len(committees)][0]
        rels.append(
            Relation("reportsTo", "actor", branch, "actor", parent, w.add(f"{branch}报{parent}。"))
        )
        rels.append(
            Relation(
                "subOrganizationOf",
                "actor",
                branch,
                "actor",
                parent,
                w.add(f"{parent}下设{branch}。"),
            )
        )
        if k % 2 == 0:
            rels.append(
                Relation(
                    "approves",
                    "actor",
                    parent,
                    "actor",
                    branch,
                    w.add(f"{branch}转段由{parent}批复。"),
                )
            )
    for label, *_ in committees:
        rels.append(
            Relation(
                "reportsTo", "actor", label, "actor", f"{j}督导组", w.add(f"{label}报督导组。")
            )
        )
        rels.append(
            Relation(
                "supervises", "actor", f"{j}督导组", "actor", label, w.add(f"督导组指导{label}。")
            )
        )
    rels.append(
        Relation("reportsTo", "actor", f"{j}督导组", "actor", f"{j}县委", w.add("督导组报县委。"))
    )
    times, requirements = [], []
    labels = [a.label for a in actors]
    for n in range(reqs):
        who = rng.sample(labels, rng.choice((1, 1, 2)))
        stage = rng.choice((*STAGES, None))
        deadline = None
        if rng.random() < 0.3:
            m, d = rng.randint(1, 12), rng.randint(1, 28)
            t = w.add(f"{m}月{d}日前")
            times.append(TimeExpression(t, f"--{m:02d}-{d:02d}", "deadline"))
            deadline = t.key
        quote = f"{'、'.join(who)}要{rng.choice(VERBS)}{rng.choice(OBJECTS)}第{n}项"
        span = w.add(quote)
        qs: tuple[Quantity, ...] = ()
        if rng.random() < 0.2:
            qs = (
                Quantity(
                    ">=", rng.randint(1, 60), "学时", w.add(f"不少于{rng.randint(1, 60)}学时")
                ),
            )
        w.add("。")
        requirements.append(
            Requirement(
                span,
                "prohibition" if n % 17 == 0 else "obligation",
                tuple(who),
                stage,
                deadline,
                qs,
            )
        )
    for n in range(0, reqs - 1, 10):
        a, b = requirements[n + 1].span.key, requirements[n].span.key
        rels.append(
            Relation("dependsOn", "requirement", a, "requirement", b, requirements[n + 1].span)
        )
    text = w.text()
    name = f"doc{i:05d}.txt"
    return Extraction(
        Document(name, text, text),
        actors=tuple(actors),
        stages=stages,
        steps=steps,
        times=tuple(times),
        requirements=tuple(requirements),
        relations=tuple(rels),
    )


def _write(args: tuple[int, int, int, str]) -> tuple[str, str]:
    i, reqs, seed, cache = args
    ex = synth_document(i, reqs, seed)
    name = ex.document.name
    Path(cache, cache_name(name)).write_text(to_nquads(iter_quads(ex)), encoding="utf-8")
    return name, cache_name(name)


def generate(out: Path, docs: int, reqs: int, seed: int, workers: int) -> float:
    """Write the synthetic build into ``out`` (reusing cached documents); return seconds."""
    t0 = time.perf_counter()
    cache = BuildDir(out).cache
    cache.mkdir(parents=True, exist_ok=True)
    done = [(f"doc{i:05d}.txt", cache_name(f"doc{i:05d}.txt")) for i in range(docs)]
    jobs = [(i, reqs, seed, str(cache)) for i in range(docs) if not (cache / done[i][1]).exists()]
    with Pool(workers) as pool:
        pool.map(_write, jobs, chunksize=4)
    for f in cache.iterdir():
        if f.name not in {c for _, c in done}:
            f.unlink()
    if (out / STORES_DIR / "bench").exists():
        atomic.remove_tree(out / STORES_DIR / "bench")
    store_dir = out / STORES_DIR / "bench"
    store_dir.parent.mkdir(exist_ok=True)
    store = create_store(
        store_dir, (Path(cache, c).read_text(encoding="utf-8") for _, c in sorted(done))
    )
    del store
    atomic.swap_symlink(out / STORE_LINK, f"{STORES_DIR}/bench")
    (out / "done").write_text("".join(f"{n}\n" for n, _ in done), encoding="utf-8")
    return time.perf_counter() - t0


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def _run_kg(kg: str, args: list[str], timeout: float | None = None) -> int:
    """Run ``kg ARGS --format json``; return the number of rows it printed."""
    done = subprocess.run(
        [kg, *args, "--format", "json"], capture_output=True, text=True, check=True, timeout=timeout
    )
    return len(json.loads(done.stdout))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--reqs", type=int, default=270, help="requirements per document")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-nx"))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--regenerate", action="store_true")
    p.add_argument(
        "--keep-projection", action="store_true", help="Reuse a saved projection (no timing)."
    )
    p.add_argument(
        "--full-commands", action="store_true", help="Also time hubs, timeline, check, matrix..."
    )
    a = p.parse_args(argv)
    from kg.graph.store import store_path
    from kg.nx.cache import cache_path, saved_graph, write_cache

    out = a.work / f"r{a.reqs}-s{a.seed}"
    marker = out / "done"
    names = "".join(f"doc{i:05d}.txt\n" for i in range(a.docs))
    if a.regenerate or not marker.exists() or marker.read_text(encoding="utf-8") != names:
        secs = generate(out, a.docs, a.reqs, a.seed, a.workers)
        print(f"generate + publish: {secs:.1f} s", flush=True)
    if a.keep_projection and cache_path(out).exists():
        G = saved_graph(out)
        print(
            f"saved projection reused: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"
        )
    else:
        secs = write_cache(out, store_path(out))
        print(f"saving the projection, streamed from the store (what kg build adds): {secs:.1f} s")
        t0 = time.perf_counter()
        G = saved_graph(out)
        size = f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"
        print(f"loading it whole: {time.perf_counter() - t0:.1f} s; {size}")
    j = "第7县"
    req = next(n for n, d in G.nodes(data=True) if d["type"] == "Requirement" and d["start"] > 0)
    rd = G.nodes[req]
    span = f"{rd['document']}:{rd['start']}-{rd['end']}"
    del G
    cases = [
        ("who 督导组 (kind, all jurisdictions)", ["who", "督导组"]),
        (f"who {j}第3党委 --include-subunits", ["who", f"{j}第3党委", "--include-subunits"]),
        ("who 党员 (global)", ["who", "党员"]),
        ("deps 整改提高", ["deps", "整改提高"]),
        ("deps 党性分析 (step)", ["deps", "党性分析"]),
        (f"deps {span}", ["deps", span]),
        (f"chain {j}第0党支部", ["chain", f"{j}第0党支部"]),
        ("chain (all, limit 1000)", ["chain"]),
        ("chain --transitions", ["chain", "--transitions"]),
    ]
    kg = str(Path(sys.executable).with_name("kg"))
    print(f"`kg ... --out {out} --format json`: wall time of the command, median of {a.repeat}:")
    for label, args in cases:
        secs, rows = timed(lambda args=args: _run_kg(kg, [*args, "--out", str(out)]), a.repeat)
        print(f"  {label:<48} {secs:7.3f} s  {rows:>6,} rows", flush=True)
    if a.full_commands:
        print("commands over the whole projection (loaded from the saved file), one run:")
        for args in (
            ["hubs"],
            ["timeline"],
            ["check"],
            ["matrix"],
            ["compare", "doc00001.txt", "doc00002.txt"],
            ["deps", "--order"],
        ):
            try:
                secs, rows = timed(
                    lambda args=args: _run_kg(kg, [*args, "--out", str(out)], timeout=900), 1
                )
            except subprocess.TimeoutExpired:
                print(f"  {' '.join(args):<48} > 900 s (stopped)", flush=True)
                continue
            print(f"  {' '.join(args):<48} {secs:7.3f} s  {rows:>6,} rows", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
