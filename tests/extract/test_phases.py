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
