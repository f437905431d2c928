"""``kg check``: consistency findings."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load
from kg.nx.consistency import FINDINGS


@click.command(
    epilog="""Examples:

\b
  kg check --out seeds-build
  kg check --only stage-order-conflict --only required-and-forbidden
  kg check --fail-on-findings --format json     # exit 1 when anything is found
"""
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(FINDINGS),
    help="Kinds of findings to look for (repeatable; default: all).",
)
@click.option("--fail-on-findings", is_flag=True, help="Exit with code 1 when there are findings.")
@out_option
@format_option
@fatal_errors
@analysis_errors
def check(only: tuple[str, ...], fail_on_findings: bool, out: Path, fmt: str) -> None:
    """Requirements without actor, deadlines before their dependencies' deadlines,
    stage transitions without approver, actions both required and forbidden,
    stages ordered oppositely by two documents.

    Findings are data: the exit code is 0 unless --fail-on-findings is given.
    """
    from kg.nx.consistency import CHECK_COLUMNS
    from kg.nx.consistency import check as run

    rows = run(load(out), only=only or FINDINGS)
    emit(rows, fmt, CHECK_COLUMNS)
    if rows and fail_on_findings:
        raise SystemExit(1)
