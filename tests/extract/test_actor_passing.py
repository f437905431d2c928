"""Actors named in passing: set phrases, titles before names, bodies only inside names."""

from __future__ import annotations

import pytest

from extract.actor_filter import passing_only
from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract


def labels(text: str) -> set[str]:
    return {a.label for a in extract(document_from_bytes("a.txt", text.encode())).actors}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("各支部要以年级为单位上报名单。", "单位"),
        ("请各支部以小组为单位组织讨论。", "单位"),
        ("各支部要结合本单位实际，做好学习安排。", "单位"),
        ("各党委要做好本部门的总结。", "部门"),
    ],
)
def test_set_phrases_name_no_actor(text: str, absent: str) -> None:
    got = labels(text)
    assert absent not in got
    assert got  # the real subject stays


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("各单位要以支部为主体组织学习。", "单位"),  # no 以X为单位
        ("本单位先进性教育活动办公室要抓好落实。", "先进性教育活动办公室"),
    ],
)
def test_heads_outside_set_phrases_stay(text: str, present: str) -> None:
    assert present in labels(text)


@pytest.mark.parametrize(
    ("text", "absent", "person"),
    [
        (  # the name is known from the list; later a title stands before it
            "校党委班子全体成员赵明、钱亮等2人参加了会议。\n校党委副书记、纪委书记钱亮立足监督责任，提出意见。",
            {"党委副书记", "纪委书记"},
            "钱亮",
        ),
        (
            "县委班子成员赵明、钱亮等2人参加了会议。\n县委副书记赵明结合分管工作作了发言。",
            {"县委副书记"},
            "赵明",
        ),
    ],
)
def test_title_before_a_known_name_is_no_actor(text: str, absent: set[str], person: str) -> None:
    got = labels(text)
    assert person in got
    assert not absent & got


def test_body_named_only_inside_a_longer_name_is_dropped() -> None:
    # 市委 only inside 市委组织部: the department acts, the committee is not named
    got = labels("各支部要按照市委组织部的要求，认真开展学习。")
    assert "市委" not in got
    assert "市委组织部" in got


@pytest.mark.parametrize(
    ("f", "rule"),
    [
        ({"share:nested": 1.0}, "nested"),
        ({"share:nested": 0.5}, None),
    ],
)
def test_nested_only_rule(f: dict[str, float], rule: str | None) -> None:
    assert passing_only(f) == rule


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a verb of attitude opening a relative clause or a compound noun
        ("各支部要着力解决群众普遍关心的热点问题。", "群众"),
        ("各支部要回应群众反映强烈的突出问题。", "群众"),
        ("今年群众满意度不断提高。", "群众"),
        ("各学校要完善教师评价体系。", "教师"),
        # 在…中: a place or a time, no agent
        ("各支部要在学生中开展主题教育。", "学生"),
        ("各单位不得在干部考察工作中隐瞒事实。", "干部"),
        # an object of a verb before it, whatever follows
        ("各单位要注意选拔年轻干部、女干部，落实培养措施。", "年轻干部"),
    ],
)
def test_lay_groups_not_at_work_are_no_actors(text: str, absent: str) -> None:
    assert absent not in labels(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("这样人民群众才会满意。", "人民群众"),
        ("复赛由现场群众投票决定。", "群众"),
        ("年轻干部要带头学习。", "年轻干部"),
        ("提任办公室的中层干部应为中共党员。", "中层干部"),
        ("要从领导干部特别是主要领导干部抓起，树立正确观念。", "主要领导干部"),
    ],
)
def test_lay_groups_at_work_stay(text: str, present: str) -> None:
    assert present in labels(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("各级党委和卫生部门党组织要履行主体责任。", "卫生部门党组织"),
        ("要加强对驻在部门机关纪委的指导。", "驻在部门机关纪委"),
        ("要督促中央金融单位抓好整改。", "中央金融单位"),
        ("县属教育系统要开展庆祝活动。", "县属教育系统"),
        ("校党委联系领导到会指导。", "校党委联系领导"),
    ],
)
def test_modifiers_join_the_name(text: str, label: str) -> None:
    assert label in labels(text)


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("各部门主要负责同志参加会议。", "部门主要负责同志", "主要负责同志"),
        ("各部门单位要抓好落实。", "部门单位", "单位"),
    ],
)
def test_department_before_people_or_units_is_no_modifier(
    text: str, absent: str, present: str
) -> None:
    got = labels(text)
    assert absent not in got
    assert present in got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("各地要创新巡视组织方式。", "巡视组"),  # 组织 is a word of its own
        ("大会审议了李某同志代表县委常委会所作的报告。", "同志代表"),  # 代表 is a verb
        ("各支部要在县委领导下开展工作。", "县委领导"),  # leadership, no leaders
        ("要深化党组织领导的校长负责制改革。", "党组织领导"),
        ("提任人员应当具有中层副职领导岗位任职经历。", "中层"),  # a rank of posts
        ("各团县委和各地融媒体中心共同协办。", "各地"),  # 各地 quantifies the centres
        ("提任人员应当具有教研组长任职经历。", "教研组"),  # a person's title
        ("各支部要认真学习《党员干部廉洁从政若干准则》。", "党员干部"),  # a title's topic
    ],
)
def test_fragments_and_frames_are_no_actors(text: str, absent: str) -> None:
    assert absent not in labels(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("巡视组要加强监督。", "巡视组"),
        ("县委领导要带头学习。", "县委领导"),
        ("各地要抓紧落实。", "各地"),
        ("各支部要贯彻《县委关于加强作风建设的意见》。", "县委"),  # the issuer of a document
        ("提任中层正职的，应当具有两年以上任职经历。", "中层正职"),
    ],
)
def test_heads_outside_fragments_and_frames_stay(text: str, present: str) -> None:
    assert present in labels(text)


