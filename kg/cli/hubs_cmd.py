"""``kg hubs``: actors ranked by directives, degree and betweenness."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load


@click.command(
    epilog="""Examples:

\b
  kg hubs --out seeds-build
  kg hubs --by betweenness --top 10 --format md
"""
)
@click.option(
    "--by",
    type=click.Choice(["directives", "degree", "betweenness"]),
    default="directives",
    show_default=True,
    help="Ranking measure.",
)
@click.option("--top", type=int, help="Keep the first N actors.")
@click.option(
    "--samples",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="Source nodes sampled for betweenness on graphs over 5,000 nodes.",
)
@out_option
@format_option
@fatal_errors
@analysis_errors
def hubs(by: str, top: int | None, samples: int, out: Path, fmt: str) -> None:
    """Rank actors in the responsibility/reporting graph.

    Betweenness is sampled (--samples sources, fixed seed) above 5,000 nodes.
    """
    from kg.nx.hubs import HUB_COLUMNS
    from kg.nx.hubs import hubs as run

    emit(run(load(out), by=by, top=top, samples=samples), fmt, HUB_COLUMNS)
