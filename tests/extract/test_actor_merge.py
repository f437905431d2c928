"""The head of a body's label in actor merging (extract/actor_merge.py)."""

from __future__ import annotations

from extract.actor_merge import _core
from extract.lexicon import data_json


def test_core_takes_the_first_class_and_the_longest_head() -> None:
    m = data_json("actors.json")["merge"]
    assert _core("中共某县第一中学委员会", m) == ("某县第一中学", "committee")
    assert _core("委员会", m) is None  # no name before the head
    assert _core("某某", m) is None
