"""The per-document budget: a document over its CPU seconds or memory is skipped, never the build.

The slow document is real extraction work (a long text without sentence
ends, whose cost grows faster than its length), run by real ``kg build``
processes, in the build's process (``-j 1``) and in worker processes.
"""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest

from kg.build.budget import Budget, OverBudget, limited
from kg.build.worker import process_one
from tests.kg.hostile_run import GOOD, kg_build

SLOW = "各党委要在3月15日前完成学习动员督导组必须加强指导" * 3000
"""78,000 characters without a sentence end: tens of CPU seconds to extract."""
LARGE = "".join(f"{i}. 各党委要认真学习第{i}项。\n" for i in range(1, 20_001))
"""20,000 enumerated requirements: over 32 MB within two CPU seconds."""


def _inputs(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-hostile.txt").write_text(text, encoding="utf-8")
    (folder / "b-good.txt").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "flags", "reason"),
    [
        (SLOW, ("--doc-timeout", "1"), "over the time budget (--doc-timeout 1 s of CPU)"),
        (LARGE, ("--doc-memory", "32"), "over the memory budget (--doc-memory 32 MB)"),
    ],
    ids=["time", "memory"],
)
@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_budget_is_skipped_and_the_next_one_built(
    tmp_path, text, flags, reason, workers
):
    run = kg_build(_inputs(tmp_path, text), "--out", tmp_path / "out", *flags, workers=workers)
    assert run.code == 1, run.err
    (warning,) = run.warnings
    assert "a-hostile.txt" in warning and reason in warning
    assert '"b-good.txt"' in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")


def test_the_budget_flags_have_defaults_in_the_help():
    from click.testing import CliRunner

    from kg.cli.main import cli

    text = CliRunner().invoke(cli, ["build", "--help"]).output
    assert "--doc-timeout SECONDS" in text and "--doc-memory MB" in text


def test_limits_are_lifted_after_a_document_over_budget():
    before = (resource.getrlimit(resource.RLIMIT_AS), signal.getsignal(signal.SIGPROF))
    result = process_one("slow.txt", SLOW.encode("utf-8"), Budget(seconds=0.3, memory_mb=64))
    assert result[1] == "skip" and "over the" in result[2]
    assert (resource.getrlimit(resource.RLIMIT_AS), signal.getsignal(signal.SIGPROF)) == before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_memory_over_budget_is_reported_as_such():
    over = pytest.raises(OverBudget, match=r"memory budget \(--doc-memory 32 MB\)")
    with over, limited(Budget(seconds=None, memory_mb=32)):
        bytearray(256 * 1024 * 1024)


def test_a_swallowed_interruption_fires_again():
    def stubborn() -> None:
        while True:
            try:
                while True:
                    pass
            except Exception:  # code that swallows errors does not swallow the budget
                continue

    with pytest.raises(OverBudget, match="time budget"), limited(Budget(0.2, None)):
        stubborn()


def test_no_budget_means_no_limit():
    with limited(None):
        data = bytearray(64 * 1024 * 1024)
    assert len(data) == 64 * 1024 * 1024
