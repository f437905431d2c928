"""``kg chain``: approval and reporting chains, and who approves stage transitions."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load_focus


@click.command(
    epilog="""Examples:

\b
  kg chain --out seeds-build                # every chain, bottom up
  kg chain 党支部 --format json              # chains from one actor, hops with quotes
  kg chain --transitions                    # who approves each stage transition (转段)
  kg chain 党支部 --across-documents         # also chains joined through shared actors
"""
)
@click.argument("actor", required=False)
@click.option("--transitions", is_flag=True, help="Who approves each stage transition.")
@click.option("--max-length", type=int, default=8, show_default=True, help="Most hops.")
@click.option("--limit", type=int, default=1000, show_default=True, help="Most chains.")
@click.option(
    "--across-documents",
    is_flag=True,
    help="Join hops stated by different documents through an actor they share "
    "(default: each chain inside one document).",
)
@out_option
@format_option
@fatal_errors
@analysis_errors
def chain(
    actor: str | None,
    transitions: bool,
    max_length: int,
    limit: int,
    across_documents: bool,
    out: Path,
    fmt: str,
) -> None:
    """Chains of reportsTo / approves / supervises upwards from ACTOR (default: all).

    A hop a -> b means a reportsTo b, b approves a, or b supervises a. Each chain
    stays inside one document unless --across-documents is given.
    """
    from kg.nx.chains import CHAIN_COLUMNS, TRANSITION_COLUMNS, chains
    from kg.nx.chains import transitions as run_transitions
    from kg.nx.focus import chain_graph

    G = load_focus(out, chain_graph)
    if transitions:
        emit(run_transitions(G), fmt, TRANSITION_COLUMNS)
        return
    rows = chains(G, actor, max_length=max_length, limit=limit, across_documents=across_documents)
    emit(rows, fmt, [*CHAIN_COLUMNS, "hops"] if fmt == "json" else CHAIN_COLUMNS)