def test_place_quantifier_before_a_quantified_body_is_an_actor() -> None:
    assert {"各地", "部门"} <= labels("各地各部门要抓紧落实。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("各支部要认真落实胡锦涛同志提出的要求。", "胡锦涛"),
        ("要紧紧围绕江泽民总书记提出的要求开展工作。", "江泽民"),
    ],
)
def test_known_name_before_a_title_after_a_verb(text: str, name: str) -> None:
    assert name in labels(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("各支部要传达学习省委、市委领导讲话精神。", {"省委", "市委"}),
        ("各支部要认真学习省委全会精神。", {"省委"}),
    ],
)
def test_bodies_only_studied_are_no_actors(text: str, absent: set[str]) -> None:
    got = labels(text)
    assert not absent & got
    assert "支部" in got


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("各支部要按照省委的部署抓好落实。", "省委"),
        ("各支部要学习贯彻市委关于作风建设的意见。", "市委"),
    ],
)
def test_bodies_whose_directives_are_followed_stay(text: str, present: str) -> None:
    assert present in labels(text)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("各支部要发动党员干部群众积极参与。", {"党员干部", "群众"}, {"党员干部群众"}),
        ("各支部要组织干部群众积极参与。", {"干部", "群众"}, {"干部群众"}),
    ],
)
def test_people_before_the_public_are_coordinate(
    text: str, present: set[str], absent: set[str]
) -> None:
    got = labels(text)
    assert present <= got
    assert not absent & got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("会议圆满结束。\n全体党员将以更加饱满的热情投入工作。", "党员"),
        ("会议圆满结束。\n全校教师也将继续努力。", "教师"),
    ],
)
def test_groups_only_pledging_are_no_actors(text: str, absent: str) -> None:
    assert absent not in labels(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("为做好宣讲，我市将组织开展比赛。", "我市"),  # a body announcing its work
        ("全体党员要以更加饱满的热情投入工作。", "党员"),  # a directive, no pledge
    ],
)
def test_bodies_announcing_work_and_directed_groups_stay(text: str, present: str) -> None:
    assert present in labels(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("专题研讨班昨日上午在某省委党校（行政学院）开班。", "省委党校"),
        ("全区动员大会在区委党校礼堂隆重召开。", "区委党校礼堂"),
        # bodies that only qualify the participants named after them
        (
            "各县区和市直机关有关部门、有关人民团体主要负责同志参加会议。",
            "有关部门",
        ),
    ],
)
def test_venues_and_qualifiers_of_participants_are_no_actors(text: str, absent: str) -> None:
    got = labels(text)
    assert absent not in got
    assert not any(lb.endswith("党校") for lb in got)


