"""``kg corrections``: analysts' corrections (list, add, review, gold, export, import)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.cli.common import CommandError, emit, fatal_errors, format_option, out_option


def _correction_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """A bad correction or corrections file is a one-line error, as the library's others."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from kg.corrections.records import CorrectionError

        try:
            return func(*args, **kwargs)
        except CorrectionError as e:
            raise CommandError(str(e)) from e

    return fatal_errors(wrapper)


@click.group(
    epilog="""Examples:

\b
  kg corrections add modality --doc a.txt --span 0-8 --modality prohibition --author 王
  kg corrections list --format md
  kg corrections list --orphaned
  kg corrections review a.txt --author 王
  kg corrections apply
  kg corrections gold reviewed-gold/ && kg eval --gold reviewed-gold/
  kg corrections export team/corrections.jsonl
  kg corrections import team/corrections.jsonl
"""
)
def corrections() -> None:
    """Analysts' corrections: kept in --out's corrections.jsonl, applied by every build.

    A correction names a fact by document, span (or label) and kind, and says
    what changes; `kg build` applies them all after extraction, so the graph,
    store, views and exports show the corrected facts with their provenance.
    """


@corrections.command(
    "list",
    epilog="""Examples:

\b
  kg corrections list
  kg corrections list --orphaned --format csv
""",
)
@click.option("--orphaned", is_flag=True, help="Only those whose target no longer exists.")
@out_option
@format_option
@_correction_errors
def list_(orphaned: bool, out: Path, fmt: str) -> None:
    """The corrections of the build in --out, in the order they were made."""
    from kg.corrections.report import orphan_rows, rows

    if orphaned:
        emit(orphan_rows(out), fmt, ["id", "action", "target", "reason"])
    else:
        emit(rows(out), fmt, ["id", "time", "author", "action", "target", "change", "memo"])


@corrections.command(
    epilog="""Examples:

\b
  kg corrections add modality --doc a.txt --span 0-8 --modality prohibition
  kg corrections add actors.add --doc a.txt --span 0-8 --actor 党支部 --memo "见上文"
  kg corrections add deadline --doc a.txt --span 0-20 --deadline 4-9
  kg corrections add quantity --doc a.txt --span 0-20 --quantity ">=,45,学时"
  kg corrections add reject --doc a.txt --span 30-41
  kg corrections add reject --doc a.txt --relation reportsTo --from 党支部 --to 党委
  kg corrections add add.requirement --doc a.txt --span 9-20 --quote 支部要按时报送材料 \\
      --modality obligation --actor 党支部
  kg corrections add add.actor --doc a.txt --span 0-3 --quote 督导组 --label 督导组 \\
      --type SupervisoryGroup
  kg corrections add merge --doc a.txt --label 督导组 --into 区委督导组
  kg corrections add split --doc a.txt --label 督导组 --into 市委督导组 --requirement 40-60
""",
)
@click.argument("action")
@click.option("--doc", "document", required=True, help="Document name (as in the manifest).")
@click.option("--span", help="START-END of the fact (requirements, times, added facts).")
@click.option("--kind", help="Kind of fact (requirement, time, actor, relation); guessed.")
@click.option("--label", help="The actor's label (actor targets, add.actor).")
@click.option("--relation", "relation", help="Relation type (relation targets).")
@click.option("--from", "source", help="Relation source label.")
@click.option("--to", "dest", help="Relation target label.")
@click.option("--actor", "actors", multiple=True, help="An actor's label (repeatable).")
@click.option("--modality", help="obligation, prohibition, permission or exhortation.")
@click.option("--stage", help="A stage label of the document (empty clears).")
@click.option("--deadline", help="START-END of a time expression (empty clears).")
@click.option("--quantity", "quantities", multiple=True, help="COMPARATOR,VALUE,UNIT (repeatable).")
@click.option("--no-quantities", is_flag=True, help="quantity: remove them all.")
@click.option("--into", help="merge: the actor merged into; split: the new actor's label.")
@click.option("--type", "actor_type", help="Actor type (PartyCommittee, SupervisoryGroup...).")
@click.option("--quote", help="The text at --span (added facts).")
@click.option("--requirement", "requirements", multiple=True, help="split: START-END moved.")
@click.option("--author", envvar="KG_AUTHOR", help="Who corrects (default: $KG_AUTHOR, user).")
@click.option("--time", "when", help="ISO 8601 time with zone (default: now, UTC).")
@click.option("--memo", default="", help="Why.")
@out_option
@_correction_errors
def add(action: str, out: Path, **opts: Any) -> None:
    """Record one correction ACTION (one of: actors.add, actors.remove, modality, stage,
    deadline, quantity, reject, add.requirement, add.actor, add.relation, merge, split).
    """
    from kg.corrections import ledger
    from kg.corrections.cli_input import correction_from_options

    c = correction_from_options(action, opts)
    written = ledger.append(out, [c])
    click.echo(f"{c.id} {'recorded' if written else 'already recorded'} in {ledger.path(out)}")


