"""``kg report``: write the analyst report of a build."""

from __future__ import annotations

from pathlib import Path

import click

from kg.builddir import BuildDir
from kg.cli.common import fatal_errors, out_option


@click.command(
    epilog="""Examples:

\b
  kg report                                 # output/report.html
  kg report --out seeds-build -o seeds-report.html
"""
)
@out_option
@click.option(
    "-o",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="HTML file to write (default: OUT/report.html).",
)
@fatal_errors
def report(out: Path, output: Path | None) -> None:
    """Write a self-contained HTML report: counts, timeline, responsibilities, findings."""
    from kg.html.report import write_report_html

    target = output or BuildDir(out).report_html
    write_report_html(out, target)
    click.echo(f"wrote {target}")
