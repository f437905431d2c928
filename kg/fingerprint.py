"""Digests of the project's own source files: what a cached result was made by.

A cache (a document's extracted graph, its corrected graph) is reused only while
the digest of the code and data that made it is unchanged, so results of old code
never mix with results of new code.

Examples
--------
>>> len(code_digest(["kg/fingerprint.py"]))
16
>>> code_digest(["kg/fingerprint.py"], salt="a") == code_digest(["kg/fingerprint.py"], salt="b")
False
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The folder holding the ``kg``, ``extract`` and ``ontology`` packages."""

SUFFIXES = (".py", ".json", ".tsv", ".txt")
"""Files that count: code and the data it reads (lexicons, models)."""


def code_digest(entries: Iterable[str], *, salt: str = "", length: int = 16) -> str:
    """Hex digest of ``salt`` and of the path and bytes of every file under ``entries``.

    Parameters
    ----------
    entries : iterable of str
        Paths relative to :data:`ROOT`: a file, or a folder (every file below it whose
        suffix is in :data:`SUFFIXES`, in sorted order).
    salt : str
        Hashed first (a version string).
    length : int
        Hex digits kept.
    """
    h = hashlib.sha256(salt.encode())
    for entry in entries:
        p = ROOT / entry
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file() and f.suffix in SUFFIXES:
                h.update(str(f.relative_to(ROOT)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:length]
