"""Options and error handling shared by every ``kg`` subcommand.

Exit codes: 0 success; 1 done with warnings (some documents skipped, a check
found problems); 2 usage or fatal error.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.cli.output import FORMATS, render

DEFAULT_OUT = Path("output")
ONE_SHOT = "one_shot"
"""Key of the click context object :func:`kg.cli.main.main` sets (the process ends after it)."""

out_option = click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Build directory.",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format for tabular results.",
)


class KgError(click.ClickException):
    """A fatal error printed as one line, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # one line on stderr, no usage text
        click.echo(f"kg: error: {self.format_message()}", err=True)


def fatal_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's expected errors into one-line ``KgError``s."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from extract.ingest.reader import IngestError
        from kg.errors import BuildError, DaskUnavailable
        from kg.graph.store import StoreError

        try:
            return func(*args, **kwargs)
        except (BuildError, StoreError, IngestError, DaskUnavailable, FileNotFoundError) as e:
            raise KgError(str(e).splitlines()[0] if str(e) else type(e).__name__) from e

    return wrapper


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    """Print rows in the chosen format."""
    click.echo(render(rows, fmt, columns))


def progress_enabled() -> bool:
    """Progress bars only when stderr is a terminal."""
    return sys.stderr.isatty()
