"""Regressions for the wrong answers a new user met on the seed speeches (issue 16, "Why").

Each case is a small text of our own with the same construction, and the fact that
must (or must not) come out of the extraction pipeline:

(a) a prohibition after 对…不合格的X，要责令…，不得… binds X, not the supervisors who
    keep the gate; (b) 接受群众监督 in a list after 市委和省委关于…的文件 makes no body the
    public supervises, and the owner of the document is no subject; (c) X报A和B reports
    to both; (d) 某组组长亲自审核，…的批准转段 approves the units the group supervises,
    also when the group is named with its level (县委督导组, 督导组组长); (e) a dated
    timetable orders 阶段总结 before 转段; (f) a title is the page's own heading line,
    not site furniture, and a speech that opens with 同志们 and a numbered section has
    no title.
"""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract
from extract.records import Extraction


def _ex(text: str) -> Extraction:
    return extract(document_from_bytes("t.txt", text.encode("utf-8")))


def _rels(ex: Extraction, typ: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in ex.relations if r.type == typ}


def _actors_of(ex: Extraction, quote: str) -> tuple[str, ...]:
    return next(r.actors for r in ex.requirements if quote in r.span.text)


# (a) ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "quote", "actors"),
    [
        (
            "同志们：\n县委巡回指导组、县委活动办公室要严格把关，对整改不到位的支部，"
            "要责令返工，不得按期进入下一环节。",
            "不得按期进入下一环节",
            ("支部",),
        ),
        (
            "同志们：\n镇督导组要严格审核，对测试不合格的村党支部，要责令重学，不得按时转段。",
            "不得按时转段",
            ("村党支部",),
        ),
    ],
)
def test_prohibition_binds_the_units_that_failed(text: str, quote: str, actors) -> None:
    assert _actors_of(_ex(text), quote) == actors


# (b) ------------------------------------------------------------------------------------
B_TEXT = (
    "同志们：\n中央和省委关于开展主题教育的文件，大家要认真学习。要把握好一些政策问题，"
    "比如：如何广泛听取群众意见，自觉接受群众监督，等等。"
)


def test_public_supervises_no_body_from_a_list_of_questions() -> None:
    sup = _rels(_ex(B_TEXT), "supervises")
    assert not {s for s, _ in sup} & {"群众"}


@pytest.mark.parametrize("quote", ["大家要认真学习", "自觉接受群众监督"])
def test_owner_of_a_document_is_no_subject(quote: str) -> None:
    actors = _actors_of(_ex(B_TEXT), quote)
    assert not set(actors) & {"中央", "省委"}


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("同志们：\n县委关于整改工作的部署要认真落实。", "县委"),
        ("同志们：\n市委关于主题教育的通知，各单位要认真学习。", "市委"),
    ],
)
def test_actor_before_guanyu_is_not_responsible(text: str, owner: str) -> None:
    assert all(owner not in r.actors for r in _ex(text).requirements)


def test_accepting_supervision_with_a_subject_still_yields_the_public() -> None:
    sup = _rels(_ex("各级领导干部要自觉接受群众监督。"), "supervises")
    assert ("群众", "领导干部") in sup


# (c) ------------------------------------------------------------------------------------
def test_request_sent_to_two_bodies_reports_to_both() -> None:
    ex = _ex(
        "同志们：\n根据县委巡回指导组要求，各党总支、直属支部的转段请示报机关党委和"
        "机关党委办公室，由机关党委批复。"
    )
    rep = _rels(ex, "reportsTo")
    assert {("党总支", "机关党委办公室"), ("直属支部", "机关党委办公室")} <= rep
    assert {("党总支", "机关党委"), ("直属支部", "机关党委")} <= rep


# (d) ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "edge"),
    [
        (  # the group named with its level, the head by the short form
            "同志们：\n县委督导组要深入所督导的单位开展督导。为了把好转段关，督导组组长"
            "亲自审核，符合条件的批准转段，不符合条件的重新整改。",
            ("督导组组长", "所督导的单位"),
        ),
        (  # the group named by its short form throughout
            "同志们：\n督导组要深入所督导单位。督导组组长亲自审核，合格的批准转段。",
            ("督导组组长", "所督导单位"),
        ),
    ],
)
def test_group_head_approves_the_supervised_units(text: str, edge) -> None:
    assert edge in _rels(_ex(text), "approves")


def test_head_approves_nothing_without_supervised_units() -> None:
    ex = _ex("同志们：\n督导组组长亲自审核，合格的批准转段。")
    assert not _rels(ex, "approves")


# (e) ------------------------------------------------------------------------------------
E_TEXT = (
    "同志们：\n1、5月4日—5月8日，做好集中学习工作。\n"
    "2、5月9日—5月10日，做好学习效果检验、阶段总结工作。\n"
    "3、5月11日—5月12日，做好阶段总结材料的报送及转段申请工作，召开转段动员会。\n"
    "在转段环节上，要认真做好阶段总结工作，按规定进行转段申请。"
)


@pytest.mark.parametrize(
    ("edge", "present"),
    [
        (("阶段总结", "转段"), True),
        (("转段", "转段动员会"), True),
        (("转段", "阶段总结"), False),
    ],
)
def test_timetable_orders_summary_before_transition(edge, present: bool) -> None:
    assert (edge in _rels(_ex(E_TEXT), "precedes")) is present


@pytest.mark.parametrize(
    ("edge", "present"), [(("阶段总结", "转段"), True), (("转段", "阶段总结"), False)]
)
def test_work_before_the_transition_precedes_it(edge, present: bool) -> None:
    ex = _ex("同志们：\n在转段前，各支部要认真做好学习测试和阶段总结工作。")
    assert (edge in _rels(ex, "precedes")) is present


# (f) ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "某某网 资料文库 动员讲话范文\n\n动员讲话范文\n\n本站编辑为你精心准备了动员讲话"
            "参考范文，欢迎阅读。\n\n在全镇主题教育动员会上的讲话\n\n同志们：\n"
            "今天召开全镇主题教育动员会。各村党支部要认真学习。",
            "在全镇主题教育动员会上的讲话",
        ),
        (
            "同志们：\n今天召开全县第二批主题教育工作会议。\n"
            "第二，要认真学习文件，搞好骨干培训。各乡镇党委要组织好培训。",
            None,
        ),
    ],
)
def test_title_is_the_pages_heading_not_furniture_or_a_section(text: str, title) -> None:
    assert _ex(text).meta.title == title
