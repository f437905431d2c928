"""Actor recognition: typing, merging, collective splits, levels, scope, persons."""

from __future__ import annotations

import pytest

from extract.actors import actor_index, find_actors
from extract.ingest.reader import document_from_bytes
from extract.records import Document, Extraction, check_spans


def _doc(text: str, encoding: str = "utf-8") -> Document:
    return document_from_bytes("t.txt", text.encode(encoding))


def _labels(text: str) -> dict[str, str]:
    return {a.label: a.type for a in find_actors(_doc(text))}


@pytest.mark.parametrize(
    ("text", "label", "type_"),
    [
        ("镇党委要抓好整改。", "镇党委", "PartyCommittee"),
        ("县委要求各党工委认真部署。", "党工委", "PartyCommittee"),
        ("主题教育领导小组要统筹安排。", "主题教育领导小组", "LeadingGroup"),
        (
            "党的群众路线教育实践活动领导小组要加强指导。",
            "党的群众路线教育实践活动领导小组",
            "LeadingGroup",
        ),
        ("党史学习教育领导小组召开会议。", "党史学习教育领导小组", "LeadingGroup"),
        ("两学一做学习教育协调小组要做好协调。", "两学一做学习教育协调小组", "LeadingGroup"),
        ("县委先教办要及时通报情况。", "县委先教办", "CampaignOffice"),
        ("市委指导三组要深入基层。", "市委指导三组", "SupervisoryGroup"),
        ("省委巡回检查组要认真检查。", "省委巡回检查组", "SupervisoryGroup"),
        ("县财政局要保障经费。", "县财政局", "GovernmentBody"),
        ("区委宣传部负责宣传报道。", "区委宣传部", "GovernmentBody"),
        ("各基层党组织要严肃组织生活。", "基层党组织", "PartyBranch"),
        ("流动党员也要参加学习。", "流动党员", "MemberGroup"),
        # an institution type before the head names one body, not two actors
        ("学校基层党组织要开展公开承诺。", "学校基层党组织", "PartyBranch"),
        ("企业基层党组织要发挥作用。", "企业基层党组织", "PartyBranch"),
        ("各学校党组织要做好结对帮扶。", "学校党组织", "PartyBranch"),
        # a level qualifier makes a distinct actor (上级党组织 is not 党组织)
        ("各支部要报上级党组织备案，接受上级党组织监督。", "上级党组织", "PartyBranch"),
        ("支部书记要带头讲党课。", "支部书记", "MemberGroup"),
        ("人民群众普遍反映良好。", "人民群众", "Public"),
    ],
)
def test_typing(text: str, label: str, type_: str) -> None:
    assert _labels(text).get(label) == type_


@pytest.mark.parametrize(
    "text",
    ["要关心教职工和学生的生活。", "我们要认真学习。", "会议在合川举行。", "领导力度不够。"],
)
def test_not_actors(text: str) -> None:
    assert find_actors(_doc(text)) == ()


@pytest.mark.parametrize(
    ("text", "label", "alias"),
    [
        ("区委督导组要深入基层。督导组要每周汇报。", "区委督导组", "督导组"),
        (
            "市委党史学习教育领导小组要研究。领导小组要督促。",
            "市委党史学习教育领导小组",
            "领导小组",
        ),
        ("州先教领导小组已作部署。州先进性教育活动领导小组还要检查。", None, "州先教领导小组"),
    ],
)
def test_generic_merges_into_specific(text: str, label: str | None, alias: str) -> None:
    actors = find_actors(_doc(text))
    assert len([a for a in actors if a.type != "PartyCommittee"]) == 1
    a = next(a for a in actors if a.type != "PartyCommittee")
    assert label is None or a.label == label
    assert alias in (a.label, *a.aliases)


def test_modified_public_is_an_alias_of_public() -> None:
    a = find_actors(_doc("职工群众普遍反映良好。"))[0]
    assert a.type == "Public" and "职工群众" in (a.label, *a.aliases)


def test_central_group_not_merged_with_generic() -> None:
    labels = _labels("中央督导组肯定了工作。各级督导组要认真履职。")
    assert "中央督导组" in labels and "督导组" in labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各党委、工委要抓好落实。", {"党委", "工委"}),
        ("各地区各部门要认真贯彻。", {"地区", "部门"}),
        ("各级党组织要高度重视。", {"党组织"}),
        ("镇乡街道要召开动员会。", {"镇", "乡", "街道"}),
        ("中央、省、市委先后发出通知。", {"中央", "省委", "市委"}),
        ("县、乡两级党委要负起责任。", {"县委", "乡党委"}),
        ("省、市委先教办提出要求。", {"省委先教办", "市委先教办"}),
    ],
)
def test_collective_split(text: str, expected: set[str]) -> None:
    assert expected <= set(_labels(text))