@corrections.command(
    epilog="""Example:

\b
  kg corrections review 001_215b0180ca01999d.txt --author 王
""",
)
@click.argument("documents", nargs=-1, required=True)
@click.option("--author", envvar="KG_AUTHOR", help="Who reviewed (default: $KG_AUTHOR, user).")
@click.option("--time", "when", help="ISO 8601 time with zone (default: now, UTC).")
@click.option("--memo", default="", help="A note.")
@out_option
@_correction_errors
def review(
    documents: tuple[str, ...], author: str | None, when: str | None, memo: str, out: Path
) -> None:
    """Mark DOCUMENTS as reviewed: `kg corrections gold` writes their gold files."""
    from kg.corrections import ledger
    from kg.corrections.cli_input import correction_from_options

    made = [
        correction_from_options(
            "review", {"document": d, "author": author, "when": when, "memo": memo}
        )
        for d in documents
    ]
    n = ledger.append(out, made)
    click.echo(f"{n} documents marked reviewed in {ledger.path(out)}")


@corrections.command(
    epilog="""Example:

\b
  kg corrections gold my-gold/ --out build && kg eval --gold my-gold/ --out build
""",
)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@out_option
@_correction_errors
def gold(folder: Path, out: Path) -> None:
    """Write a gold file (DOMAIN.md section 5) into FOLDER for each reviewed document."""
    from kg.corrections.gold import write_gold

    names = write_gold(out, folder)
    click.echo(f"{len(names)} gold files written to {folder}/")


@corrections.command(
    epilog="""Examples:

\b
  kg corrections apply
  kg corrections apply --out seeds-build --no-views
""",
)
@out_option
@click.option("--no-views", is_flag=True, help="Do not rewrite graph.html and report.html.")
@_correction_errors
def apply(out: Path, no_views: bool) -> None:
    """Apply the corrections to the build in --out now, from its cache (nothing re-extracted).

    The graph files, store, projection and views are published again with the
    corrections applied; a running `kg serve` follows. Orphaned corrections are
    warned about, one line each.
    """
    from kg.build.republish import republish

    orphans = republish(out, views=False if no_views else None)
    for line in orphans:
        click.echo(f"kg: warning: orphaned correction {line}", err=True)
    click.echo(f"corrections applied to {out}/ ({len(orphans)} orphaned)")


@corrections.command(
    "export",
    epilog="""Example:

\b
  kg corrections export team/corrections.jsonl --out build
""",
)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@out_option
@_correction_errors
def export_(file: Path, out: Path) -> None:
    """Write the corrections of --out to FILE (JSON Lines, one correction a line)."""
    from kg.corrections import ledger

    n = ledger.export_file(out, file)
    click.echo(f"{n} corrections written to {file}")


@corrections.command(
    "import",
    epilog="""Example:

\b
  kg corrections import team/corrections.jsonl --out build && kg build corpus/ --out build
""",
)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@out_option
@_correction_errors
def import_(file: Path, out: Path) -> None:
    """Add the corrections of FILE that --out does not have yet (in FILE's order)."""
    from kg.corrections import ledger

    n = ledger.import_file(out, file)
    click.echo(f"{n} corrections added to {ledger.path(out)}")
