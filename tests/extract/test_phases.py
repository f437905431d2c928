"""Stages and steps: lexicon surfaces, conditions and ordinals."""

from __future__ import annotations

import pytest

from extract.phases import find_phases, is_three_stage, step_stage


def labels(text: str, three: bool = True) -> list[tuple[str, str]]:
    return [(p.kind, p.label) for p in find_phases(text, three)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("进入整改提高阶段", [("stage", "整改提高")]),
        ("学习培训阶段结束后", [("stage", "学习动员")]),
        ("集中学习教育的时间", []),
        ("第一、二阶段的工作", [("stage", "分析评议"), ("stage", "学习动员")]),
        ("抓好第三阶段", [("stage", "整改提高")]),
        ("做好转段申请，开好转段动员会", [("step", "转段"), ("step", "转段动员会")]),
        ("召开民主生活会和组织生活会", [("step", "专题民主生活会"), ("step", "专题组织生活会")]),
        ("“专家讲”环节", [("step", "专家讲")]),
        ("中央领导讲话精神", []),
        ("做好阶段小结", [("step", "阶段总结")]),
        ("对准备工作进行检查", [("stage", "准备")]),
        ("组织生活会的准备工作", [("step", "专题组织生活会")]),
        ("组织谈心、诫勉谈话", []),
        ("开展谈心活动", [("step", "谈心活动")]),
    ],
)
def test_find_phases(text: str, expected: list[tuple[str, str]]) -> None:
    assert labels(text) == expected


def test_ordinals_only_for_three_stage_campaigns() -> None:
    assert labels("第二阶段", three=False) == []
    assert is_three_stage("保持共产党员先进性教育活动")
    assert not is_three_stage("党史学习教育")


@pytest.mark.parametrize(
    ("step", "stage"), [("党性分析", "分析评议"), ("整改承诺", "整改提高"), ("转段", None)]
)
def test_step_stage(step: str, stage: str | None) -> None:
    assert step_stage(step) == stage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展党员民主测评", [("step", "民主评议")]),
        ("做好团员教育评议", [("step", "民主评议")]),
        ("会前完成意见征求", [("step", "征求意见")]),
        ("班主任与学生谈心谈话", []),
        ("支部书记与党员谈心谈话", [("step", "谈心活动")]),
        ("会前认真做好准备工作", []),
    ],
)
def test_later_steps(text: str, expected: list[tuple[str, str]]) -> None:
    assert labels(text) == expected


def test_defined_stages_and_their_later_mentions() -> None:
    text = "（1）宣传发动阶段（3月）\n（2）集中整治阶段（4月）\n在集中整治阶段要严格标准。"
    got = [(p.label, p.rule, p.series) for p in find_phases(text, three_stage=False)]
    assert got == [
        ("宣传发动", "phase.defined", 0),
        ("集中整治", "phase.defined", 0),
        ("集中整治", "phase.named", None),
    ]


def test_defined_name_of_a_canonical_stage_keeps_the_canonical_label() -> None:
    text = "（1）学习培训阶段（3月）\n（2）分析评议阶段（4月）\n"
    assert {p.label for p in find_phases(text)} == {"学习动员", "分析评议"}


@pytest.mark.parametrize(
    ("campaign", "text", "three"),
    [
        (None, "第一阶段：3月。第二阶段：4月。", False),
        (None, "转入分析评议阶段。", True),
        ("创先争优活动", "第一阶段：3月。", False),
    ],
)
def test_three_stage_from_the_text(campaign: str | None, text: str, three: bool) -> None:
    assert is_three_stage(campaign, text) is three
