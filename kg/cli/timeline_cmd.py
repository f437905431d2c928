"""``kg timeline``: deadlines and schedules in date order."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load


@click.command(
    epilog="""Examples:

\b
  kg timeline --out seeds-build
  kg timeline --merged --format md
  kg timeline --role deadline --role event
"""
)
@click.option("--merged", is_flag=True, help="One timeline across documents.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice(["deadline", "schedule", "event"]),
    help="Time roles to list (repeatable; default: deadline and schedule).",
)
@out_option
@format_option
@fatal_errors
@analysis_errors
def timeline(merged: bool, roles: tuple[str, ...], out: Path, fmt: str) -> None:
    """Deadlines and schedules per document in date order, with what each applies to."""
    from kg.nx.timeline import DEFAULT_ROLES, TIMELINE_COLUMNS
    from kg.nx.timeline import timeline as run

    rows = run(load(out), merged=merged, roles=roles or DEFAULT_ROLES)
    emit(rows, fmt, TIMELINE_COLUMNS)
