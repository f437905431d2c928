"""HTML views of a build (``graph.html``, ``report.html``)."""

from __future__ import annotations

from pathlib import Path


def write_views(out: Path) -> None:
    """Write the build's HTML views (graph and report) into ``out``."""
    from kg import atomic

    atomic.write_text(
        Path(out) / "graph.html", "<!doctype html><meta charset=utf-8><p>graph view pending</p>\n"
    )
    atomic.write_text(
        Path(out) / "report.html", "<!doctype html><meta charset=utf-8><p>report pending</p>\n"
    )