def test_a_school_of_the_party_at_work_stays() -> None:
    assert "县委党校" in labels("县委党校要做好培训。")


def test_participants_after_qualifying_bodies_stay() -> None:
    got = labels("市直机关有关部门、有关人民团体主要负责同志参加会议。")
    assert "主要负责同志" in got


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("学校举行党委班子民主生活会。", "党委班子"),  # 子民 is a word, the segmentation is not
        ("杭州一中举行主题党日活动。", "杭州一中"),  # nor is 中举 here
        ("县委督导组要加强指导。", "县委督导组"),
    ],
)
def test_head_before_a_word_sharing_a_character_stays(text: str, present: str) -> None:
    assert present in labels(text)


def test_bodies_qualifying_participants_through_their_departments() -> None:
    got = labels("中央和国家机关有关部门、有关人民团体主要负责同志参加会议。")
    assert "国家机关" not in got
    assert "主要负责同志" in got


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("本次推荐的参加对象为全体在职中层及以上干部。", "在职中层及以上干部"),
        ("考察对象要如实填写个人有关事项报告。", "考察对象"),
        ("发展对象要参加集中培训。", "发展对象"),
    ],
)
def test_participants_and_candidates_of_a_procedure(text: str, present: str) -> None:
    assert present in labels(text)


def test_a_verb_before_cadres_is_no_modifier() -> None:
    assert "考察干部" not in labels("各单位要加强考察干部工作。")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("各地要成立领导小组和工作机构，确保力量到位。", "工作机构"),
        ("不准超机构规格提拔干部。", "机构"),
        ("各单位要及时处理党员群众反映问题的处理情况。", "群众"),
    ],
)
def test_generic_bodies_and_relative_clauses_not_at_work(text: str, absent: str) -> None:
    assert absent not in labels(text)


def test_generic_body_at_work_stays() -> None:
    assert "机构" in labels("工作机构要及时汇总情况。")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("提任人员应当具有年段长、党支部书记、团委书记等相应岗位任职经历。", "团委书记"),
        ("提任人员一般应当具有党支部书记任职经历。", "党支部书记"),
    ],
)
def test_posts_and_experience_are_no_actors(text: str, absent: str) -> None:
    assert absent not in labels(text)


def test_a_title_at_work_stays() -> None:
    assert "党支部书记" in labels("党支部书记要带头讲党课。")


def test_two_committees_joined_by_he_are_two() -> None:
    # 和州 is a place name in the dictionary; here 和 joins two committees
    got = labels("各支部要把省委和州委的要求落到实处。")
    assert {"省委", "州委"} <= got
    assert "省委和州委" not in got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("县公安局提出了“大力加强公安机关‘四个能力’建设”的口号。各支部要认真学习。", "公安机关"),
        ("会议梳理了“工会费管理”“福利费管理”等风险点。各支部要认真整改。", "工会"),
    ],
)
def test_bodies_only_inside_short_quotations_are_dropped(text: str, absent: str) -> None:
    got = labels(text)
    assert absent not in got
    assert "支部" in got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("各支部要在加强学校基层组织建设方面作出表率。", "学校基层组织"),
        ("年底前要组织开展先进党员群众评议工作。", "先进党员"),
    ],
)
def test_topics_of_a_task_are_no_actors(text: str, absent: str) -> None:
    assert absent not in labels(text)


def test_a_body_at_work_beside_its_topic_stays() -> None:
    got = labels("学校基层组织要加强自身建设。")
    assert "学校基层组织" in got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("据该党组书记讲，这是近年来最整齐的一次会议。各支部要认真学习。", "党组书记"),
        ("这位支部书记介绍了经验。各支部要认真学习。", "支部书记"),
    ],
)
def test_a_title_pointing_to_one_person_is_no_group(text: str, absent: str) -> None:
    assert absent not in labels(text)


def test_a_title_naming_a_group_stays() -> None:
    assert "支部书记" in labels("各支部书记要带头讲党课。")
