"""Relations: one parametrized table per rule family, positive and negative."""

from __future__ import annotations

import pytest

from extract.actors import actor_index
from extract.ingest.reader import document_from_bytes
from extract.phases import find_phases
from extract.records import Extraction, Phase, check_spans
from extract.relations import find_relations


def _rels(text: str, encoding: str = "utf-8") -> set[tuple[str, str, str]]:
    doc = document_from_bytes("t.txt", text.encode(encoding))
    found: dict[tuple[str, str], list] = {}
    for p in find_phases(doc.text):
        found.setdefault((p.kind, p.label), []).append(doc.span(p.start, p.end))
    stages = [Phase(lb, "stage", tuple(v)) for (k, lb), v in sorted(found.items()) if k == "stage"]
    steps = [Phase(lb, "step", tuple(v)) for (k, lb), v in sorted(found.items()) if k == "step"]
    rels = find_relations(doc, actor_index(doc), stages, steps)
    assert check_spans(Extraction(doc, relations=rels)) == []
    assert all(r.evidence is not None and r.prov.rule.startswith("rel.") for r in rels)
    return {(r.type, r.source, r.target) for r in rels}


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        ("区委高度重视。区委督导组要加强指导。", ("subOrganizationOf", "区委督导组", "区委")),
        ("按照市委部署，市委指导四组要深入调研。", ("subOrganizationOf", "市委指导四组", "市委")),
        ("县委组织部负责协调，县委负总责。", ("subOrganizationOf", "县委组织部", "县委")),
        (
            "县委先教办要通报，先教办要督促，先教办指导协调组要汇总。",
            ("subOrganizationOf", "先教办指导协调组", "县委先教办"),
        ),
        (
            "巡视组是省委主题教育领导小组派出的。",
            ("subOrganizationOf", "巡视组", "省委主题教育领导小组"),
        ),
        (
            "各单位普遍成立了党史学习教育领导小组。",
            ("subOrganizationOf", "党史学习教育领导小组", "单位"),
        ),
    ],
)
def test_suborganization(text: str, edge: tuple[str, str, str]) -> None:
    assert edge in _rels(text)


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        (
            "各支部的请示由各党工委批复，并报区委督导组备案。",
            {
                ("reportsTo", "支部", "党工委"),
                ("approves", "党工委", "支部"),
                ("reportsTo", "党工委", "区委督导组"),
            },
        ),
        (
            "各党委的请示报县委督导组，由督导组批复。",
            {("reportsTo", "党委", "县委督导组"), ("approves", "县委督导组", "党委")},
        ),
        ("督导组要及时向县委领导小组汇报工作。", {("reportsTo", "督导组", "县委领导小组")}),
        ("各单位的方案要报县委办公室备案。", {("reportsTo", "单位", "县委办公室")}),
        ("县委要求各单位报送材料。", set()),
    ],
)
def test_reports_and_approves(text: str, edges: set) -> None:
    got = _rels(text)
    assert edges <= got
    if not edges:
        assert not {e for e in got if e[0] in {"reportsTo", "approves"}}


@pytest.mark.parametrize(
    ("text", "edge", "present"),
    [
        ("巡回督导组要督促各党委抓好整改。", ("supervises", "巡回督导组", "党委"), True),
        ("县委督导组要协助党组做好工作。", ("supervises", "县委督导组", "党组"), True),
        (
            "我代表区委讲几点意见。具体是我联系城关镇党委。",
            ("supervises", "区委", "城关镇党委"),
            True,
        ),
        ("王五同志联系教育党工委。", ("supervises", "王五", "教育党工委"), True),
        ("村党支部要自觉接受群众监督。", ("supervises", "群众", "村党支部"), True),
        ("督导组要深入所督导的单位。", ("supervises", "督导组", "所督导的单位"), True),
        ("各单位要帮助群众解决困难。", ("supervises", "单位", "群众"), False),
        ("督导组要向领导小组汇报。", ("supervises", "督导组", "领导小组"), False),
        ("党员干部要加强联系群众。", ("supervises", "党员干部", "群众"), False),
    ],
)
def test_supervises(text: str, edge: tuple[str, str, str], present: bool) -> None:
    assert (edge in _rels(text)) is present


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        (
            "学习动员阶段结束后进入分析评议阶段，最后是整改提高阶段。",
            {("precedes", "学习动员", "分析评议"), ("precedes", "分析评议", "整改提高")},
        ),
        (
            "在认真开展“回头看”的基础上，召开转段分析会，研究是否可以转段。",
            {
                ("precedes", "回头看", "转段分析会"),
                ("precedes", "转段分析会", "转段"),
                ("dependsOn", "转段分析会", "回头看"),
                ("dependsOn", "转段", "转段分析会"),
            },
        ),
        (
            "“领导讲”环节已结束，正在进行“专家讲”、“典型讲”。",
            {("precedes", "领导讲", "专家讲"), ("precedes", "领导讲", "典型讲")},
        ),
        ("准备工作不充分的，不要急于启动学习动员。", {("dependsOn", "学习动员", "准备")}),
    ],
)
def test_phase_order(text: str, edges: set) -> None:
    assert edges <= _rels(text)


