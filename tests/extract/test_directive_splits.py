"""Where one directive clause ends and the next begins: bounds of a measured noun,
quotations, parallel directives. Positive and negative sentences, written for these tests."""

from __future__ import annotations

import pytest

from extract.directives import directive_units

BODY = "一、工作安排\n"


def units(text: str) -> list[str]:
    return [u.text for u in directive_units(BODY + text, every_sentence=True)][1:]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bound whose clause names the measured quantity is a directive of its own
        (
            "由评审组确定入围名单，并在网站公布，公布期不少于7天。",
            ["由评审组确定入围名单，并在网站公布", "公布期不少于7天"],
        ),
        (
            "各组提交一份调研报告，篇幅不超过3000字。",
            ["各组提交一份调研报告", "篇幅不超过3000字"],
        ),
        # a bound on the action of the same clause stays with it
        (
            "组织集中学习，时间安排在周五下午，累计不少于20个学时。",
            ["组织集中学习，时间安排在周五下午，累计不少于20个学时"],
        ),
        ("各小组集中讨论，不少于两次。", ["各小组集中讨论，不少于两次"]),
    ],
)
def test_measured_bound(text: str, expected: list[str]) -> None:
    assert units(text) == expected
