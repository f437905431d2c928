"""The ``kg`` command: one group, thin subcommands over library functions."""

from __future__ import annotations

import importlib

import click

# name -> (module, command attribute), in help order. Each module holds thin commands.
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("kg.cli.build_cmd", "build"),
    "validate": ("kg.cli.build_cmd", "validate"),
    "eval": ("kg.cli.eval_cmd", "eval_"),
    "who": ("kg.cli.who_cmd", "who"),
    "matrix": ("kg.cli.matrix_cmd", "matrix"),
    "deps": ("kg.cli.deps_cmd", "deps"),
    "chain": ("kg.cli.chain_cmd", "chain"),
    "timeline": ("kg.cli.timeline_cmd", "timeline"),
    "hubs": ("kg.cli.hubs_cmd", "hubs"),
    "check": ("kg.cli.check_cmd", "check"),
    "compare": ("kg.cli.compare_cmd", "compare"),
    "viz": ("kg.cli.viz_cmd", "viz"),
    "report": ("kg.cli.report_cmd", "report"),
    "export": ("kg.cli.export_cmd", "export"),
    "remove": ("kg.cli.remove_cmd", "remove"),
    "corrections": ("kg.cli.corrections_cmd", "corrections"),
    "push": ("kg.cli.push_cmd", "push"),
    "query": ("kg.cli.query_cmd", "query"),
    "serve": ("kg.cli.serve_cmd", "serve"),
}


COMMAND_CUTOFF = 0.6
"""Closeness of a suggested command: English words are longer than Chinese names (kg.suggest)."""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that command is used.

    ``kg query`` then starts without NetworkX, ``kg who`` without the web
    server; ``kg --help`` still lists (and so imports) them all.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module), attr)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, with the closest commands named when there is no such one."""
        from kg.suggest import did_you_mean

        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            hint = did_you_mean(name, COMMANDS, cutoff=COMMAND_CUTOFF)
            if hint:
                ctx.fail(f"No such command {name!r}{hint}")
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: kg build examples/corpus --out output && kg validate --out output",
)
@click.version_option(package_name="campaign-kg")
def cli() -> None:
    """campaign-kg: Chinese campaign directive speeches as a knowledge graph."""


EXIT_INTERRUPTED = 130


def main() -> None:
    """Console entry point. Ctrl-C and SIGTERM exit with code 130 (click's "Aborted!" gives 1)."""
    from kg.cli.common import ONE_SHOT
    from kg.signals import sigterm_as_interrupt, was_interrupted

    with sigterm_as_interrupt():
        try:
            # The console process ends with its command: analyses may freeze what they load.
            cli(prog_name="kg", obj={ONE_SHOT: True})
        except SystemExit as e:
            code = EXIT_INTERRUPTED if was_interrupted() and e.code != 0 else e.code
            if code not in (0, None):
                _leave_without_joining_pools(code)
            raise SystemExit(code) from None


def _leave_without_joining_pools(code: int | str) -> None:
    """End a failed or interrupted command now if threads of a process pool linger.

    A process pool cancelled under load (Ctrl-C, a worker killed) can leave its
    manager thread waiting on a queue nobody reads any more, and the interpreter
    joins such threads at exit: the command would hang after its last line. By
    then every output has been replaced or left intact, so nothing is lost by
    leaving at once.
    """
    import os
    import sys
    import threading

    if any(t is not threading.main_thread() and t.is_alive() for t in threading.enumerate()):
        if not isinstance(code, int):  # SystemExit("message") prints its message
            print(code, file=sys.stderr)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
