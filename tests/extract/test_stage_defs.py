"""Stages a document defines: names, numbered phases, their activity names and series."""

from __future__ import annotations

import pytest

from extract.stage_defs import stage_defs


def defs(text: str, numbered: bool = True) -> list[tuple[str, int]]:
    return [(d.label, d.series) for d in stage_defs(text, numbered)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # listed names, each alone on its line with its window
        (
            "（1）宣传发动阶段（3月）。\n要广泛宣传。\n（2）集中整治阶段（4月至5月）\n（3）巩固提升阶段：\n",
            [("宣传发动", 0), ("集中整治", 0), ("巩固提升", 0)],
        ),
        # a division names the phases in order
        (
            "活动分为自查自纠、重点检查和整改规范三个阶段进行。",
            [("自查自纠", 0), ("重点检查", 0), ("整改规范", 0)],
        ),
        # a numbered phase with its name, named again later: one phase
        (
            "分为调研摸底、整改落实两个阶段。第一阶段为调研摸底阶段，第二阶段为整改落实阶段。",
            [("调研摸底", 0), ("整改落实", 0), ("调研摸底", 0), ("整改落实", 0)],
        ),
        # numbered phases: the first half of the theme, else the one activity, else the number
        (
            "第一阶段：\n3月至4月，主题是“重温红色家书，传承家国情怀”。\n"
            "第二阶段：5月。组织开展优秀党员评选工作。\n"
            "第三阶段：6月。召开座谈会，开展回访，做好总结。\n",
            [("重温红色家书", 0), ("优秀党员评选", 0), ("第三阶段", 0)],
        ),
        # numbered names met again are the same stages, not a second series
        (
            "第一阶段：1月。\n第二阶段：2月。\n另一项活动：\n第一阶段：3月。\n第二阶段：4月。",
            [("第一阶段", 0), ("第二阶段", 0), ("第一阶段", 0), ("第二阶段", 0)],
        ),
    ],
)
def test_stage_definitions(text: str, expected: list[tuple[str, int]]) -> None:
    assert defs(text) == expected


def test_two_series() -> None:
    text = "第一阶段：1月。开展学习，组织讨论。\n第二阶段：2月。\n"
    text += "（1）动员部署阶段（3月）\n（2）总结提高阶段（4月）\n"
    assert defs(text) == [("第一阶段", 0), ("第二阶段", 0), ("动员部署", 1), ("总结提高", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "我国已进入新发展阶段。",
        "社会主义初级阶段\n",
        "当前正处于攻坚阶段：\n",
        "抓好第三阶段\n",
        "活动共分三个阶段：\n",
        "进入第二阶段，各单位要抓紧。",
        "这一阶段（3月）\n",
    ],
)
def test_not_a_stage_definition(text: str) -> None:
    assert defs(text) == []


def test_numbered_phases_left_to_the_canonical_order() -> None:
    assert defs("第一阶段：3月。\n第二阶段：4月。", numbered=False) == []


def test_a_theme_name_may_hold_a_particle() -> None:
    text = "第一阶段：3月，主题是“学习党的历史，坚定信念”。\n第二阶段：4月，主题是“走进红色基地”。"
    assert defs(text) == [("学习党的历史", 0), ("走进红色基地", 0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一阶段：调查摸底（3月）\n第二阶段：督促整改（4月）\n", ["调查摸底", "督促整改"]),
        ("第一阶段为宣传动员，时间半个月。第二阶段为对照检查。", ["宣传动员", "对照检查"]),
        ("第一阶段为期一个月。", ["第一阶段"]),  # 为期: a length, not a name
    ],
)
def test_numbered_phase_with_its_name(text: str, expected: list[str]) -> None:
    assert [label for label, _ in defs(text)] == expected


def test_cue_is_needed_by_every_phase_pattern() -> None:
    from extract.prefilter import required_literals
    from extract.stage_defs import _KEYS, _cue, _t

    cue = _cue()
    assert cue is not None
    for k in _KEYS:  # each pattern's own words are among the cue's
        words = required_literals(_t()[k].pattern, 64)
        assert words is not None and all(cue.search(w) for w in words)
    assert stage_defs("第一批单位分三步开展学习。") == []
