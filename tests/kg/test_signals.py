"""kg.signals: worker processes started in the block ignore Ctrl-C; the parent stops them."""

from __future__ import annotations

import os

import pytest

from kg import signals


def _sleep_a_while() -> None:
    import time

    time.sleep(1.0)


@pytest.mark.parametrize("ignored", [True, False])
def test_children_started_in_the_block_ignore_ctrl_c(ignored):
    import multiprocessing
    import signal
    from contextlib import nullcontext

    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=_sleep_a_while)
    handler = signal.getsignal(signal.SIGINT)
    with signals.children_ignore_interrupts() if ignored else nullcontext():
        child.start()
    assert signal.getsignal(signal.SIGINT) is handler  # the parent's own is back
    os.kill(child.pid, signal.SIGINT)  # while it is still starting up
    child.join(30)
    assert (child.exitcode == 0) is ignored
