"""``kg compare``: requirements shared or differing between two documents."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load


@click.command(
    epilog="""Examples:

\b
  kg compare 000_84104d4993cf4f96.txt 001_215b0180ca01999d.txt --out seeds-build
  kg compare 000_ 001_ --threshold 0.6 --format md     # unique parts of names
"""
)
@click.argument("doc_a")
@click.argument("doc_b")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.5,
    show_default=True,
    help="Least character-bigram Jaccard similarity of actions for a match.",
)
@out_option
@format_option
@fatal_errors
@analysis_errors
def compare(doc_a: str, doc_b: str, threshold: float, out: Path, fmt: str) -> None:
    """Match DOC_A's and DOC_B's requirements by stage and similar action text.

    Reports shared ones (with A's quantities stricter/looser and deadline
    earlier/later than B's) and those only in A or only in B.
    """
    from kg.nx.compare import COMPARE_COLUMNS
    from kg.nx.compare import compare as run

    emit(run(load(out), doc_a, doc_b, threshold=threshold), fmt, COMPARE_COLUMNS)
