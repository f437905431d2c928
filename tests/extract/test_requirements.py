"""Requirements: clause splitting, modality, filters, responsible actors, time and quantity."""

from __future__ import annotations

import pytest

from extract.directives import directive_units
from extract.ingest.reader import document_from_bytes
from extract.modality import cues
from extract.pipeline import extract

BODY = "一、扎实做好学习工作\n"


def kept(text: str) -> list[str]:
    return [u.text for u in directive_units(text) if not u.drop]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one requirement per directive clause
        (
            BODY + "各支部要认真学习，要联系实际。",
            ["扎实做好学习工作", "各支部要认真学习", "要联系实际"],
        ),
        (BODY + "既要抓学习，又要抓整改。", ["扎实做好学习工作", "既要抓学习", "又要抓整改"]),
        (
            BODY + "一要加强领导，二要严格把关。",
            ["扎实做好学习工作", "一要加强领导", "二要严格把关"],
        ),
        (BODY + "一是健全制度；二是加强督查。", ["扎实做好学习工作", "健全制度", "加强督查"]),
        # chained predicates under one modal stay together
        (
            BODY + "要深入基层，听取意见，解决问题。",
            ["扎实做好学习工作", "要深入基层，听取意见，解决问题"],
        ),
        # a prefix attaches to the clause that follows
        (
            BODY + "对外出务工的党员，要寄送学习材料。",
            ["扎实做好学习工作", "对外出务工的党员，要寄送学习材料"],
        ),
        # a condition and its consequence are one directive
        (BODY + "要取得实效，就必须联系实际。", ["扎实做好学习工作", "要取得实效，就必须联系实际"]),
        # lead-ins that only announce items are not requirements
        (BODY + "各单位要着重抓好三个方面的工作：", ["扎实做好学习工作"]),
        (BODY + "要做好以下工作：", ["扎实做好学习工作"]),
        # framing, reports, conditions, questions and significance are not
        (BODY + "也要看到存在的不足。", ["扎实做好学习工作"]),
        (BODY + "必须认识到，任务十分艰巨。", ["扎实做好学习工作"]),
        (BODY + "各单位已经确保了学习时间。", ["扎实做好学习工作"]),
        (BODY + "如果我们不抓紧，应该完成的任务就会落空。", ["扎实做好学习工作"]),
        (BODY + "学习效果怎样要不要检查？", ["扎实做好学习工作"]),
        (BODY + "只有联系实际，学习才能见效。", ["扎实做好学习工作"]),
        # quoted slogans are cited, not directed
        (BODY + "提出“工作要实、作风要硬”的口号。", ["扎实做好学习工作"]),
    ],
)
def test_units(text: str, expected: list[str]) -> None:
    assert kept(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、工作回顾\n有的单位要求党员写心得。较多的单位还要求党员作笔记。", []),
        ("一、关于前段工作的基本情况\n各单位普遍成立了领导小组。", []),
        ("一、前段工作情况\n希望各单位再接再厉。", ["希望各单位再接再厉"]),
    ],
)
def test_review_sections(text: str, expected: list[str]) -> None:
    assert kept(text) == expected


@pytest.mark.parametrize(
    ("clause", "modality"),
    [
        ("各单位要抓好学习", "obligation"),
        ("必须严格把关", "obligation"),
        ("确保不走过场", "obligation"),
        ("不得少于3天", "obligation"),
        ("不得弄虚作假", "prohibition"),
        ("要不搞形式主义", "prohibition"),
        ("严禁走过场", "prohibition"),
        ("要防止简单化", "prohibition"),
        ("可以适当延长", "permission"),
        ("不要求整齐划一", "permission"),
        ("希望大家再接再厉", "exhortation"),
        ("请各单位及时报送", "exhortation"),
    ],
)
def test_modality(clause: str, modality: str) -> None:
    assert cues(clause)[0].modality == modality


@pytest.mark.parametrize(
    "clause",
    ["这是重要任务", "可能影响全局", "工作不得力", "提出具体要求", "申请转段", "是否坚持了"],
)
def test_not_cues(clause: str) -> None:
    assert cues(clause) == []


def reqs(text: str):
    return extract(document_from_bytes("r.txt", text.encode())).requirements


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # explicit subject
        ("一、抓好学习\n各党支部要认真组织学习。", [("党支部",), ("党支部",)]),
        # collective subjects are split
        ("一、抓好学习\n各党委、党工委要加强指导。", [("党委", "党工委"), ("党委", "党工委")]),
        # 我们 stands for nobody unless the text says whom
        ("一、抓好学习\n我们要加强学习。", [(), ()]),
        # a lead-in's subject carries to its items
        (
            "一、抓好学习\n各单位要认真做好以下工作：（一）加强领导。（二）严格把关。",
            [("单位",), ("单位",), ("单位",)],
        ),
        # a duty list gives its body's duties
        (
            "一、抓好督导\n督导组的主要职责是：了解情况；发现问题；反馈意见。",
            [("督导组",), ("督导组",), ("督导组",), ("督导组",)],
        ),
    ],
)
def test_responsible_actors(text: str, actors: list[tuple[str, ...]]) -> None:
    assert [r.actors for r in reqs(text)] == actors


def test_deadline_and_quantities() -> None:
    text = "一、抓好学习\n各支部要在6月30日前完成集中学习，学习时间不少于40个学时。"
    ex = extract(document_from_bytes("r.txt", text.encode()))
    [time] = ex.times
    first, second = ex.requirements[1:]
    assert first.deadline == time.key and time.normalized == "--06-30"
    assert [(q.comparator, q.value, q.unit) for q in second.quantities] == [(">=", 40, "学时")]
    assert second.quantities[0].span.text == "不少于40个学时"


def test_schedule_window_is_a_directive_without_modal() -> None:
    text = "一、工作安排\n第二阶段从9月上旬开始到10月底基本结束。"
    [r] = reqs(text)  # the heading only names a topic
    assert r.modality == "obligation" and r.deadline is not None
