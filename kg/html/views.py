"""HTML views of a build (``graph.html``, ``report.html``), written by ``kg build``."""

from __future__ import annotations

from pathlib import Path

GRAPH_HTML = "graph.html"
REPORT_HTML = "report.html"


def write_views(out: Path) -> None:
    """Write the build's HTML views (graph and report) into ``out``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kg.build.run import build
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "in").mkdir()
    >>> _ = (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
    >>> _ = build([d / "in"], d / "out", progress=False)
    >>> (d / "out" / "graph.html").stat().st_size > 100_000, (d / "out" / "report.html").exists()
    (True, True)
    """
    from kg.html.graph_view import write_graph_html
    from kg.html.report import write_report_html

    write_graph_html(Path(out), Path(out) / GRAPH_HTML)
    write_report_html(Path(out), Path(out) / REPORT_HTML)
