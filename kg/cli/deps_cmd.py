"""``kg deps``: what must come before a stage, step or requirement; stage order."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load, load_focus


@click.command(
    epilog="""Examples:

\b
  kg deps 整改提高 --out seeds-build
  kg deps 转段 --format md
  kg deps 001_215b0180ca01999d.txt:120-168     # a requirement, by DOC:START-END
  kg deps --order                              # stages and steps per document
"""
)
@click.argument("item", required=False)
@click.option(
    "--order",
    is_flag=True,
    help="Print a topological order of the stages and steps of each document, with cycles.",
)
@out_option
@format_option
@fatal_errors
@analysis_errors
def deps(item: str | None, order: bool, out: Path, fmt: str) -> None:
    """Everything that must come before ITEM (precedes + dependsOn, transitively), in order.

    ITEM is a stage or step label, or a requirement as DOC:START-END (or a
    piece of its text).
    """
    from kg.nx.dependencies import DEPS_COLUMNS, ORDER_COLUMNS, prerequisites, stage_order

    if order == (item is not None):
        raise click.UsageError("give either ITEM or --order")
    from kg.nx.focus import deps_graph

    if order:
        emit(stage_order(load(out)), fmt, ORDER_COLUMNS)
    else:
        G = load_focus(out, deps_graph, item)
        emit(prerequisites(G, item), fmt, DEPS_COLUMNS)  # type: ignore[arg-type]
