"""``kg remove``: drop documents from a build."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import fatal_errors, out_option


@click.command(
    epilog="""Examples:

\b
  kg remove 003_1b9791354c294e39.txt
  kg remove a.txt b.html --out seeds-build
"""
)
@click.argument("names", nargs=-1, required=True)
@out_option
@click.option("--no-views", is_flag=True, help="Do not rewrite graph.html and report.html.")
@fatal_errors
def remove(names: tuple[str, ...], out: Path, no_views: bool) -> None:
    """Remove the documents NAMES (file names, as in the manifest) from the build in --out.

    Their named graphs leave the store and every output; entities they share
    with other documents keep those documents' facts. Nothing is re-extracted.
    """
    from kg.build.remove import remove_documents

    report = remove_documents(out, names, views=not no_views)
    click.echo(
        f"removed {len(report.removed)} documents from {out}/ "
        f"({len(report.remaining)} remain): {', '.join(report.removed)}"
    )
