"""Latency of every saved query: Oxigraph (the build's store) vs rdflib's in-memory engine.

For each build, every saved query of ``kg/sparql/catalog`` is bound with
parameter values found in the build, run ``--runs`` times through
:func:`kg.sparql.query.execute` (read-only store handle, all rows read) and
through rdflib's SPARQL engine over an in-memory ``Graph`` holding the same
triples (the union of the store's graphs), and the medians are compared.

Two builds:

* ``--seeds DIR``: the seeds corpus (built into DIR if it holds no build);
* ``--big-build DIR``: an existing ``kg build`` directory (e.g. the whole
  ``school_site_articles.jsonl.gz``, 12,002 articles, 1.8 M quads);
* ``--jsonl FILE``: or a large store made here from a JSON-lines corpus: each
  article is ingested, extracted and turned into N-Quads as ``kg build`` does
  per document (:func:`kg.build.worker.process_document`), then bulk-loaded with
  :func:`kg.graph.store.create_store` (``--replicate K`` repeats every article K
  times under new names).

Usage::

    python benchmarks/bench_sparql.py --seeds /tmp/bench-seeds --jsonl \\
        ../shared/bench/school_site_articles.jsonl.gz --big /tmp/bench-big --runs 5
    kg build ../shared/bench/school_site_articles.jsonl.gz --out /tmp/b12k -j 2
    python benchmarks/bench_sparql.py --seeds /tmp/bench-seeds --big-build /tmp/b12k
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from multiprocessing import Pool, get_context
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build.worker import process_document  # noqa: E402
from kg.graph.store import create_store, open_read_only, store_path  # noqa: E402
from kg.sparql import catalog  # noqa: E402
from kg.sparql.query import execute  # noqa: E402

SEEDS = ROOT / ".." / "shared" / "corpus" / "seeds"


def _one(item: tuple[str, str]) -> str:
    name, text = item
    try:
        return process_document(name, text.encode("utf-8"))
    except Exception:  # an unreadable article is skipped, as kg build does
        return ""


def read_jsonl(path: Path, limit: int | None, replicate: int = 1) -> list[tuple[str, str]]:
    """(name, text) of each record; with ``replicate`` K, each record K times under K names."""
    opener = gzip.open if path.suffix == ".gz" else open
    docs = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = "\n".join(x for x in (rec.get("title"), rec.get("content")) if x)
            docs.append((f"{rec['id']}.txt", text))
            if limit and len(docs) >= limit:
                break
    if replicate > 1:
        docs = [(f"r{k}-{name}", text) for k in range(replicate) for name, text in docs]
    return docs


def build_big(jsonl: Path, out: Path, limit: int | None, procs: int, replicate: int = 1) -> Path:
    """Build a store from a JSON-lines corpus into ``out/store``; return the store path."""
    store_dir = out / "store"
    if store_dir.exists():
        return store_dir
    out.mkdir(parents=True, exist_ok=True)
    docs = read_jsonl(jsonl, limit, replicate)
    t0 = time.perf_counter()
    with Pool(procs) as pool:
        chunks = pool.map(_one, docs, chunksize=32)
    t1 = time.perf_counter()
    from kg.build.publish import ontology_nquads

    create_store(store_dir, [ontology_nquads(), *chunks], union_default=True)
    t2 = time.perf_counter()
    print(
        f"big build: {len(docs)} articles, extract {t1 - t0:.1f} s ({procs} processes), "
        f"store load {t2 - t1:.1f} s",
        file=sys.stderr,
    )
    return store_dir


def seeds_store(out: Path) -> Path:
    if not (out / "store").exists():
        from kg.build.run import build

        build([SEEDS], out, progress=False, views=False)
    return store_path(out)


def union_graph(store: ox.Store) -> Graph:
    """The union of the store's graphs as an rdflib in-memory Graph (N-Triples round trip)."""
    triples = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store
        if q.graph_name != ox.DefaultGraph()
    }
    data = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=data, format="nt")
    return g


