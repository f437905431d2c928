"""``kg compare``: requirements shared or differing between two documents."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import emit, fatal_errors, format_option, out_option
from kg.cli.nx_common import analysis_errors, load


@click.command(
    epilog="""Examples:

\b
  kg compare 000_84104d4993cf4f96.txt 001_215b0180ca01999d.txt --out seeds-build
  kg compare 000_ 001_ --threshold 0.6 --format md     # unique parts of names
"""
)
@click.argument("doc_a")
@click.argument("doc_b")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.5,
    show_default=True,
    help="Least similarity (0..1, see above) for two requirements to match.",
)
@out_option
@format_option
@fatal_errors
@analysis_errors
def compare(doc_a: str, doc_b: str, threshold: float, out: Path, fmt: str) -> None:
    """Match DOC_A's and DOC_B's requirements that say the same thing, in any words.

    Reports shared ones (with A's quantities stricter/looser and deadline
    earlier/later than B's) and those only in A or only in B.

    \b
    similarity = (text + terms) / 2   (text alone if either has no key term)
      text:  character bigrams of the two actions (the requirement's words
             without punctuation, actors and modal cues): mean of their Dice
             overlap and their containment in each other
      terms: key terms both mention (verbs and objects such as 把关, 补课,
             转段, 合格, 上报; actor roles without jurisdiction, 区委督导组 =
             县委督导组 = 督导组; the stage when both have the same), over
             the fewer of the two; paraphrases share a term (严格把关 = 把好关,
             转入第二阶段 = 转段). The list is extract/data/key_terms.tsv.
    Matching is one to one, most similar pairs first.
    """
    from kg.nx.compare import COMPARE_COLUMNS
    from kg.nx.compare import compare as run

    emit(run(load(out), doc_a, doc_b, threshold=threshold), fmt, COMPARE_COLUMNS)
