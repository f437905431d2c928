"""Reading a build's ``manifest.json``: which documents it holds and their named graphs.

The manifest is written by :func:`kg.build.publish.publish`; it maps each document name
to its content hash, cache file, graph IRI and counts.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "manifest.json").write_text('{"version": 1, "documents": {"a.txt": {}}}')
>>> sorted(read_documents(d))
['a.txt']
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kg.build.publish import MANIFEST
from kg.errors import BuildError


def read_manifest(out: Path) -> dict:
    """The whole manifest of the build in ``out``.

    Raises
    ------
    BuildError
        When ``out`` holds no build or its manifest is unreadable.
    """
    path = Path(out) / MANIFEST
    if not path.exists():
        raise BuildError(f"{path}: no build found (run `kg build --out {out}` first)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BuildError(f"{path}: unreadable manifest ({e})") from e
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise BuildError(f"{path}: not a build manifest (no documents)")
    return data


def read_documents(out: Path) -> dict[str, dict]:
    """Document name -> manifest entry of the build in ``out``, sorted by name."""
    docs = read_manifest(out)["documents"]
    return {name: docs[name] for name in sorted(docs)}


def select_documents(out: Path, names: Iterable[str] | None) -> list[str]:
    """The named documents of the build (all when ``names`` is empty), sorted.

    Raises
    ------
    BuildError
        When a name is not a document of the build.
    """
    docs = read_documents(out)
    wanted = sorted(set(names or ()))
    if not wanted:
        return list(docs)
    unknown = [n for n in wanted if n not in docs]
    if unknown:
        raise BuildError(
            f"{Path(out) / MANIFEST}: no document named {', '.join(unknown)} in this build"
        )
    return wanted
