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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted directives one after another are one requirement each
        (
            "部长强调：“各校要压实责任，不搞形式主义”“要把工作做在平时”。",
            ["各校要压实责任，不搞形式主义", "要把工作做在平时"],
        ),
        # a run of quoted names is one clause
        (
            "要重点整治“会多文多”“层层加码”等问题。",
            ["要重点整治“会多文多”“层层加码”等问题"],
        ),
    ],
)
def test_quoted_sentences(text: str, expected: list[str]) -> None:
    found = directive_units(BODY + text, every_sentence=True)
    assert [u.text for u in found if u.cue is not None] == expected


@pytest.mark.parametrize(
    ("text", "directive"),
    [
        ("去年调研期间，书记强调“要把群众的事当作自己的事”。", "要把群众的事当作自己的事"),
        ("在座谈会上，院长指出“每个科室都要建立台账”。", "每个科室都要建立台账"),
    ],
)
def test_a_quoted_directive_spans_the_quotation(text: str, directive: str) -> None:
    found = directive_units(BODY + text, every_sentence=True)
    assert [u.text for u in found if u.cue is not None] == [directive]


def test_the_speaker_before_a_quoted_directive_is_no_directive() -> None:
    text = "近年来，书记围绕基层治理作出重要论述，强调“干部要把群众的事当作自己的事”。"
    found = {u.text: u.drop for u in directive_units(BODY + text, every_sentence=True)}
    assert found["干部要把群众的事当作自己的事"] == ""
    assert found["近年来，书记围绕基层治理作出重要论述"] == "speaker"


def test_a_quoted_slogan_is_cited_not_directed() -> None:
    found = directive_units(BODY + "活动提出“人人要争先”的口号。", every_sentence=True)
    assert all(u.cue is None for u in found)
