"""``kg eval``: score a build against gold annotations."""

from __future__ import annotations

from pathlib import Path

import click

from kg.builddir import BuildDir
from kg.cli.common import emit, fatal_errors, format_option, out_option


@click.command(
    "eval",
    epilog="""Examples:

\b
  kg eval --gold ../shared/gold --out seeds-build
  kg eval --gold ../shared/gold --out seeds-build --format json
  kg eval --gold ../shared/gold/later --out later-build --errors
  kg eval --gold ../shared/gold/later --out later-build --errors --counts
""",
)
@click.option(
    "--gold",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    required=True,
    help="Folder of gold JSON files.",
)
@click.option(
    "--errors",
    is_flag=True,
    help="List, per document, the gold facts missed and the predicted facts not in gold.",
)
@click.option(
    "--counts", is_flag=True, help="With --errors: count the errors per category instead."
)
@click.option("--doc", "documents", multiple=True, help="Only this document (repeatable).")
@out_option
@format_option
@fatal_errors
def eval_(
    gold: Path, errors: bool, counts: bool, documents: tuple[str, ...], out: Path, fmt: str
) -> None:
    """Precision, recall and F1 of the build against gold, per document and overall.

    With --errors, every disagreement instead: actors, stages, steps and times missed
    or spurious; requirements missed or spurious, and for matched ones a wrong
    modality, responsible actors missed or added, a wrong deadline or quantity;
    relations missed or spurious.
    """
    if counts and not errors:
        raise click.UsageError("--counts goes with --errors")
    if errors:
        from kg.quality.gold_diff import error_counts, error_rows

        rows = error_rows(gold, BuildDir(out).root, documents)
        emit(error_counts(rows) if counts else rows, fmt)
        return
    from kg.quality.evaluate import evaluate, score_rows

    report = evaluate(gold, BuildDir(out).root, documents)
    emit(score_rows(report), fmt)
