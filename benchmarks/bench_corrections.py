"""What analysts' corrections cost a build: apply once, then reuse.

Builds a corpus (default: the seed speeches of ``../shared/corpus/seeds``),
records a modality correction on every ``--every``-th requirement (up to
``--max``), and times:

* ``clean``: the first build (extraction included);
* ``rebuild``: a rebuild with nothing changed and no corrections;
* ``corrected``: the rebuild that applies the corrections (each corrected
  document's graph parsed, corrected, written);
* ``again``: a rebuild with the same corrections (reused: nothing parsed),
  and whether its ``graph.nq`` is byte-identical;
* ``apply``: ``kg corrections apply`` (the same from the cache, no sources read).

Usage::

    .venv/bin/python benchmarks/bench_corrections.py --every 3 --max 100
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.build.republish import republish
from kg.build.run import build
from kg.corrections import ledger
from kg.corrections.apply import read_graph
from kg.corrections.records import Change, Correction, Target
from ontology.namespaces import CK, DCTERMS, OA, RDF

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"


def corrections(out: Path, every: int, most: int) -> list[Correction]:
    """A modality correction on every ``every``-th requirement of the build in ``out``."""
    g = read_graph((out / "graph.nq").read_text(encoding="utf-8"))
    made = []
    for r in sorted(g.subjects(RDF.type, CK.Requirement))[::every][:most]:
        ev = g.value(r, CK.evidence)
        doc = next(n for n in g.objects(ev, CK.document))
        name = str(g.value(doc, DCTERMS.identifier))
        modality = str(g.value(r, CK.modality)).rsplit("#", 1)[-1]
        made.append(
            Correction(
                action="modality",
                target=Target(
                    name, "requirement", int(g.value(ev, OA.start)), int(g.value(ev, OA.end))
                ),
                change=Change(modality="obligation" if modality != "obligation" else "exhortation"),
                author="bench",
                time="2026-01-01T00:00:00Z",
            )
        )
    return made


def timed(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=SEEDS)
    ap.add_argument("--every", type=int, default=3)
    ap.add_argument("--max", type=int, default=100)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp()) / "out"

    def run() -> None:
        build([args.corpus], out, progress=False, views=False)

    figures = {"clean": timed(run), "rebuild": timed(run)}
    made = corrections(out, args.every, args.max)
    ledger.append(out, made)
    figures["corrected"] = timed(run)
    first = (out / "graph.nq").read_bytes()
    figures["again"] = timed(run)
    same = first == (out / "graph.nq").read_bytes()
    figures["apply"] = timed(lambda: republish(out))
    docs = len({c.target.document for c in made})
    print(f"{len(made)} corrections on {docs} documents; again byte-identical: {same}")
    for k, v in figures.items():
        print(f"{k:10} {v:6.2f} s")


if __name__ == "__main__":
    main()
