"""``kg matrix``: the actor x stage responsibility matrix."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load


@click.command(
    epilog="""Examples:

\b
  kg matrix --out seeds-build
  kg matrix --long --format json          # each cell with its requirements
  kg matrix --cell 督导组,学习动员          # the requirements behind one cell
"""
)
@click.option("--long", "long_", is_flag=True, help="One row per cell, with its requirements.")
@click.option("--cell", metavar="ACTOR,STAGE", help="List the requirements behind one cell.")
@out_option
@format_option
@fatal_errors
@analysis_errors
def matrix(long_: bool, cell: str | None, out: Path, fmt: str) -> None:
    """Count requirements per actor (rows) and stage (columns); "(none)": no stage."""
    from kg.nx.responsibility import WHO_COLUMNS, cell_rows, matrix_rows

    G = load(out)
    if cell is not None:
        actor, sep, stage = cell.partition(",")
        if not sep:
            raise click.BadParameter("expected ACTOR,STAGE", param_hint="--cell")
        emit(cell_rows(G, actor.strip(), stage.strip()), fmt, WHO_COLUMNS)
        return
    rows = matrix_rows(G, long=long_)
    emit(rows, fmt)
