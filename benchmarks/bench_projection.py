"""Time and peak memory of saving a build's NetworkX projection, alone in a process.

Usage::

    .venv/bin/python benchmarks/bench_projection.py BUILD [--source graph.nq|store] [--repeat 3]

Saves the projection of the build in ``BUILD`` (from its ``graph.nq``, as
``kg build`` does, or from its store, as a first ``kg who`` on an older
build does) into a temporary folder, in a fresh interpreter, and reports wall
seconds and peak RSS (``measure.run_tree``), next to the same interpreter
doing only the imports. Run it with another revision's tree on ``PYTHONPATH``
to compare: revisions whose ``kg.nx.cache`` has ``write_cache_from_nquads``
(the projection made in memory, through a ``PredicateIndex``) are called that way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import run_tree

CHILD = """
import sys
from pathlib import Path
from kg.graph.store import store_path
from kg.nx import cache
build, out, source = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if source == "imports":
    raise SystemExit(0)
store = store_path(build)
nq = build / "graph.nq" if source == "graph.nq" else None
if hasattr(cache, "write_cache_from_nquads"):  # an older revision: made in memory
    if nq is None:
        cache.write_cache(out, store)
    else:
        cache.write_cache_from_nquads(out, store, nq)
else:
    cache.write_cache(out, store, nq)
"""


def measure(build: Path, source: str, repeat: int) -> tuple[float, float]:
    """Median seconds and peak RSS (MB) of ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="kg-proj-") as tmp:
            cmd = [sys.executable, "-c", CHILD, str(build), tmp, source]
            seconds, peak, code = run_tree(cmd)
            if code != 0:
                raise SystemExit(f"exit code {code}: {' '.join(cmd)}")
            runs.append((seconds, peak / 2**20))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", type=Path)
    ap.add_argument("--source", choices=("graph.nq", "store"), default="graph.nq")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    quads = sum(1 for _ in (args.build / "graph.nq").open("rb"))
    base = measure(args.build, "imports", args.repeat)
    run = measure(args.build, args.source, args.repeat)
    print(f"{args.build}: {quads:,} quads, from {args.source}, medians of {args.repeat}")
    print(f"imports only   {base[0]:6.1f} s  {base[1]:7.0f} MB")
    print(f"projection     {run[0]:6.1f} s  {run[1]:7.0f} MB  (net {run[1] - base[1]:.0f} MB)")


if __name__ == "__main__":
    main()
