"""Stage and step order: series, meeting preparations, groundwork, gates, frames."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract


def order(text: str) -> set[tuple[str, str, str]]:
    ex = extract(document_from_bytes("p.txt", text.encode()))
    return {
        (r.type, r.source, r.target) for r in ex.relations if r.type in ("precedes", "dependsOn")
    }


def test_consecutive_stages_of_a_series() -> None:
    got = order("（1）宣传发动阶段（3月）\n（2）集中整治阶段（4月）\n（3）巩固提升阶段（5月）\n")
    assert got == {("precedes", "宣传发动", "集中整治"), ("precedes", "集中整治", "巩固提升")}


def test_no_order_across_series() -> None:
    text = (
        "全年工作分三个阶段：\n第一阶段：1月至3月。开展调研，形成清单。\n"
        "第二阶段：4月至6月。集中整改，建章立制。\n"
        "其中主题宣讲活动：\n（1）动员部署阶段（1月）\n（2）巡回宣讲阶段（2月至3月）\n"
    )
    got = order(text)
    assert ("precedes", "第一阶段", "第二阶段") in got
    assert ("precedes", "动员部署", "巡回宣讲") in got
    assert not {("precedes", "第二阶段", "动员部署"), ("precedes", "第一阶段", "动员部署")} & got


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        # steps done before the meeting precede it
        (
            "各支部要开好专题组织生活会。会前，支部书记要与党员开展谈心谈话，并广泛征求意见。",
            {
                ("precedes", "谈心活动", "专题组织生活会"),
                ("precedes", "征求意见", "专题组织生活会"),
            },
        ),
        # items under a 会前 heading; the item laying the groundwork makes the meeting depend
        (
            "召开专题民主生活会。\n（一）会前准备\n1.深入谈心谈话。\n班子成员之间要互相谈心，"
            "为开好民主生活会打好基础。\n2.征求意见。\n向群众征求意见。\n（二）会上\n逐一发言。",
            {
                ("precedes", "谈心活动", "专题民主生活会"),
                ("precedes", "征求意见", "专题民主生活会"),
                ("dependsOn", "专题民主生活会", "谈心活动"),
            },
        ),
    ],
)
def test_meeting_preparations(text: str, edges: set) -> None:
    assert edges <= order(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a step that qualifies the next one, and steps done together, are no sequence
        ("通报了民主生活会征求意见情况。", ("precedes", "专题民主生活会", "征求意见")),
        ("组织生活会和民主评议一并开展。", ("precedes", "专题组织生活会", "民主评议")),
        ("比如征求意见和谈心活动的方式方法等等。", ("precedes", "征求意见", "谈心活动")),
        # a step that frames the sentence is not one of its steps
        ("在“转段”环节上，要做好阶段总结。", ("precedes", "转段", "阶段总结")),
    ],
)
def test_no_sequence(text: str, absent: tuple[str, str, str]) -> None:
    assert absent not in order(text)


def test_a_gate_makes_only_the_step_it_bears_on_depend() -> None:
    got = order("要做好阶段总结，按要求进行转段申请，召开转段动员会，不合格的不得按时转段。")
    assert ("dependsOn", "转段", "阶段总结") in got
    assert ("dependsOn", "转段动员会", "转段") not in got


def test_series_of_known_stage_names() -> None:
    text = "第一阶段为学习调研阶段。第二阶段为分析检查阶段。第三阶段为整改落实阶段。"
    got = order(text)
    assert {("precedes", "学习调研", "分析检查"), ("precedes", "分析检查", "整改落实")} <= got


@pytest.mark.parametrize(
    ("text", "edge", "present"),
    [
        # a step named as the time before which the work is done comes after that work
        ("在转段前，各支部要认真做好阶段总结工作。", ("precedes", "阶段总结", "转段"), True),
        ("在转段前，各支部要认真做好阶段总结工作。", ("precedes", "转段", "阶段总结"), False),
        ("转段之前，要先开展回头看。", ("precedes", "回头看", "转段"), True),
        ("召开转段分析会以前，要认真开展回头看。", ("precedes", "回头看", "转段分析会"), True),
        # after (后) and plain order keep the order of mention
        ("转段后，各支部要及时召开转段动员会。", ("precedes", "转段", "转段动员会"), True),
        ("先开展回头看，再召开转段分析会。", ("precedes", "回头看", "转段分析会"), True),
        ("转段前期，要开展回头看。", ("precedes", "回头看", "转段"), False),  # 前期 is no 前
    ],
)
def test_a_step_before_which_the_work_is_done(text: str, edge, present: bool) -> None:
    assert (edge in order(text)) is present
