"""Supervision read from instructions and leadership (extract/relation_frames.py)."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract


def relations(text: str) -> set[tuple[str, str, str]]:
    ex = extract(document_from_bytes("t.txt", text.encode()))
    return {(r.type, r.source, r.target) for r in ex.relations}


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        # the subject of the main clause after the frame
        ("根据县教育局的部署，县一中党委召开专题会议。", ("supervises", "县教育局", "县一中党委")),
        # the subject opening the frame's own clause
        ("县一中党委将严格按照县教育局文件要求实施。", ("supervises", "县教育局", "县一中党委")),
        # the subject opening the sentence, adverbial clauses passed over
        (
            "2021年县一中党委始终把廉政建设列入议事日程，遵照上级党委工作要求，结合实际，"
            "制定了工作计划。",
            ("supervises", "上级党委", "县一中党委"),
        ),
        # 我校 is the document's school
        (
            "江南中学要高度重视。根据区教育局相关要求，我校于3月5日召开专题会议。",
            ("supervises", "区教育局", "江南中学"),
        ),
        # leadership: the head of the slot leads the subject after it
        (
            "在以王大明同志为核心的市委坚强领导下，绝大多数党员干部真抓实干。",
            ("supervises", "市委", "党员干部"),
        ),
        # X对Y的领导, in a list of pairs
        ("进一步加强县委对乡镇党委和村党支部的领导。", ("supervises", "县委", "村党支部")),
        (
            "进一步加强县委对乡镇党委、县教育局对县属学校的领导。",
            ("supervises", "县委", "乡镇党委"),
        ),
        # a directed system of responsibility
        (
            "各级党委要建立健全党委统一领导、党政齐抓共管、部门各负其责的工作体制。",
            ("supervises", "党委", "部门"),
        ),
    ],
)
def test_instructions_and_leadership(text: str, edge: tuple[str, str, str]) -> None:
    assert edge in relations(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a topic before 由 is not the one who acts
        ("根据县委指导组要求，各支部的请示由各党委批复。", ("supervises", "县委指导组", "支部")),
        # a cascade of upper levels directs no one body
        ("根据中央、省委、市委的部署，县委召开专题会议。", ("supervises", "市委", "县委")),
        # a clause opened by another subject
        (
            "大家在县委的统一领导下，认真工作。县委督导组要加强督导。",
            ("supervises", "县委", "县委督导组"),
        ),
        # a person inside the slot does not lead
        (
            "在以王大明同志为核心的市委坚强领导下，绝大多数党员干部真抓实干。",
            ("supervises", "王大明", "党员干部"),
        ),
        # 对 a level of work, not a body
        ("一些单位对党支部这一层面的工作缺乏指导。", ("supervises", "单位", "党支部")),
    ],
)
def test_no_supervision_where_the_text_states_none(text: str, absent: tuple) -> None:
    assert absent not in relations(text)