def param_values(store: ox.Store) -> dict[str, str]:
    def first(q: str, default: str) -> str:
        r = execute(store, q)
        return r.rows[0][0].value if r.rows else default

    ids = [
        row[0].value
        for row in execute(
            store, "SELECT ?id WHERE { ?d a ck:Document ; dcterms:identifier ?id } ORDER BY ?id"
        ).rows
    ]
    return {
        "actor": first(
            "SELECT ?l (COUNT(?r) AS ?n) WHERE { ?r ck:responsibleActor/rdfs:label ?l } "
            "GROUP BY ?l ORDER BY DESC(?n) LIMIT 1",
            first("SELECT ?l WHERE { ?a a ck:Actor ; rdfs:label ?l } LIMIT 1", "党委"),
        ),
        "step": first(
            "SELECT ?l (COUNT(?d) AS ?n) WHERE { ?s a ck:Step ; rdfs:label ?l ; ck:mentionedIn ?d }"
            " GROUP BY ?l ORDER BY DESC(?n) LIMIT 1",
            "转段",
        ),
        "iri": first("SELECT ?r WHERE { ?r a ck:Requirement } LIMIT 1", "urn:x:none"),
        "document": ids[0],
        "other": ids[len(ids) // 2],
    }


def median_ms(fn, runs: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        n = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), n


def _rdflib_child(conn, g: Graph, text: str, runs: int) -> None:
    try:
        conn.send(median_ms(lambda: len(list(g.query(text))), runs))
    except Exception as e:
        conn.send(repr(e))


def rdflib_median(g: Graph, text: str, runs: int, limit_s: float) -> tuple[float, int]:
    """Median rdflib latency, measured in a forked child killed after ``limit_s`` seconds.

    Returns ``(nan, -1)`` when rdflib fails, ``(inf, -2)`` when it overruns.
    """
    ctx = get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(child, g, text, runs))
    proc.start()
    try:
        if not parent.poll(limit_s):
            return float("inf"), -2
        got = parent.recv()
    finally:
        proc.kill()
        proc.join()
    if isinstance(got, str):
        print(f"rdflib failed: {got}", file=sys.stderr)
        return float("nan"), -1
    return got


def bench(
    label: str,
    path: Path,
    runs: int,
    rdflib_runs: int,
    limit_s: float = 120.0,
    only: list[str] | None = None,
) -> list[dict]:
    store = open_read_only(path)
    quads = len(store)
    t0 = time.perf_counter()
    g = union_graph(store)
    load_s = time.perf_counter() - t0
    print(f"{label}: {quads} quads, {len(g)} union triples (rdflib load {load_s:.1f} s)")
    values = param_values(store)
    rows = []
    for entry in catalog.load_catalog().values():
        if only and entry.name not in only:
            continue
        text = catalog.bind(entry, {p.name: values[p.name] for p in entry.params})
        ox_ms, n_ox = median_ms(lambda text=text: len(execute(store, text)), runs)
        rl_ms, n_rl = rdflib_median(g, text, rdflib_runs, limit_s)
        row = {
            "build": label,
            "query": entry.name,
            "rows_oxigraph": n_ox,
            "rows_rdflib": n_rl,
            "oxigraph_ms": round(ox_ms, 2),
            "rdflib_ms": round(rl_ms, 1) if n_rl >= 0 else ("timeout" if n_rl == -2 else "error"),
            "speedup": (
                round(rl_ms / ox_ms, 1)
                if n_rl >= 0 and ox_ms
                else (f">{round(limit_s * 1000 / ox_ms)}" if n_rl == -2 and ox_ms else None)
            ),
        }
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=Path, help="Seeds build directory (built if empty).")
    p.add_argument("--jsonl", type=Path, help="JSON-lines corpus for the large build.")
    p.add_argument("--big", type=Path, default=Path("/tmp/bench-sparql-big"))
    p.add_argument(
        "--big-build",
        type=Path,
        help="An existing `kg build` directory to use as the large build (instead of --jsonl).",
    )
    p.add_argument("--limit", type=int, help="Use only the first N articles.")
    p.add_argument("--procs", type=int, default=2)
    p.add_argument("--replicate", type=int, default=1, help="Each article K times (K names).")
    p.add_argument("--rdflib-limit", type=float, default=120.0, help="Seconds per rdflib query.")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--rdflib-runs", type=int, default=3)
    p.add_argument("--big-rdflib-runs", type=int, default=1)
    p.add_argument("--json", type=Path, help="Write all rows here.")
    p.add_argument("--only", action="append", help="Run only this saved query (repeatable).")
    args = p.parse_args(argv)
    rows = []
    if args.seeds:
        rows += bench(
            "seeds",
            seeds_store(args.seeds),
            args.runs,
            args.rdflib_runs,
            args.rdflib_limit,
            args.only,
        )
    big = None
    if args.big_build:
        big = store_path(args.big_build)
    elif args.jsonl:
        big = build_big(args.jsonl, args.big, args.limit, args.procs, args.replicate)
    if big is not None:
        rows += bench("big", big, args.runs, args.big_rdflib_runs, args.rdflib_limit, args.only)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
