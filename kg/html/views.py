"""HTML views of a build (``graph.html``, ``report.html``), written by ``kg build``."""

from __future__ import annotations

from pathlib import Path

from kg.builddir import BuildDir


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
    >>> page = (d / "out" / "graph.html").read_text(encoding="utf-8")
    >>> 'id="explore-data"' in page, (d / "out" / "report.html").exists()
    (True, True)
    """
    from kg.html.graph_view import write_graph_html
    from kg.html.report import write_report_html

    build = BuildDir(out)
    write_graph_html(Path(out), build.graph_html)
    write_report_html(Path(out), build.report_html)
