"""``kg build`` and ``kg validate``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.build.budget import DEFAULT_MEMORY_MB, DEFAULT_SECONDS
from kg.cli.common import CommandError, fatal_errors, out_option, progress_enabled

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "corpus"
EXIT_INTERRUPTED = 130


@click.command(
    epilog="""Examples:

\b
  kg build                                  # the bundled examples -> output/
  kg build ../shared/corpus/seeds --out seeds-build
  kg build speeches/ extra.html --strict
  kg build ../shared/bench/school_site_articles.jsonl.gz --jsonl-field content --workers 2
  kg build corpus/ --dask tcp://scheduler:8786 --no-views
  kg build scraped/ --doc-timeout 30 --doc-memory 1024   # skip pathological pages sooner

\b
Exit codes:
  0    every document built
  1    built, but some documents were skipped or the views could not be
       written (each named in a warning)
  2    usage or fatal error (nothing published; the previous build is intact)
  130  interrupted (Ctrl-C or SIGTERM; the previous build is intact, the
       next run reuses the documents already extracted)
"""
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@out_option
@click.option("--strict", is_flag=True, help="Fail on the first unreadable document.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=50 * 1024 * 1024,
    show_default=True,
    help="Skip documents larger than this.",
)
@click.option(
    "--doc-timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="CPU seconds one document's extraction may take; over it, the document is skipped "
    "(0: no limit).",
)
@click.option(
    "--doc-memory",
    type=click.IntRange(min=0),
    default=DEFAULT_MEMORY_MB,
    show_default=True,
    metavar="MB",
    help="Memory one document's extraction may take; over it, the document is skipped "
    "(0: no limit).",
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (default: all cores; 1 runs in this process).",
)
@click.option(
    "--dask",
    metavar="ADDRESS",
    default=None,
    help="Extract on a Dask cluster: tcp://HOST:8786, or 'local' for a local cluster.",
)
@click.option(
    "--jsonl-field",
    default="content",
    show_default=True,
    help="Text field of JSON Lines records (.jsonl, .jsonl.gz inputs).",
)
@click.option(
    "--jsonl-id",
    default="id",
    show_default=True,
    help="Id field of JSON Lines records; documents are named FILE#ID (FILE#L<line> without it).",
)
@click.option(
    "--views/--no-views",
    default=None,
    help="Write graph.html and report.html (default: only up to 500 documents).",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@fatal_errors
def build(
    paths: tuple[Path, ...],
    out: Path,
    strict: bool,
    max_bytes: int,
    doc_timeout: float,
    doc_memory: int,
    workers: int | None,
    dask: str | None,
    jsonl_field: str,
    jsonl_id: str,
    views: bool | None,
    quiet: bool,
) -> None:
    """Build the knowledge graph of PATHS (files, folders, JSON Lines; default: the examples).

    Writes graph.ttl, graph.nq, graph.html, report.html, summary.md and the
    embedded store into --out. Unchanged documents are not re-extracted.
    Unreadable documents are skipped with a warning (--strict: an error).
    """
    from kg.signals import sigterm_as_interrupt

    inputs = list(paths) or [EXAMPLES_DIR]
    try:
        with sigterm_as_interrupt():  # before the heavy imports: they may swallow Ctrl-C
            from kg.build.budget import Budget
            from kg.build.reading import shown
            from kg.build.run import REASON_MAX
            from kg.build.run import build as run_build
            from kg.build.sources import JsonlOptions

            report = run_build(
                inputs,
                out,
                progress=progress_enabled(),
                strict=strict,
                max_bytes=max_bytes,
                views=views,
                workers=workers,
                dask=dask,
                jsonl=JsonlOptions(jsonl_field, jsonl_id),
                budget=Budget(doc_timeout or None, doc_memory or None),
                warn=lambda line: click.echo(f"kg: warning: {line}", err=True),
            )
    except KeyboardInterrupt:
        click.echo(f"kg: interrupted; the previous build in {out}/ is unchanged", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    if not quiet:
        t = report.counts.types
        click.echo(
            f"built {report.documents} documents into {out}/ in {report.seconds:.1f} s "
            f"({report.extracted} extracted, {report.reused} unchanged, "
            f"{len(report.removed)} removed, {len(report.skipped)} skipped)"
        )
        click.echo("  " + ", ".join(f"{k} {v}" for k, v in t.items()) + f"; {report.quads} quads")
        click.echo("  seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in report.phases.items()))
        for name, reason in report.skipped[:20]:
            click.echo(f"  skipped {shown(name)}: {shown(reason, REASON_MAX)}")
        if len(report.skipped) > 20:
            click.echo(f"  ... and {len(report.skipped) - 20} more skipped (see warnings)")
        if report.views_error:
            click.echo(f"  views not written: {report.views_error}")
        if report.views:
            click.echo(
                f"  files: {out}/graph.ttl graph.nq graph.html report.html summary.md store/"
            )
        else:
            click.echo(f"  files: {out}/graph.ttl graph.nq summary.md store/")
            if views is None and not report.views_error:
                click.echo(
                    f"  views not written for {report.documents} documents (--views forces them)"
                )
    if report.skipped or report.views_error:
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
    from kg.quality.validate import validate_build

    conforms, lines = validate_build(out)
    for line in lines:
        click.echo(line)
    if not conforms:
        raise CommandError(
            f"{out}/graph.ttl does not conform to the shapes ({len(lines)} findings)"
        )
    click.echo(f"{out}/graph.ttl conforms to the shapes")
