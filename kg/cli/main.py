"""The ``kg`` command: one group, thin subcommands over library functions."""

from __future__ import annotations

import importlib

import click

# (module, command attribute) pairs, in help order. Each module holds thin commands.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("kg.cli.build_cmd", "build"),
    ("kg.cli.build_cmd", "validate"),
    ("kg.cli.eval_cmd", "eval_"),
    ("kg.cli.who_cmd", "who"),
    ("kg.cli.matrix_cmd", "matrix"),
    ("kg.cli.deps_cmd", "deps"),
    ("kg.cli.chain_cmd", "chain"),
    ("kg.cli.timeline_cmd", "timeline"),
    ("kg.cli.hubs_cmd", "hubs"),
    ("kg.cli.check_cmd", "check"),
    ("kg.cli.compare_cmd", "compare"),
    ("kg.cli.viz_cmd", "viz"),
    ("kg.cli.report_cmd", "report"),
    ("kg.cli.export_cmd", "export"),
    ("kg.cli.remove_cmd", "remove"),
    ("kg.cli.push_cmd", "push"),
    ("kg.cli.query_cmd", "query"),
    ("kg.cli.serve_cmd", "serve"),
)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: kg build examples/corpus --out output && kg validate --out output",
)
@click.version_option(package_name="campaign-kg")
def cli() -> None:
    """campaign-kg: Chinese campaign directive speeches as a knowledge graph."""


for module, attr in COMMANDS:
    cli.add_command(getattr(importlib.import_module(module), attr))


EXIT_INTERRUPTED = 130


def main() -> None:
    """Console entry point. Ctrl-C and SIGTERM exit with code 130 (click's "Aborted!" gives 1)."""
    from kg.atomic import sigterm_as_interrupt, was_interrupted
    from kg.cli.common import ONE_SHOT

    with sigterm_as_interrupt():
        try:
            # The console process ends with its command: analyses may freeze what they load.
            cli(prog_name="kg", obj={ONE_SHOT: True})
        except SystemExit as e:
            if was_interrupted() and e.code != 0:
                raise SystemExit(EXIT_INTERRUPTED) from None
            raise
