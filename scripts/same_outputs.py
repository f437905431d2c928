"""Check that a refactoring left a build's outputs byte-identical to a given revision.

Builds the examples corpus and the seeds (``../shared/corpus/seeds``, when present)
once with the working tree and once with ``REV`` (exported with ``git archive``,
nothing checked out), with one worker and with two, and compares every file of the
two build directories byte for byte, except the store (Oxigraph's files are not
byte-stable) and the lock; the saved projection
(named after its store) is compared by its rows.

Usage::

    python scripts/same_outputs.py [REV]      # default REV: HEAD~1
    python scripts/same_outputs.py REV --corpus examples --workers 1

``--corpus`` and ``--workers`` (each may be repeated) narrow the builds to some
corpora and worker counts; by default every corpus is built with 1 and 2 workers.
Prints one line per differing file and exits 1 if any differ.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = {"examples": REPO / "examples" / "corpus", "seeds": REPO.parent / "shared/corpus/seeds"}
SKIPPED = (".stores", "store", ".kg-lock")


def _export(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", rev, "extract", "kg", "ontology"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    tar = into / "rev.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(into / "tree", filter="data")
    return into / "tree"


def _build(tree: Path, corpus: Path, out: Path, workers: int) -> None:
    code = "import sys; from kg.cli.main import main; sys.exit(main())"
    env = dict(os.environ, PYTHONPATH=str(tree))
    args = ["build", str(corpus), "--out", str(out), "--workers", str(workers), "--quiet"]
    # run in the tree: ``python -c`` puts the working directory first on sys.path, so
    # started from a checkout, both sides would otherwise import that checkout's kg
    subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=tree, check=True)


def _digest(path: Path) -> str:
    if path.suffix == ".sqlite":  # the saved projection: its rows, not its pages
        with sqlite3.connect(path) as db:
            return hashlib.sha256("\n".join(db.iterdump()).encode()).hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key(rel: Path) -> str:
    # the saved projection is named after its store and the code's fingerprint
    return f"{rel.parent}/*.sqlite" if rel.suffix == ".sqlite" else str(rel)


def digests(out: Path) -> dict[str, str]:
    """Digest every compared file of the build directory ``out``.

    Parameters
    ----------
    out : Path
        A build directory.

    Returns
    -------
    dict[str, str]
        The SHA-256 of each file by its path relative to ``out``; the store, the
        stores and the lock are left out, and a saved projection (``*.sqlite``) is
        digested by its rows under the name ``FOLDER/*.sqlite``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "graph.nq").write_text("")
    ...     _ = (Path(tmp) / ".kg-lock").write_text("")
    ...     sorted(digests(Path(tmp)))
    ['graph.nq']
    """
    return {
        _key(p.relative_to(out)): _digest(p)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.relative_to(out).parts[0] not in SKIPPED
    }


def compare(rev: dict[str, str], now: dict[str, str]) -> list[str]:
    """Name the files whose digests differ between two builds.

    Parameters
    ----------
    rev, now : dict[str, str]
        The :func:`digests` of the two build directories.

    Returns
    -------
    list[str]
        The sorted names that differ, or that only one side has.

    Examples
    --------
    >>> compare({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"})
    ['b', 'c']
    """
    return [n for n in sorted(set(rev) | set(now)) if rev.get(n) != now.get(n)]


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="HEAD~1", help="the revision (default HEAD~1)")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA))
    parser.add_argument("--workers", action="append", type=int)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Build with the working tree and with the revision; return 1 when outputs differ."""
    args = _arguments(argv)
    corpora = {k: v for k, v in CORPORA.items() if k in (args.corpus or CORPORA)}
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = _export(args.rev, Path(tmp))
        for label, corpus in corpora.items():
            if not corpus.is_dir():
                continue
            for workers in args.workers or (1, 2):
                runs = {}
                for side, tree in (("rev", base), ("now", REPO)):
                    out = Path(tmp) / f"{label}-{workers}-{side}"
                    _build(tree, corpus, out, workers)
                    runs[side] = digests(out)
                names = set(runs["rev"]) | set(runs["now"])
                bad = compare(runs["rev"], runs["now"])
                differ += len(bad)
                for n in bad:
                    print(f"{label} workers={workers}: {n} differs")
                print(f"{label} workers={workers}: {len(names) - len(bad)}/{len(names)} identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
