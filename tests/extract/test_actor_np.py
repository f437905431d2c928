"""Open-class actors (extract/actor_np.py), persons in context and actors at work."""

from __future__ import annotations

import pytest

from extract.actor_np import np_mentions
from extract.actor_person import persons
from extract.actors import find_actors
from extract.ingest.reader import document_from_bytes


def labels(text: str) -> list[str]:
    return [m.label for m in np_mentions(text)]


def actors(text: str) -> set[str]:
    return {a.label for a in find_actors(document_from_bytes("t.txt", text.encode()))}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a body named by its head and the modifiers before it
        ("按照杭州市卫生健康委的通知执行。", "杭州市卫生健康委"),
        ("材料报区教育局人事科备案。", "区教育局人事科"),
        ("中共某县第二中学委员会召开会议。", "第二中学委员会"),
        ("由学校教务处牵头。", "学校教务处"),
        ("县融媒体中心负责宣传报道。", "县融媒体中心"),
        ("市委组织部要加强指导。", "市委组织部"),
        ("区委党史学习教育领导小组办公室印发通知。", "区委党史学习教育领导小组办公室"),
        # rank and role qualifiers stay in a group's name
        ("全体科级以上干部参加学习。", "科级以上干部"),
        ("各分管领导要抓好落实。", "分管领导"),
        ("青年宣讲员要精心准备。", "青年宣讲员"),
        ("校党委理论学习中心组开展集中学习。", "校党委理论学习中心组"),
    ],
)
def test_bodies_and_groups_by_their_head(text: str, label: str) -> None:
    assert label in labels(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("要坚持以人民为中心的发展思想。", "中心"),  # a weak head needs a sector before it
        ("正确认识百年变局。", "变局"),
        ("把工作做到时时处处。", "处处"),
        ("全部材料要及时归档。", "全部"),
        ("要围绕中心工作抓好落实。", "中心"),  # a modifier of 工作, no body
        ("开展“清廉学校”建设。", "清廉学校"),  # a project named in quotes
        ("要认真评价党员的表现。", "评价党员"),  # a verb is no modifier
    ],
)
def test_no_body_where_the_head_is_no_head(text: str, absent: str) -> None:
    assert absent not in labels(text)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("会议由校党委书记、校长林一平主持。", "林一平", "校党委书记、校长"),
        ("党委委员赵小川、钱明月逐一发言。", "钱明月", None),
        ("请将表格交给团委组织部部长305班孙一鸣。", "孙一鸣", "团委组织部部长"),
        ("材料发送给办公室周晓。", "周晓", None),
        ("要把这件事做实做细。（吴可）\n下一段", "吴可", None),
        ("区委书记郑大海同志作了讲话。", "郑大海", "区委书记"),
    ],
)
def test_persons_in_context(text: str, name: str, role: str | None) -> None:
    got = {p.name: p.role for p in persons(text)}
    assert name in got and got[name] == role


@pytest.mark.parametrize(
    "text",
    [
        "成员单位要参加学习。",  # 单位 is a word, no name
        "习近平总书记强调，要抓好落实。",  # no person 强调
        "要把部署落到实处。",
    ],
)
def test_no_person_where_a_word_stands(text: str) -> None:
    names = {p.name for p in persons(text)}
    assert not names - {"习近平"}


@pytest.mark.parametrize(
    ("text", "label", "present"),
    [
        ("学生要按时到校。", "学生", True),  # lay people at work
        ("教师们要认真备课。", "教师", True),
        ("要关心学生的成长。", "学生", False),  # an object only
        ("困难党员要得到关心。", "困难党员", True),
        ("要关心困难党员。", "困难党员", True),  # Party members count as they receive the work
        ("群众普遍反映良好。", "群众", True),
        ("市委书记郑大海出席会议。", "郑大海", False),  # only reported present
        ("市委书记郑大海主持会议。", "郑大海", True),
    ],
)
def test_lay_people_and_persons_count_at_work(text: str, label: str, present: bool) -> None:
    assert (label in actors(text)) is present


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a head shared by listed levels gives one body per level
        ("由各区、县（市）委宣传部负责组织。", {"区委宣传部", "县（市）委宣传部"}),
        ("各团区、县（市）委要组织青年参加。", {"团区委", "团县（市）委"}),
        # a level with its alternatives is one level
        ("各县（市、区）教育局要做好指导。", {"县（市、区）教育局"}),
        # a campaign's name is part of its group's name
        (
            "县（市、区）所属学校党史学习教育领导小组要加强联系。",
            {"县（市、区）所属学校党史学习教育领导小组"},
        ),
    ],
)
def test_listed_levels_and_alternatives(text: str, expected: set[str]) -> None:
    assert expected <= set(labels(text))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("县委常委会的同志要带头学习。", "县委常委会的同志"),  # the members of a body
        ("市委督导组的同志要深入基层。", "市委督导组的同志"),
    ],
)
def test_members_of_a_body(text: str, label: str) -> None:
    assert label in labels(text)


def test_no_members_of_an_adjective() -> None:
    assert not [x for x in labels("年轻的同志要多学习。") if x.endswith("的同志")]


def test_sector_word_table_and_lengths() -> None:
    from extract.actor_np import _sector_word_len
    from extract.actor_np_heads import np_heads

    h = np_heads()
    table = h.sector_words[False]
    assert table["教育"] & 1 and table["育"] & 2  # a sector word and one of its suffixes
    assert _sector_word_len(h, "全市教育", False) == 2
    assert _sector_word_len(h, "要求第三", False) == 2  # an ordinal
    assert _sector_word_len(h, "要求", False) == 0
    assert _sector_word_len(h, "处级以上", True) == 4  # a rank before people


def test_name_openers_are_surnames() -> None:
    from extract.actor_person import _grammar, _name_openers

    assert {w[0] for w in _name_openers()} <= _grammar().surnames


def test_occurrences_are_leftmost_longest_and_disjoint() -> None:
    from extract.actor_person import occurrences

    assert occurrences("甲乙丙乙丙", {"乙丙", "甲乙", "丙"}) == [
        (0, "甲乙"),
        (2, "丙"),
        (3, "乙丙"),
    ]
    assert occurrences("无名", {"某某"}) == []
