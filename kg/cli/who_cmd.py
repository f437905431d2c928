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
  kg who 党委 --inherited --format json
"""
)
@click.argument("actor")
@click.option(
    "--include-subunits",
    is_flag=True,
    help="Also the requirements of its sub-organizations (subOrganizationOf, transitively).",
)
@click.option(
    "--inherited",
    is_flag=True,
    help="Also the requirements of generic categories it belongs to (各级党组织, 各单位...), "
    "after its own, with via = generic.",
)
@click.option("--no-generic", is_flag=True, hidden=True, help="The default (kept for scripts).")
@out_option
@format_option
@fatal_errors
@analysis_errors
def who(
    actor: str, include_subunits: bool, inherited: bool, no_generic: bool, out: Path, fmt: str
) -> None:
    """Requirements ACTOR (label, alias or kind) is responsible for, by stage and offset.

    By default only the actor's own rows (via = direct; sub-organizations'
    rows have via = subunit). With --inherited, the rows of generic
    categories that bind every organization follow (via = generic). In md
    and json output each row has a link: the reader's address of its quote
    in `kg serve` (/doc/NAME#START-END). The table shows every quote whole,
    continued on the next lines.
    """
    from kg.address import span_href
    from kg.nx.focus import who_graph
    from kg.nx.responsibility import WHO_COLUMNS
    from kg.nx.responsibility import who as run

    options = {
        "include_subunits": include_subunits,
        "include_generic": inherited and not no_generic,
    }
    rows = run(load_focus(out, who_graph, actor, **options), actor, **options)
    columns = list(WHO_COLUMNS)
    if fmt in ("md", "json"):
        for r in rows:
            r["link"] = span_href(r["document"], r["start"], r["end"])
        columns.append("link")
    emit(rows, fmt, [*columns, "actors"] if fmt == "json" else columns, wrap=True)
