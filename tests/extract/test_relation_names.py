"""Sub-organizations read from names (extract/relation_names.py)."""

from __future__ import annotations

import pytest

from extract.actors import actor_index
from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract
from extract.relation_names import independent, independent_keys


def suborgs(text: str) -> set[tuple[str, str]]:
    ex = extract(document_from_bytes("t.txt", text.encode()))
    return {(r.source, r.target) for r in ex.relations if r.type == "subOrganizationOf"}


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        # the parent's name inside the full name of its office
        ("市委要加强领导。中共江北市委办公室负责协调。", ("中共江北市委办公室", "市委")),
        # a fixed other name of the parent opening an organ's name
        ("中共中央政治局召开会议。党中央作出部署。", ("中共中央政治局", "党中央")),
        # members of a committee, of a team, of a body named without its 中共
        ("县纪委要加强监督，县纪委委员要带头。", ("县纪委委员", "县纪委")),
        ("学校领导班子要带头。学校领导班子成员要逐一发言。", ("学校领导班子成员", "学校领导班子")),
        (
            "中共中央政治局召开会议。中央政治局的同志要带头学习。",
            ("中央政治局的同志", "中共中央政治局"),
        ),
        # an office named by its parent's name and a head of its own
        ("县教育局要加强指导，县教育局政治处负责审核。", ("县教育局政治处", "县教育局")),
    ],
)
def test_parts_named_after_their_body(text: str, edge: tuple[str, str]) -> None:
    assert edge in suborgs(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a parent named only inside its organs' names is related to nothing
        ("本次活动由市委宣传部主办，市委党校协办。", ("市委宣传部", "市委")),
        # a coordination is no part of its first member
        ("各级党委要加强领导。各级党委政府要高度重视。", ("党委政府", "党委")),
        # 成员 belong to a team, not to a working group or a committee
        ("督导组要加强督导，督导组成员要深入基层。", ("督导组成员", "督导组")),
        ("校党委要加强领导，校党委班子成员要带头。", ("校党委班子成员", "校党委")),
        # a Party branch is no office of the government body it is named after
        ("局机关要提速，机关党总支要发挥作用。", ("机关党总支", "局机关")),
    ],
)
def test_no_part_where_the_name_says_none(text: str, absent: tuple[str, str]) -> None:
    assert absent not in suborgs(text)


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("市委宣传部要加强指导。", "市委", False),
        ("市委宣传部要加强指导。", "市委宣传部", True),
        ("市委、市政府召开会议。", "市委", True),
    ],
)
def test_independent_mention(text: str, key: str, expected: bool) -> None:
    idx = actor_index(document_from_bytes("t.txt", text.encode()))
    assert independent(idx, key) is expected
    assert (key in independent_keys(idx)) is expected


def test_independent_keys_are_the_independent_actors() -> None:
    text = "市委宣传部要加强指导。市委、市政府召开会议。区委办公室负责协调。"
    idx = actor_index(document_from_bytes("t.txt", text.encode()))
    assert independent_keys(idx) == {a.key for a in idx.actors if independent(idx, a.key)}


SIGNED = "关于召开组织生活会的通知\n{who}：\n要认真准备。\n{by}\n2021年7月5日"


@pytest.mark.parametrize(
    ("who", "by", "edge", "present"),
    [
        # the branches a committee addresses in its own notice belong to it
        ("各党支部", "中共杭州市第二中学委员会", ("党支部", "中共杭州市第二中学委员会"), True),
        # a school is no Party committee owning branches
        ("各党支部", "杭州市第二中学", ("党支部", "杭州市第二中学"), False),
        # members addressed are no branch
        ("全体党员", "中共杭州市第二中学委员会", ("党员", "中共杭州市第二中学委员会"), False),
    ],
)
def test_addressed_branches_belong_to_the_issuing_committee(
    who: str, by: str, edge: tuple[str, str], present: bool
) -> None:
    assert (edge in suborgs(SIGNED.format(who=who, by=by))) is present
