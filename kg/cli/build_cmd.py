"""``kg build`` and ``kg validate``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import KgError, fatal_errors, out_option, progress_enabled

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@click.command(
    epilog="""Examples:

\b
  kg build                                  # the bundled examples -> output/
  kg build ../shared/corpus/seeds --out seeds-build
  kg build speeches/ extra.html --strict
"""
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@out_option
@click.option("--strict", is_flag=True, help="Fail on the first unreadable document.")
@click.option(
    "--max-bytes",
    type=int,
    default=50 * 1024 * 1024,
    show_default=True,
    help="Skip documents larger than this.",
)
@click.option("--no-views", is_flag=True, help="Do not write graph.html and report.html.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@fatal_errors
def build(
    paths: tuple[Path, ...], out: Path, strict: bool, max_bytes: int, no_views: bool, quiet: bool
) -> None:
    """Build the knowledge graph of PATHS (files or folders; default: the bundled examples).

    Writes graph.ttl, graph.nq, graph.html, report.html, summary.md and the
    embedded store into --out. Unchanged documents are not re-extracted.
    """
    from kg.build import build as run_build

    inputs = list(paths) or [EXAMPLES_DIR]
    report = run_build(
        inputs,
        out,
        progress=progress_enabled(),
        strict=strict,
        max_bytes=max_bytes,
        views=not no_views,
        warn=lambda line: click.echo(f"kg: warning: {line}", err=True),
    )
    if not quiet:
        t = report.counts.types
        click.echo(
            f"built {report.documents} documents into {out}/ in {report.seconds:.1f} s "
            f"({report.extracted} extracted, {report.reused} unchanged, "
            f"{len(report.removed)} removed, {len(report.skipped)} skipped)"
        )
        click.echo("  " + ", ".join(f"{k} {v}" for k, v in t.items()) + f"; {report.quads} quads")
        for name, reason in report.skipped:
            click.echo(f"  skipped {name}: {reason}")
        click.echo(f"  files: {out}/graph.ttl graph.nq graph.html report.html summary.md store/")
    if report.skipped:
        raise SystemExit(1)


@click.command(
    epilog="""Examples:

\b
  kg validate
  kg validate --out seeds-build
"""
)
@out_option
@fatal_errors
def validate(out: Path) -> None:
    """Check the build in --out against the SHACL shapes (ontology/shapes.ttl)."""
    from kg.validate import validate_build

    conforms, lines = validate_build(out)
    for line in lines:
        click.echo(line)
    if not conforms:
        raise KgError(f"{out}/graph.ttl does not conform to the shapes ({len(lines)} findings)")
    click.echo(f"{out}/graph.ttl conforms to the shapes")
