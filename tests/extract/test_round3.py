"""Round-3 rules: bare bounds, submissions, open ranges, dates broken across lines,
person names, news lead-ins, central-document articles. Positive and negative
cases, all written for these tests."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract
from extract.timex import normalize


def run(text: str):
    return extract(document_from_bytes("t.txt", text.encode()))


def req_with(text: str, needle: str):
    hits = [r for r in run(text).requirements if needle in r.span.text]
    return hits[0] if hits else None


@pytest.mark.parametrize(
    ("text", "needle", "quantity"),
    [
        ("各团支部每学期至少开展两次主题团日活动。", "主题团日", (">=", 2, "次")),
        ("党小组每季度至少召开1次组织生活会。", "组织生活会", (">=", 1, "次")),
        ("每名教师每年至少撰写一篇学习心得。", "学习心得", (">=", 1, "篇")),
        ("专题研讨每次最多安排3名同志发言。", "发言", ("<=", 3, "名")),
    ],
)
def test_bare_bound_is_an_obligation(text: str, needle: str, quantity: tuple) -> None:
    r = req_with(text, needle)
    assert r is not None and r.modality == "obligation"
    assert quantity in [(q.comparator, q.value, q.unit) for q in r.quantities]


@pytest.mark.parametrize(
    "text",
    [
        "上半年全校共组织了十余次专题学习。",
        "各支部已经至少召开了2次民主生活会。",
        "截至目前累计开展不少于30场宣讲。",
        "这至少说明两个问题。",
    ],
)
def test_bound_in_a_report_is_no_requirement(text: str) -> None:
    assert run(text).requirements == ()


@pytest.mark.parametrize(
    ("text", "actor", "receiver", "deadline"),
    [
        ("请各党支部于4月15日前将学习计划报送至党委组织部。", "党支部", "党委组织部", "--04-15"),
        ("请各党总支将整改清单报学校党委备案。", "党总支", "学校党委", None),
        ("各基层党组织于11月30日前将总结上报县委组织部。", "基层党组织", "县委组织部", "--11-30"),
    ],
)
def test_submission_is_an_obligation_reporting_to_the_receiver(
    text: str, actor: str, receiver: str, deadline: str | None
) -> None:
    ex = run(text)
    assert len(ex.requirements) == 1
    r = ex.requirements[0]
    assert r.modality == "obligation" and actor in r.actors
    times = {t.key: t.normalized for t in ex.times}
    assert (times.get(r.deadline) if r.deadline else None) == deadline
    assert ("reportsTo", actor, receiver) in [(x.type, x.source, x.target) for x in ex.relations]


def test_request_without_submission_stays_an_exhortation() -> None:
    assert run("请同志们积极参与讨论。").requirements[0].modality == "exhortation"


def test_past_submission_is_a_report() -> None:
    assert run("各单位已于3月8日前将名单上报了党委。").requirements == ()


@pytest.mark.parametrize(
    ("surface", "anchor", "value"),
    [
        ("自即日起至2022年6月30日", None, "../2022-06-30"),
        ("即日起至10月底", None, "../--10-31"),
        ("从今天起至5月1日", "--04-02", "--04-02/--05-01"),
        ("从9月1日起至10月31日", None, "--09-01/--10-31"),
        ("自即日起", "--04-02", "--04-02/.."),
        ("自即日起", None, None),
        ("2021\n年\n7\n月\n1\n日", None, "2021-07-01"),
        ("11 月 \n 20 日", None, "--11-20"),
    ],
)
def test_ranges_and_broken_dates(surface: str, anchor: str | None, value: str | None) -> None:
    assert normalize(surface, anchor=anchor) == value


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("会议定于2019\n年\n3\n月\n12\n日\n召开。", "2019\n年\n3\n月\n12\n日"),
        ("从6月1日起至7月15日，各支部要开展专题学习。", "从6月1日起至7月15日"),
        ("自即日起至2021年12月31日，在全体党员中开展学习。", "自即日起至2021年12月31日"),
    ],
)
def test_time_spans_are_raw_exact(text: str, surface: str) -> None:
    assert [t.span.text for t in run(text).times] == [surface]


@pytest.mark.parametrize("text", ["附件\n12\n月考安排表", "第3\n月份的课表"])
def test_a_month_alone_across_lines_is_no_date(text: str) -> None:
    assert run(text).times == ()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("市委书记李卫东同志主持会议。", "李卫东"),
        ("校党委书记周文华强调，要把学习抓紧抓实。", "周文华"),
        ("欧阳明远同志作动员讲话。", "欧阳明远"),
        ("。海峰同志要做好联络工作。", "海峰"),
    ],
)
def test_person_names(text: str, person: str) -> None:
    assert person in [a.label for a in run(text).actors if a.type == "Person"]


@pytest.mark.parametrize(
    "text",
    [
        "副校长协助书记分管党建工作。",
        "宣传委员配合书记做好宣传。",
        "我珍惜同志间的情谊。",
        "我们在习书记确定的基础上继续前进。",
        "相关同志要按时参加。",
        "会议强调，要抓好落实。",
    ],
)
def test_no_bogus_persons(text: str) -> None:
    ex = run(text)
    assert [a.label for a in ex.actors if a.type == "Person"] == []


@pytest.mark.parametrize(
    ("text", "start", "actors"),
    [
        ("4月2日，学校召开动员会。他强调，要把学习同教学结合起来。", "要把学习", ()),
        ("会上，赵明辉书记指出：要坚持问题导向。", "要坚持", ()),
        ("会议要求，各级党组织要压紧压实责任。", "各级党组织要", ("党组织",)),
        ("刘向东同志强调，各党支部要带头学习。", "各党支部要", ("党支部",)),
    ],
)
def test_news_lead_in_is_not_in_the_span(text: str, start: str, actors: tuple) -> None:
    r = req_with(text, start)
    assert r is not None and r.span.text.startswith(start)
    assert tuple(sorted(r.actors)) == actors


@pytest.mark.parametrize(
    ("text", "needle", "modality", "actors"),
    [
        ("第八条 党支部应当每月召开一次支部委员会会议。", "支部委员会", "obligation", ("党支部",)),
        ("第九条 党员不得擅自发布违规言论。", "擅自", "prohibition", ("党员",)),
        ("各地区各部门要结合实际认真贯彻执行。", "贯彻执行", "obligation", ("地区", "部门")),
        (
            "三、保障措施\n（一）加强组织领导。各级党委要把学习教育摆上重要议程。",
            "加强组织领导",
            "obligation",
            ("党委",),
        ),
    ],
)
def test_central_documents(text: str, needle: str, modality: str, actors: tuple) -> None:
    r = req_with(text, needle)
    assert r is not None and r.modality == modality
    assert tuple(sorted(r.actors)) == actors


def test_noun_heading_is_no_requirement() -> None:
    ex = run("二、主要任务\n各党支部要抓好学习。")
    assert [r.span.text for r in ex.requirements] == ["各党支部要抓好学习"]
