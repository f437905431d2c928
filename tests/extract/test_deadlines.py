"""Deadlines from the window of a stage or round, and bare years that are no deadline."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract


def deadlines(text: str) -> dict[str, str | None]:
    ex = extract(document_from_bytes("d.txt", text.encode()))
    values = {t.key: t.normalized for t in ex.times}
    return {r.span.text: values.get(r.deadline) if r.deadline else None for r in ex.requirements}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the window after a stage label governs the items up to the next stage
        (
            "第一阶段：\n4月1日至4月20日。\n各支部要组织集中学习。\n第二阶段：\n5月。\n要开展专题研讨。",
            [("各支部要组织集中学习", "--04-01/--04-20"), ("要开展专题研讨", "--05")],
        ),
        # a named stage with its window in brackets
        (
            "（1）宣传发动阶段（2018年3月）。\n各单位要制定方案。\n（2）整治阶段（4月）。",
            [("各单位要制定方案", "2018-03")],
        ),
        # an item's own time wins over its stage window
        (
            "第一阶段：4月。\n各支部要在4月15日前上报名单。",
            [("各支部要在4月15日前上报名单", "--04-15")],
        ),
        # a time label closing a section gives its window to the section's items
        (
            "（一）初赛\n各单位要组织选拔，推荐优秀选手。\n比赛时间：\n6月中旬\n（二）决赛\n选手要脱稿演讲。",
            [("各单位要组织选拔，推荐优秀选手", "--06-11/--06-20"), ("选手要脱稿演讲", None)],
        ),
        # a plan year names the activity: no deadline
        ("2018年的主题党日活动要突出实效。", [("2018年的主题党日活动要突出实效", None)]),
    ],
)
def test_window_deadlines(text: str, expected: list[tuple[str, str | None]]) -> None:
    got = deadlines(text)
    assert [(quote, got.get(quote, "missing")) for quote, _ in expected] == expected


def test_the_deadline_is_the_end_of_a_window() -> None:
    got = deadlines("各单位要自5月中旬开始，到6月底基本完成自查。")
    assert got == {"各单位要自5月中旬开始，到6月底基本完成自查": "--06-21/--06-30"}
