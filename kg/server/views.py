"""Content-Security-Policy for the build's self-contained views (``graph.html``, ``report.html``).

The views are single offline files: their scripts and styles are inline, so
the query page's ``script-src 'self'`` would block them. Each view gets a
policy that allows exactly its own inline ``<script>`` and ``<style>`` elements,
by SHA-256 hash, and nothing from anywhere else (no network at all); inline
``style`` attributes (the plots' SVG, the legend's swatches) are allowed, as
they cannot run code. The hashes are computed once per version of the file.

Examples
--------
>>> page = b"<script>go()</script><style>p{}</style><script type='application/json'>{}</script>"
>>> policy = view_policy(page)
>>> "script-src 'sha256-" in policy and "connect-src 'none'" in policy
True
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(rb"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(rb"""type\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)


def _hash(content: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii") + "'"


def view_policy(page: bytes) -> str:
    """The Content-Security-Policy allowing the inline scripts and styles of ``page``."""
    scripts = sorted(
        {_hash(m.group(2)) for m in _SCRIPT.finditer(page) if not _DATA_TYPE.search(m.group(1))}
    )
    styles = sorted({_hash(m.group(1)) for m in _STYLE.finditer(page)})
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + (" ".join(scripts) or "'none'"),
            "style-src-elem " + (" ".join(styles) or "'none'"),
            "style-src-attr 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


_CACHE: dict[str, tuple[tuple[int, int, int, int], bytes, str]] = {}


def load_view(path: Path) -> tuple[bytes, str]:
    """The bytes of the view ``path`` and their :func:`view_policy`, read together.

    The build replaces a view by renaming a new file over it, so the bytes and
    the policy always belong to one version; both are kept while the file is
    unchanged.

    Raises
    ------
    FileNotFoundError
        When the build has no such view.
    """
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        key = (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
        cached = _CACHE.get(str(path))
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        data = fh.read()
    policy = view_policy(data)
    _CACHE[str(path)] = (key, data, policy)
    return data, policy
