"""``kg viz``: write the explore page of a build, or a drawing of part of it."""

from __future__ import annotations

from pathlib import Path

import click

from kg.builddir import BuildDir
from kg.cli.common import CommandError, fatal_errors, out_option


def _types(value: str | None) -> list[str] | None:
    return [t.strip() for t in value.split(",") if t.strip()] if value else None


@click.command(
    epilog="""Examples:

\b
  kg viz                                    # output/graph.html: overview, search, expand
  kg viz --focus 督导组 --depth 2 -o duds.html
  kg viz --doc 001_215b0180ca01999d.txt --types actor,stage,requirement
  kg viz --out seeds-build -o seeds.html
"""
)
@out_option
@click.option(
    "--focus", metavar="LABEL", help="Draw the neighbourhood of this actor, stage or requirement."
)
@click.option(
    "--depth", type=click.IntRange(0, 10), default=1, show_default=True, help="Hops around --focus."
)
@click.option("--doc", metavar="NAME", help="Only what this document (file name) mentions.")
@click.option(
    "--types",
    metavar="LIST",
    help="Comma-separated node types: document,actor,stage,step,time,requirement.",
)
@click.option(
    "-o",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="HTML file to write (default: OUT/graph.html).",
)
@fatal_errors
def viz(
    out: Path,
    focus: str | None,
    depth: int,
    doc: str | None,
    types: str | None,
    output: Path | None,
) -> None:
    """Write a self-contained interactive graph view (HTML, works offline).

    Without a filter, the explore page kg build writes: it opens on an
    overview (stages and top actors); search a node, click to expand, hide
    nodes, filter relation types. With --focus, --doc or --types, a drawing
    of every node the filters keep.
    """
    from kg.html.graph_view import write_graph_html
    from kg.html.select import SelectionError

    target = output or BuildDir(out).graph_html
    try:
        write_graph_html(out, target, focus=focus, depth=depth, doc=doc, types=_types(types))
    except SelectionError as e:
        raise CommandError(str(e)) from e
    click.echo(f"wrote {target}")
