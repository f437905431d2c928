"""Who must act, in the cases where a nearer actor is the wrong answer (extract/subjects.py,
extract/requirements.py)."""

from __future__ import annotations

import pytest

from extract.clauses import sentences
from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract
from extract.subjects import enumeration_run


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
        # the meeting's lead-in (会议要求：) voices the items after it
        (
            "某校召开专题会议\n校党委班子全体成员张一、李二等5人参加了会议。"
            "最后，会议要求：一要抓好整改落实；二要健全制度。",
            "二要健全制度",
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


LED = (
    "关于做好年度工作的意见\n"
    "全会指出，今年任务繁重。各级审计机关要坚持依法审计，提高审计质量。\n"
    "第一，加强预算执行审计。要聚焦重点资金，严肃查处违规问题。\n"
    "第二，深化经济责任审计。要完善审计结果运用机制。\n"
    "全会号召，要团结一心，开拓进取。\n"
)
ALONE = (
    "学校工作会议纪要\n"
    "三、下一步工作\n"
    "各党支部要继续加强沟通，形成合力。\n"
    "一要深化理论学习。\n"
    "认真研读有关文件，做好学习笔记。\n"
    "二要改进工作作风。\n"
    "深入班级调查研究，及时解决问题。\n"
)


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # the subject of the paragraph before 第一，… carries to the items and their bodies
        (LED, "加强预算执行审计", ("审计机关",)),
        (LED, "要聚焦重点资金，严肃查处违规问题", ("审计机关",)),
        (LED, "要完善审计结果运用机制", ("审计机关",)),
        # the enumeration over, the subject does not carry on
        (LED, "要团结一心，开拓进取", ()),
        # items standing alone on their lines: the paragraphs after them are their bodies
        (ALONE, "一要深化理论学习", ("党支部",)),
        (ALONE, "认真研读有关文件，做好学习笔记", ("党支部",)),
        (ALONE, "深入班级调查研究，及时解决问题", ("党支部",)),
    ],
)
def test_a_subject_before_an_enumeration_leads_its_items(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


def test_only_a_first_item_opens_an_enumeration_run() -> None:
    # the last sentence of item 一's body does not lead item 二
    text = "一、工作要求\n（一）抓好学习。\n各支部要认真组织学习。\n（二）抓好整改。\n要边改。\n"
    ss = sentences(text)
    assert ss[2].text == "各支部要认真组织学习。"
    assert enumeration_run(ss, 2) == range(0)
    assert list(enumeration_run(ss, 0)) == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # a chained causative (引导督促) directs the work of the actors after it
        (
            "各级党委要引导督促党员、干部认真学习党章。",
            "各级党委要引导督促党员、干部认真学习党章",
            ("党委", "党员", "干部"),
        ),
        # 全党特别是X: the named part of the whole is directed
        (
            "领导干部要带头学习。这次学习就是要推动全党特别是领导干部提高政治能力。",
            "这次学习就是要推动全党特别是领导干部提高政治能力",
            ("领导干部",),
        ),
        # a supervisor's 督促 alone directs no work of the supervised
        (
            "督导组要协助督促各单位制定学习计划。",
            "督导组要协助督促各单位制定学习计划",
            ("督导组",),
        ),
    ],
)
def test_directed_actors_are_responsible(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # …，确保X states what the directive before must achieve: the same actors,
        # the directed ones included
        (
            "各支部要引导督促党员认真学习，确保学习不走过场。",
            "确保学习不走过场",
            ("支部", "党员"),
        ),
        # a goal clause with a subject of its own keeps it
        (
            "各支部要组织好学习，督导组要确保学习不走过场。",
            "督导组要确保学习不走过场",
            ("督导组",),
        ),
    ],
)
def test_a_goal_clause_has_the_actors_of_its_directive(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


CARRY = (
    "关于举办读书活动的通知\n"
    "三、活动安排\n"
    "入围决赛的选手通过抽签确定出场顺序。各选手要围绕主题自选篇目。朗读时间不超过5分钟，超时扣分。\n"
    "评审结束后公布名单，不再另行通知。\n"
)


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # the subject of a sentence carries to the next sentences of its paragraph
        (CARRY, "朗读时间不超过5分钟，超时扣分", ("选手",)),
        # but not into the next paragraph
        (CARRY, "评审结束后公布名单，不再另行通知", ()),
    ],
)
def test_a_subject_carries_through_its_paragraph(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


AGENDA = (
    "七月专题组织生活会通知\n各支部：\n一、会议议程\n（一）重温入党誓词；\n"
    "（二）开展党章专题学习；\n（三）支部书记要报告半年来支部工作情况。\n"
)


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # a heading takes no subject from the next heading of its rank
        (AGENDA, "开展党章专题学习", ("支部",)),
        (AGENDA, "支部书记要报告半年来支部工作情况", ("支部书记",)),
    ],
)
def test_a_heading_does_not_borrow_its_siblings_subject(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # X的Y要…: the head Y acts, X only says whose
        ("各教研组的青年教师要积极参加培训。", "各教研组的青年教师要积极参加培训", ("青年教师",)),
        # X的 + a thing: X stays the subject
        ("各支部的学习计划要报党委备案。", "各支部的学习计划要报党委备案", ("支部",)),
    ],
)
def test_the_head_of_a_possessive_subject_acts(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # the subject of a clause that is no directive itself carries to the one after it
        (
            "学校工作方案\n一、工作程序\n1.动议：党政办公室在充分酝酿的基础上形成工作方案，"
            "同时填写审核表，报教育局审核。",
            "同时填写审核表，报教育局审核",
            ("党政办公室",),
        ),
    ],
)
def test_a_subject_carries_from_a_clause_that_is_no_directive(
    text: str, clause: str, actors
) -> None:
    assert actors_of(text, clause) == actors


