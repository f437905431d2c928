"""``kg eval``: score a build against gold annotations."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option


@click.command(
    "eval",
    epilog="""Examples:

\b
  kg eval --gold ../shared/gold --out seeds-build
  kg eval --gold ../shared/gold --out seeds-build --format json
""",
)
@click.option(
    "--gold",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    required=True,
    help="Folder of gold JSON files.",
)
@out_option
@format_option
@fatal_errors
def eval_(gold: Path, out: Path, fmt: str) -> None:
    """Precision, recall and F1 of the build against gold, per document and overall."""
    from kg.evaluate import evaluate, score_rows

    report = evaluate(gold, out / "graph.ttl")
    emit(score_rows(report), fmt)