def test_parallel_steps_are_not_ordered() -> None:
    got = _rels("在“自己讲”环节上要联系实际；在“大讨论”环节上要突出特点。")
    assert ("precedes", "自己讲", "大讨论") not in got


def test_traditional_input() -> None:
    got = _rels("各支部的請示由各黨委批復，並報區委督導組備案。區委要加強領導。", "big5")
    assert ("approves", "党委", "支部") in got
    assert ("subOrganizationOf", "区委督导组", "区委") in got


def test_sorted_and_deterministic() -> None:
    text = "各支部的请示由各党委批复，并报区委督导组备案。区委督导组要督促各党委。"
    doc = document_from_bytes("t.txt", text.encode())
    a = find_relations(doc, actor_index(doc))
    assert a == find_relations(doc, actor_index(doc))
    assert list(a) == sorted(
        a, key=lambda r: (r.type, r.source_kind, r.source, r.target_kind, r.target)
    )


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        # 由X决定…，并报Y批准: the deciding body is the one that asks
        (
            "劝而不改的，由支部大会决定处理，并报上级团委批准。",
            {("reportsTo", "支部大会", "团委"), ("approves", "团委", "支部大会")},
        ),
        # 报X审核: a submission (a review is no consent, tests/extract/test_approval_chains.py)
        (
            "学校党政办公室拟定方案，报县教育局人事科审核。",
            {("reportsTo", "学校党政办公室", "县教育局人事科")},
        ),
        # a subject after a time word of a meeting (会后，X…)
        (
            "（二）会后，各支部要制定整改措施，整改情况报学校党委。",
            {("reportsTo", "支部", "学校党委")},
        ),
        # an upper body of any type receives what is filed with it
        ("各支部建立工作台账，并报上级党组织备案。", {("reportsTo", "支部", "上级党组织")}),
        # an office and its staff member named together both receive
        (
            "各支部将报名表发送给党政办李四。",
            {("reportsTo", "支部", "党政办"), ("reportsTo", "支部", "李四")},
        ),
    ],
)
def test_submissions_and_approvals(text: str, edges: set) -> None:
    assert edges <= _rels(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a decision is no approval of anyone
        ("镇政府拟定方案，由镇党委研究决定。", ("approves", "镇党委", "镇政府")),
        # a form's name (审批表) approves nothing
        ("镇党委将方案连同干部任免审批表等，报送县教育局。", ("approves", "镇党委", "县教育局")),
        # 报名 is no report
        ("各支部将报名表交给团委组织部部长李四。", ("reportsTo", "支部", "团委组织部")),
    ],
)
def test_no_submission_where_the_text_states_none(text: str, absent: tuple) -> None:
    assert absent not in _rels(text)


@pytest.mark.parametrize(
    ("text", "edges", "absent"),
    [
        # 对X特别是“Y”和Z的监督: X, Y and Z are supervised; the one named last leads no one
        (
            "乡镇党委要落实主体责任，加强对“关键少数”特别是“一把手”和领导班子的监督。",
            {("supervises", "乡镇党委", "一把手"), ("supervises", "乡镇党委", "领导班子")},
            ("supervises", "领导班子", "一把手"),
        ),
        # a clause ending in 监督 after 对 takes no object from the next clause
        (
            "县纪委要加强对换届纪律的监督，坚持党管干部原则。",
            set(),
            ("supervises", "县纪委", "干部"),
        ),
        # a speaker's words carry to no later sentence
        (
            "王大明强调，要加强监督。紧紧围绕中心工作，强化对领导班子的日常监督。",
            set(),
            ("supervises", "王大明", "领导班子"),
        ),
    ],
)
def test_supervision_after_dui(text: str, edges: set, absent: tuple) -> None:
    got = _rels(text)
    assert edges <= got
    assert absent not in got