def test_the_actor_before_qing_is_asked_to_act() -> None:
    # X请于…前…: in a notice, the party named before 请 acts, not the addressee
    text = "关于报送名单的通知\n全体教师：\n各支部请于9月6日前报送参赛名单。"
    assert actors_of(text, "各支部请于9月6日前报送参赛名单") == ("支部",)


QUOTED = (
    "学习心得\n"
    "他在县里工作期间，要求“各支部的工作都必须服从大局”；在市里工作期间，倡导节约精神，"
    "不搞形式主义。\n"
)


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # a subject inside a quotation does not carry past its closing mark
        (QUOTED, "不搞形式主义", ()),
    ],
)
def test_a_quoted_subject_stays_in_its_quotation(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # a group opening the clause before the modal is its subject
        (
            "党员干部做事情、干工作，要做到有利于群众。",
            "党员干部做事情、干工作，要做到有利于群众",
            ("党员干部",),
        ),
    ],
)
def test_a_group_opening_the_sentence_is_its_subject(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # the agent after a passive 由 acts, not the topic before it
        ("各支部要认真学习。整改方案须由党委审定。", "整改方案须由党委审定", ("党委",)),
        (
            "各支部要抓好学习。活动经费由各党委、工委负责解决。",
            "活动经费由各党委、工委负责解决",
            ("党委", "工委"),
        ),
        # alternatives joined by 或 are all agents; the partner after 与 is not
        (
            "各支部要抓好学习。人选由党委书记或分管领导与本人谈话确定，不得由他人代替。",
            "人选由党委书记或分管领导与本人谈话确定，不得由他人代替",
            ("党委书记", "分管领导"),
        ),
        # the agent does not carry to the next directive
        (
            "各支部要认真学习，学习材料须由党委审核。要按时上报学习记录。",
            "要按时上报学习记录",
            ("支部",),
        ),
        # what a body is made of names no agent
        (
            "各支部要认真学习。工作组由党委委员组成，要加强指导。",
            "工作组由党委委员组成，要加强指导",
            ("支部",),
        ),
        # 由于 is a cause, not an agent
        ("由于时间紧，各支部要抓紧学习。", "由于时间紧，各支部要抓紧学习", ("支部",)),
    ],
)
def test_a_passive_agent_acts_in_its_directive(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # 让X满意 states an effect on X, not work directed to X
        ("各支部要改进作风，让群众感到满意。", "各支部要改进作风，让群众感到满意", ("支部",)),
        # 引导X做Y directs X's work: X acts with the subject
        (
            "各支部要改进作风，引导党员立足岗位作贡献。",
            "各支部要改进作风，引导党员立足岗位作贡献",
            ("支部", "党员"),
        ),
        # a count or a qualifying clause may stand between the verb and the directed
        (
            "各支部要发动至少两名符合条件的党员教师参加比赛。",
            "各支部要发动至少两名符合条件的党员教师参加比赛",
            ("支部", "党员教师"),
        ),
        ("各支部要组织3名党员参加培训。", "各支部要组织3名党员参加培训", ("支部", "党员")),
        # ... but not another verb (组织召开…的会议 directs no one)
        ("各支部要组织召开学校的党员大会。", "各支部要组织召开学校的党员大会", ("支部",)),
        # the owner of the object (推动X关于…的部署, 推动X的…) is not directed
        (
            "各支部要推动党委关于整改的部署落到实处。",
            "各支部要推动党委关于整改的部署落到实处",
            ("支部",),
        ),
        ("各支部要推动党员干部的作风转变。", "各支部要推动党员干部的作风转变", ("支部",)),
        (
            "各支部要推动党员干部转变作风。",
            "各支部要推动党员干部转变作风",
            ("支部", "党员干部"),
        ),
        # a purpose clause before the modal (对于推动X…具有重要作用) names no subject
        (
            "实践证明，对于推动党员树立正确观念具有重要作用，要善于运用这一方法。",
            "实践证明，对于推动党员树立正确观念具有重要作用，要善于运用这一方法",
            (),
        ),
        # 对于X，要…: X is the topic that must act
        ("对于各支部，要加强指导。", "对于各支部，要加强指导", ("支部",)),
    ],
)
def test_directed_and_topical_actors(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


START = "要从党员干部特别是领导干部抓起，树立正确导向，杜绝形式主义。要加强监督检查。"


@pytest.mark.parametrize(
    ("clause", "actors"),
    [
        # 要从X抓起: X is where the directive starts, so X acts
        ("要从党员干部特别是领导干部抓起，树立正确导向", ("党员干部", "领导干部")),
        # ... to the end of its sentence
        ("杜绝形式主义", ("党员干部", "领导干部")),
        # ... and no further
        ("要加强监督检查", ()),
    ],
)
def test_the_actors_a_directive_starts_with_act(clause: str, actors) -> None:
    assert actors_of(START, clause) == actors


AGENDA = (
    "关于召开组织生活会的通知\n各科室：\n一、会议议程\n"
    "（一）会上，党支部书记报告支部工作情况。\n（二）会后，认真梳理问题清单。\n"
)


@pytest.mark.parametrize(
    ("clause", "actors"),
    [
        # an agenda item names its actor after a short adverbial (会上，X报告…)
        ("会上，党支部书记报告支部工作情况", ("党支部书记",)),
        # without one the salutation binds it
        ("会后，认真梳理问题清单", ("科室",)),
    ],
)
def test_a_subject_after_a_short_adverbial(clause: str, actors) -> None:
    assert actors_of(AGENDA, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # a cited directive (its span inside the quotation marks) keeps the subject
        # stated inside its quotation
        (
            "总书记强调：“各级党委和政府一定要勇于担当，奋发有为。”",
            "各级党委和政府一定要勇于担当，奋发有为",
            ("党委", "政府"),
        ),
        (
            "总书记强调：“面对新任务，各级党委一定要勇于担当，奋发有为。”",
            "面对新任务，各级党委一定要勇于担当，奋发有为",
            ("党委",),
        ),
        # a quotation without a subject gives none
        (
            "总书记强调：“面对新任务，一定要勇于担当，奋发有为。”",
            "面对新任务，一定要勇于担当，奋发有为",
            (),
        ),
    ],
)
def test_a_quoted_directive_keeps_its_own_subject(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # a level quantifier (各级) before the named body does not hide it
        ("希望各级各部门在学习上有所创新。", "希望各级各部门在学习上有所创新", ("部门",)),
        # without a body after 希望 there is no subject
        ("希望大家在学习上有所创新。", "希望大家在学习上有所创新", ()),
    ],
)
def test_the_body_after_xiwang_is_its_subject(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


PHASES = (
    "一、工作安排\n（一）开展主题活动。\n"
    "今年上半年要围绕建党纪念开展活动。各单位要分两个阶段开展学习。\n"
    "第一阶段：\n3月至4月。\n要组织集中学习。\n"
    "第二阶段：\n5月至6月。\n要抓好整改。\n"
    "（二）开展专题宣传。\n要广泛宣传先进典型。\n"
)


@pytest.mark.parametrize(
    ("clause", "actors"),
    [
        # a subject announcing numbered phases leads the phases' bodies
        ("要组织集中学习", ("单位",)),
        ("要抓好整改", ("单位",)),
        # ... up to the next heading of a higher rank
        ("要广泛宣传先进典型", ()),
    ],
)
def test_a_subject_leads_the_phases_it_announces(clause: str, actors) -> None:
    assert actors_of(PHASES, clause) == actors


@pytest.mark.parametrize(
    ("clause", "actors"),
    [
        # 要坚持X带头: X is put in the lead, so X acts
        ("要坚持领导干部带头，充分发挥表率作用", ("领导干部",)),
        # 要坚持 with no actor keeps the carried subject
        ("要坚持问题导向，抓好整改", ("单位",)),
    ],
)
def test_the_actors_put_in_the_lead_act(clause: str, actors) -> None:
    text = "各单位要抓好学习。要坚持领导干部带头，充分发挥表率作用。要坚持问题导向，抓好整改。"
    assert actors_of(text, clause) == actors


PART = "各部门各单位要确保学习时间，其中各单位集中学习不得少于3天。要做好查漏补缺。"


@pytest.mark.parametrize(
    ("clause", "actors"),
    [
        # 其中X…: the part's own subject holds in its clause
        ("其中各单位集中学习不得少于3天", ("单位",)),
        # ... and the whole's subject carries on after it
        ("要做好查漏补缺", ("部门", "单位")),
    ],
)
def test_a_part_subject_does_not_carry(clause: str, actors) -> None:
    assert actors_of(PART, clause) == actors


RELAYED = (
    "关于组织开展读书征文比赛的通知\n全体教师：\n"
    "为深入学习党的理论，我市将组织开展读书征文比赛。现将有关事项通知如下：\n"
    "一、比赛安排\n围绕主题组织初赛，确定进入决赛的人选。\n"
    "二、相关要求\n欢迎全体教师积极报名参加。\n"
)
OWN = RELAYED.replace("我市将组织开展读书征文比赛。", "")
SCHOOL = RELAYED.replace("我市将", "学校党委将")


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # the body a preamble says will run the event carries to its arrangements
        (RELAYED, "围绕主题组织初赛，确定进入决赛的人选", ("我市",)),
        # without one the salutation binds them
        (OWN, "围绕主题组织初赛，确定进入决赛的人选", ("教师",)),
        # the school's own body running it is the notice's own work: the salutation binds
        (SCHOOL, "围绕主题组织初赛，确定进入决赛的人选", ("教师",)),
        # 欢迎X…: the invited act
        (RELAYED, "欢迎全体教师积极报名参加", ("教师",)),
    ],
)
def test_a_preamble_organiser_leads_the_arrangements(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    ("text", "clause", "actors"),
    [
        # 作为X，要…: the role named before the modal acts
        (
            "各单位要抓好学习。作为开展活动的领导骨干和督导组，一定要抓紧学习。",
            "作为开展活动的领导骨干和督导组，一定要抓紧学习",
            ("领导骨干", "督导组"),
        ),
        (
            "他指出：“做支部书记，就要做让党员信服的支部书记。”",
            "做支部书记，就要做让党员信服的支部书记",
            ("支部书记",),
        ),
        # 做好X工作 is a task, not a role
        (
            "各单位要抓好学习。做好党员教育工作，要突出重点。",
            "做好党员教育工作，要突出重点",
            ("单位",),
        ),
    ],
)
def test_the_role_named_by_zuowei_acts(text: str, clause: str, actors) -> None:
    assert actors_of(text, clause) == actors


@pytest.mark.parametrize(
    "text",
    [
        "学校组织全体党员进行培训。",
        "县委召开全县党员干部大会。",
        "各单位要抓好学习。",
        "对教师进行了培训。",
    ],
)
def test_the_prefiltered_audience_pattern_finds_what_the_pattern_finds(text: str) -> None:
    from extract.lexicon import regex_table
    from extract.subjects import _audience_sentence

    rx, fast_rx = regex_table("requirements.json")["audience_sentence"], _audience_sentence()
    want, got = rx.search(text), fast_rx.search(text)
    assert (want and want.span("who")) == (got and got.span("who"))
