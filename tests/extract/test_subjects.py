"""Who must act, in the cases where a nearer actor is the wrong answer (extract/subjects.py,
extract/requirements.py)."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract


def extraction(text: str):
    return extract(document_from_bytes("t.txt", text.encode()))


def actors_of(text: str, clause: str) -> tuple[str, ...]:
    return next(r.actors for r in extraction(text).requirements if r.span.text == clause)


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # the party ordered to make up is the one that may not move on
        (
            "一、严格转段\n县委督导组要严格把关，对学习不合格的单位，要责令补课，不得按时转段。",
            "不得按时转段",
            ("单位",),
        ),
        # the one who orders keeps the order
        (
            "一、严格转段\n县委督导组要严格把关，对学习不合格的单位，要责令补课，不得按时转段。",
            "对学习不合格的单位，要责令补课",
            ("县委督导组",),
        ),
    ],
)
def test_ordered_party_acts_after_the_order(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


def test_a_bare_role_after_its_full_form_is_the_same_actor() -> None:
    ex = extraction("督导组组长要带头参加学习。组长要统筹兼顾，抓好协调。")
    leader = next(a for a in ex.actors if a.label.endswith("组长"))
    assert len(leader.mentions) == 2


@pytest.mark.parametrize(
    ("text", "edge", "present"),
    [
        ("各支部要自觉接受群众监督。", ("supervises", "群众", "支部"), True),
        # a question-like list item has no subject of its own
        (
            "中央和省委作出部署。如何吸收群众参与，自觉接受群众监督，值得研究。",
            ("supervises", "群众", "中央"),
            False,
        ),
        # ASCII commas end the receiver of a report
        (
            "各党委转段请示报区委督导组和区委办公室,由区委督导组批复。",
            ("reportsTo", "党委", "区委办公室"),
            True,
        ),
    ],
)
def test_passive_supervision_and_reports(text: str, edge, present: bool) -> None:
    got = {(r.type, r.source, r.target) for r in extraction(text).relations}
    assert (edge in got) is present


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # a meeting's own directives bind the group that took part in it
        (
            "某校召开专题会议\n校党委班子全体成员张一、李二等5人参加了会议。会议强调，要抓好整改落实。",
            "要抓好整改落实",
            ("校党委班子成员",),
        ),
        # a subject before a colon carries to the items after it
        (
            "一、会议议程\n每位党员围绕三个方面进行检视：1.检视学习情况。2.检视履职情况。",
            "检视学习情况",
            ("党员",),
        ),
    ],
)
def test_meeting_participants_and_colon_leads(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors
