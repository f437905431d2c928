"""Relations read from how a text directs (extract/relations_directed.py)."""

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
        # a body acting on another body's instruction
        ("根据县教育局的部署，县一中党委召开专题会议。", ("supervises", "县教育局", "县一中党委")),
        (
            "遵照区委组织部相关要求，2月3日上午，区实验中学党支部召开组织生活会。",
            ("supervises", "区委组织部", "区实验中学党支部"),
        ),
        # leadership
        (
            "在县委的统一领导下，县委督导组要加强督促检查。",
            ("supervises", "县委", "县委督导组"),
        ),
        # a causee of 引导/带领
        ("各支部要引导党员教师积极参加学习。", ("supervises", "支部", "党员教师")),
        ("支部书记带领党员重温入党誓词。", ("supervises", "支部书记", "党员")),
        # a receiver of documents
        ("各支部将报名表交给党政办李四。", ("reportsTo", "支部", "李四")),
        # members and parts named after their body
        (
            "学校领导班子要带头。学校领导班子成员要逐一发言。",
            ("subOrganizationOf", "学校领导班子成员", "学校领导班子"),
        ),
        (
            "县教育局要加强指导，县教育局政治处负责审核。",
            ("subOrganizationOf", "县教育局政治处", "县教育局"),
        ),
    ],
)
def test_directed_relations(text: str, edge: tuple[str, str, str]) -> None:
    assert edge in relations(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a spirit is no instruction, and a topic after 对 is no subject
        ("按照中央的精神，对违纪党员要严肃处理。", ("supervises", "中央", "违纪党员")),
        # a level word names no parent
        ("中央纪委要加强监督。", ("subOrganizationOf", "中央纪委", "中央")),
        # a title before a person is not the receiver
        ("各支部将报名表交给团委组织部部长李四。", ("reportsTo", "支部", "团委组织部")),
    ],
)
def test_no_relation_where_the_text_states_none(text: str, absent: tuple[str, str, str]) -> None:
    assert absent not in relations(text)


def requirement_actors(text: str) -> list[tuple[str, ...]]:
    return [r.actors for r in extract(document_from_bytes("t.txt", text.encode())).requirements]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # an actor whose work is directed is responsible with the subject
        ("各支部要引导党员教师积极参加学习。", ("支部", "党员教师")),
        ("各单位要组织全体职工集中学习。", ("单位", "职工")),
        # 特别是 coordinates two subjects
        ("领导干部特别是高级干部要带头学习。", ("领导干部", "高级干部")),
    ],
)
def test_causees_and_coordinated_subjects(text: str, actors: tuple[str, ...]) -> None:
    assert actors in requirement_actors(text)


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # the salutation of a notice binds its subjectless items
        ("关于开展读书活动的通知\n各科室：\n要组织全体人员集中学习。", ("科室",)),
        # the issuer of its own plan, without a salutation
        (
            "杭州市第二中学工作方案\n一、主要工作\n要做好集中学习。\n杭州市第二中学\n2021年3月1日",
            ("杭州市第二中学",),
        ),
        # a news report relays: no default
        ("某校召开专题会议\n会议强调，要抓好落实。", ()),
        # a notice about holding a meeting, with its salutation, is no news report
        ("关于召开专题组织生活会的通知\n各科室：\n要认真查摆问题。", ("科室",)),
        # a title run into its salutation still names the addressee
        (
            "关于组织开展全市中小学青年教师“读经典、悟思想”读书征文比赛的通知全体青年教师：\n要积极报名。",
            ("青年教师",),
        ),
    ],
)
def test_document_defaults(text: str, actors: tuple[str, ...]) -> None:
    assert actors in requirement_actors(text)
