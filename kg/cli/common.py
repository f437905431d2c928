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


class CommandError(click.ClickException):
    """A fatal error of a command printed as one line, exit code 2.

    The library's own errors (:class:`kg.errors.KgError`) become one in
    :func:`fatal_errors`; commands raise it for what only they check.
    """

    exit_code = 2

    def show(self, file=None) -> None:  # one line on stderr, no usage text
        click.echo(f"kg: error: {self.format_message()}", err=True)


def fatal_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's expected errors into one-line ``CommandError``s.

    Those are every :class:`kg.errors.KgError`, ``extract``'s ``IngestError``
    (``extract`` never imports ``kg``) and a missing file.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from extract.ingest.reader import IngestError
        from kg.errors import KgError

        try:
            return func(*args, **kwargs)
        except (KgError, IngestError, FileNotFoundError) as e:
            raise CommandError(str(e).splitlines()[0] if str(e) else type(e).__name__) from e

    return wrapper


def emit(
    rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, *, wrap: bool = False
) -> None:
    """Print rows in the chosen format (``wrap``: a table continues long cells, never cuts)."""
    click.echo(render(rows, fmt, columns, wrap=wrap))


def progress_enabled() -> bool:
    """Progress bars only when stderr is a terminal."""
    return sys.stderr.isatty()
