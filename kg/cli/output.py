"""Render tabular results as ``table``, ``csv``, ``json`` or ``md``.

Every tabular subcommand takes ``--format`` and hands its rows here.

Examples
--------
>>> print(render([{"actor": "督导组", "n": 2}], "md"))
| actor | n |
| --- | --- |
| 督导组 | 2 |
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "csv", "json", "md")
COLUMN_MAX = 60
"""Widest column of a ``table``, in display cells (a CJK character takes two)."""
_encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps would make one per call


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def render(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[str] | None = None,
    *,
    wrap: bool = False,
    width: int | None = None,
) -> str:
    """Render ``rows`` (dicts with the same keys) in format ``fmt``.

    Parameters
    ----------
    rows : sequence of dict
        The results.
    fmt : {"table", "csv", "json", "md"}
        Output format; ``json`` keeps nested values as JSON.
    columns : sequence of str, optional
        Column order (default: keys of the first row).
    wrap : bool
        In a ``table``, continue a cell wider than its column on the next
        lines instead of cutting it.
    width : int, optional
        Widest column of a ``table`` (default :data:`COLUMN_MAX` display cells).

    Examples
    --------
    >>> print(render([{"a": "x", "b": "一二三四五六"}], "table", wrap=True, width=6))
    a  b
    -  ------
    x  一二三
       四五六
    """
    cols = list(columns) if columns else (list(rows[0].keys()) if rows else [])
    if fmt == "json":
        # one row per line: readable, and json's C encoder (indent would force the slow one)
        if not rows:
            return "[]"
        lines = (_encode({c: r.get(c) for c in cols}) for r in rows)
        return "[\n" + ",\n".join(lines) + "\n]"
    table = [[_cell(r.get(c)).replace("\n", " ") for c in cols] for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        w.writerows(table)
        return buf.getvalue().rstrip("\n")
    if fmt == "md":
        esc = [[c.replace("|", "\\|") for c in row] for row in table]
        lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
        lines += ["| " + " | ".join(row) + " |" for row in esc]
        return "\n".join(lines)
    if fmt == "table":
        if not cols:
            return "(no results)"
        widths = [max([_width(c)] + [_width(row[i]) for row in table]) for i, c in enumerate(cols)]
        widths = [min(w, width or COLUMN_MAX) for w in widths]
        lines = ["  ".join(_pad(c, widths[i]) for i, c in enumerate(cols)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        for row in table:
            if wrap:
                cells = [_wrap(cell, widths[i]) for i, cell in enumerate(row)]
            else:
                cells = [[_clip(cell, widths[i])] for i, cell in enumerate(row)]
            for k in range(max(len(c) for c in cells)):
                parts = (c[k] if k < len(c) else "" for c in cells)
                lines.append("  ".join(_pad(c, widths[i]) for i, c in enumerate(parts)).rstrip())
        if not rows:
            lines.append("(no results)")
        return "\n".join(lines)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _wrap(s: str, w: int) -> list[str]:
    """``s`` in lines of at most ``w`` display cells, broken after spaces where possible."""
    lines: list[str] = []
    line, n = "", 0
    for word in s.split(" "):
        piece = word if not line else " " + word
        if n + _width(piece) <= w:
            line, n = line + piece, n + _width(piece)
            continue
        if line:
            lines.append(line)
            line, n = "", 0
        for c in word:  # a word wider than the column is broken anywhere
            if n + _width(c) > w:
                lines.append(line)
                line, n = "", 0
            line, n = line + c, n + _width(c)
    return [*lines, line] if line or not lines else lines


def _clip(s: str, w: int) -> str:
    if _width(s) <= w:
        return s
    out, n = [], 0
    for c in s:
        cw = _width(c)
        if n + cw > w - 1:
            break
        out.append(c)
        n += cw
    return "".join(out) + "…"
