"""``kg who``: the requirements an actor is responsible for."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load_focus


@click.command(
    epilog="""Examples:

\b
  kg who 督导组 --out seeds-build
  kg who 区委 --include-subunits --format md
  kg who 党委 --no-generic --format json
"""
)
@click.argument("actor")
@click.option(
    "--include-subunits",
    is_flag=True,
    help="Also the requirements of its sub-organizations (subOrganizationOf, transitively).",
)
@click.option(
    "--no-generic",
    is_flag=True,
    help="Leave out requirements of generic categories (各级党组织, 各单位...).",
)
@out_option
@format_option
@fatal_errors
@analysis_errors
def who(actor: str, include_subunits: bool, no_generic: bool, out: Path, fmt: str) -> None:
    """Requirements ACTOR (label, alias or kind) is responsible for, by stage and offset.

    Rows of generic categories that bind every organization come after the
    actor's own (via = generic); sub-organizations' rows have via = subunit.
    """
    from kg.nx.focus import who_graph
    from kg.nx.responsibility import WHO_COLUMNS
    from kg.nx.responsibility import who as run

    options = {"include_subunits": include_subunits, "include_generic": not no_generic}
    rows = run(load_focus(out, who_graph, actor, **options), actor, **options)
    emit(rows, fmt, [*WHO_COLUMNS, "actors"] if fmt == "json" else WHO_COLUMNS)