@pytest.mark.parametrize(
    ("text", "label"),
    [("乡镇机关要转变作风。", "乡镇机关"), ("企事业单位要认真组织。", "企事业单位")],
)
def test_shared_head_compounds_stay_single(text: str, label: str) -> None:
    assert set(_labels(text)) == {label}


@pytest.mark.parametrize(
    ("text", "label", "level", "scope", "kind"),
    [
        ("中央要求各地抓好落实。", "中央", "中央", "global", "中央"),
        ("省委作出部署。", "省委", "省", "local", "省委"),
        ("区委督导组要加强督导。", "区委督导组", "县", "local", "督导组"),
        ("双路镇党委要抓好整改。", "双路镇党委", "乡镇", "local", "党委"),
        ("党员要发挥先锋作用。", "党员", None, "global", "党员"),
        ("群众满意是标准。", "群众", None, "global", "群众"),
        ("党支部要严格管理。", "党支部", "单位", "global", "党支部"),
        ("县委先教办负责协调。", "县委先教办", "县", "local", "办公室"),
    ],
)
def test_level_scope_kind(text: str, label: str, level, scope: str, kind: str) -> None:
    a = next(a for a in find_actors(_doc(text)) if a.label == label)
    assert (a.level, a.scope, a.kind) == (level, scope, kind)


def test_jurisdictions_stay_separate() -> None:
    one = [a for a in find_actors(_doc("区委督导组要加强指导。")) if a.type != "PartyCommittee"]
    two = [a for a in find_actors(_doc("市委督导组要加强指导。")) if a.type != "PartyCommittee"]
    assert one[0].label != two[0].label
    assert one[0].kind == two[0].kind == "督导组"


def test_speaker_resolution() -> None:
    idx = actor_index(_doc("我代表区委向同志们表示感谢。我们要继续努力。"))
    assert idx.speaker == "区委"
    assert [a.label for a in idx.actors] == ["区委"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("省委书记张三丰同志作了讲话。", "张三丰", "省委书记"),
        ("李四同志联系城关镇党委。", "李四", None),
        ("市委※※书记来我县视察。", "市委书记", "市委书记"),
    ],
)
def test_persons(text: str, name: str, role: str | None) -> None:
    p = next(a for a in find_actors(_doc(text)) if a.type == "Person")
    assert (p.label, p.role) == (name, role)


@pytest.mark.parametrize("text", ["各位同志要认真学习。", "老同志要注意身体。", "同志们辛苦了。"])
def test_not_persons(text: str) -> None:
    assert not [a for a in find_actors(_doc(text)) if a.type == "Person"]


def test_traditional_input_spans_and_aliases() -> None:
    doc = _doc("各級黨組織要督促黨支部書記履行職責，縣委督導組要加強檢查。", "big5")
    actors = find_actors(doc)
    labels = {a.label for a in actors}
    assert {"党组织", "党支部书记", "县委督导组"} <= labels
    gz = next(a for a in actors if a.label == "县委督导组")
    assert "縣委督導組" in gz.aliases
    assert check_spans(Extraction(doc, actors=actors)) == []


def test_index_at_and_resolve() -> None:
    doc = _doc("各党委要抓好学习。督导组要加强检查，区委督导组负责。")
    idx = actor_index(doc)
    first = doc.text.index("。") + 1
    assert idx.at(0, first) == ("党委",)
    assert idx.resolve("督导组") == "区委督导组"
    assert idx.resolve("各党委") == "党委"
    assert idx.resolve("国务院") is None


def test_deterministic() -> None:
    text = "各党委、工委和区委督导组要督促各支部抓好学习，流动党员也要参加。"
    assert find_actors(_doc(text)) == find_actors(_doc(text))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("会议由王主任主持，李四同志、王五同志和赵六同志出席。", False),
        ("李四同志出席会议。", False),
        ("李四同志要求各支部抓好落实。", True),
    ],
)
def test_persons_only_reported_present_are_not_actors(text: str, actor: bool) -> None:
    doc = document_from_bytes("p.txt", text.encode())
    assert any(a.label == "李四" for a in actor_index(doc).actors) is actor


def test_long_list_of_names_without_a_verb_is_read() -> None:
    """A list of hundreds of names (、-separated, no 出席) once backtracked exponentially."""
    text = "参加人员：" + "、".join(["张三同志", "李四同志"] * 400) + "。"
    doc = document_from_bytes("l.txt", text.encode())
    assert {a.label for a in actor_index(doc).actors} >= {"张三", "李四"}
