"""Round-2 rules: shared subjects of collectives, enumeration leads, duty topics,
prefix-clause subjects, school-level bodies, later campaigns' stages, month-part
deadlines. Positive and negative cases, all written for these tests."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract


def run(text: str):
    return extract(document_from_bytes("t.txt", text.encode()))


def actors_of(text: str, needle: str) -> tuple[str, ...]:
    """Responsible actors of the requirement whose span contains ``needle``."""
    ex = run(text)
    hits = [r for r in ex.requirements if needle in r.span.text]
    assert hits, [r.span.text for r in ex.requirements]
    return tuple(sorted(hits[0].actors))


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        # one collective phrase gives every member as subject
        ("市、县两级党委要切实担起主体责任。", "担起", ("县委", "市委")),
        ("省、市两级党委要加强督促检查。", "督促", ("市委", "省委")),
        # the sentence before an enumeration leads its items
        (
            "各党支部要抓好三件事。一是要组织集中学习。二是要召开专题会议。",
            "召开专题会议",
            ("党支部",),
        ),
        (
            "各基层党组织要坚持“三结合”。一是结合岗位职责。二是要结合群众期盼。",
            "结合群众期盼",
            ("基层党组织",),
        ),
        # a duty list without its own subject: the topic of the sentence before
        (
            "县委先教办负责日常工作。主要职责是：起草文件；汇总情况；联络各组。",
            "汇总情况",
            ("县委先教办",),
        ),
        # an organ opening a prefix clause is the subject
        ("各级党组织在研究整改方案时，要充分听取群众意见。", "听取", ("党组织",)),
        ("各党支部对学习中发现的问题，要及时整改。", "及时整改", ("党支部",)),
        # 希望 + 我们 + an appositive organ
        ("希望我们各级党组织认真对照检查，抓好整改。", "对照检查", ("党组织",)),
    ],
)
def test_responsible_actors(text: str, needle: str, expected: tuple[str, ...]) -> None:
    assert actors_of(text, needle) == expected


@pytest.mark.parametrize(
    ("text", "needle", "absent"),
    [
        # a topic, not the agent: …的党员，可…
        ("年纪较大的党员，要采取上门送学的方式。", "上门送学", "党员"),
        ("新社会组织中的党员，要采取灵活方式学习。", "灵活方式", "社会组织"),
        # the authority that demands is not the one that acts
        ("中央和省委要求，要把学习贯穿始终。", "贯穿始终", "省委"),
        # 自我批评 does not make the speaker the subject
        ("各支部要开好组织生活会。自我批评要深刻，不能避重就轻。", "自我批评要深刻", "我"),
    ],
)
def test_not_responsible(text: str, needle: str, absent: str) -> None:
    assert not any(absent in a for a in actors_of(text, needle))


@pytest.mark.parametrize(
    ("text", "label", "typ"),
    [
        ("学校团委要组织团员青年参加活动。", "学校团委", "PartyCommittee"),
        ("校工会要做好后勤保障。", "校工会", "GovernmentBody"),
        ("各党总支要制定学习计划。", "党总支", "PartyBranch"),
        ("以党小组为单位开展集中学习。", "党小组", "PartyBranch"),
        ("学习材料由校长办公室统一印发。", "校长办公室", "GovernmentBody"),
        ("检查情况及时报党政办。", "党政办", "GovernmentBody"),
        ("全体党员教师要按时参加学习。", "党员教师", "MemberGroup"),
        ("请于5月8日前将名单报送党委组织部。", "党委组织部", "GovernmentBody"),
    ],
)
def test_school_level_bodies(text: str, label: str, typ: str) -> None:
    assert (label, typ) in {(a.label, a.type) for a in run(text).actors}


@pytest.mark.parametrize(
    "text",
    [
        "工会会员代表大会的召开时间另行通知。",  # 工会 inside a longer name is still 工会
    ],
)
def test_school_body_inside_name(text: str) -> None:
    assert "工会" in {a.label for a in run(text).actors}


@pytest.mark.parametrize(
    ("text", "stages", "precedes"),
    [
        (
            "活动分三个环节：学习教育、听取意见；查摆问题、开展批评；整改落实、建章立制。",
            {"学习教育、听取意见", "查摆问题、开展批评", "整改落实、建章立制"},
            {
                ("学习教育、听取意见", "查摆问题、开展批评"),
                ("查摆问题、开展批评", "整改落实、建章立制"),
            },
        ),
        (
            "学习调研阶段结束后转入检视整改阶段。",
            {"学习调研", "检视整改"},
            {("学习调研", "检视整改")},
        ),
        # stages of different campaigns are never chained
        (
            "第一批的整改提高阶段已经结束，本次学习调研阶段随即启动。",
            {"整改提高", "学习调研"},
            set(),
        ),
    ],
)
def test_later_campaign_stages(text: str, stages: set, precedes: set) -> None:
    ex = run(text)
    assert {s.label for s in ex.stages} == stages
    got = {(r.source, r.target) for r in ex.relations if r.type == "precedes"}
    assert got == precedes


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("各支部要在4月底前完成自查。", "4月底前", "--04-21/--04-30"),
        ("请于10月初前上报方案。", "10月初前", "--10-01/--10-10"),
        ("整改工作12月底以前全部完成。", "12月底以前", "--12-21/--12-31"),
        ("要在7月20日前报送总结。", "7月20日前", "--07-20"),
    ],
)
def test_month_part_deadlines(text: str, surface: str, value: str) -> None:
    times = {(t.span.text, t.normalized, t.role) for t in run(text).times}
    assert (surface, value, "deadline") in times
