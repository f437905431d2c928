"""Approval chains (经…批复同意，并报…备案; 须报…审核同意后; 报请…批准), positive and negative.

The requester reportsTo the approver, the approver approves the requester, and a
filing (并报…备案) that follows an approval is the approver's (DOMAIN.md, relations).
"""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.pipeline import extract


def _rels(text: str, encoding: str = "utf-8") -> set[tuple[str, str, str]]:
    ex = extract(document_from_bytes("t.txt", text.encode(encoding)))
    assert all(r.prov.rule.startswith("rel.") for r in ex.relations)
    return {
        (r.type, r.source.removeprefix("各"), r.target.removeprefix("各")) for r in ex.relations
    }


@pytest.mark.parametrize(
    ("text", "edges"),
    [
        (  # request, approval by 经…批复同意, filing by the approver
            "各村党支部申请进入下一环节，必须向乡党委递交书面请示，经乡党委批复同意，并报区委巡回督导组备案。",
            {
                ("reportsTo", "村党支部", "乡党委"),
                ("approves", "乡党委", "村党支部"),
                ("reportsTo", "乡党委", "区委巡回督导组"),
            },
        ),
        (  # 经…审核同意 with the requester in the same clause
            "各基层党支部的整改清单须经街道党工委审核同意，并报区委督导组备案。",
            {
                ("approves", "街道党工委", "党支部"),
                ("reportsTo", "党支部", "街道党工委"),
                ("reportsTo", "街道党工委", "区委督导组"),
            },
        ),
        (  # 经…同意后实施, subject opening the sentence
            "各党总支开展集中整改前，要向机关党委作出书面说明，经机关党委同意后实施。",
            {("reportsTo", "党总支", "机关党委"), ("approves", "机关党委", "党总支")},
        ),
        (  # 须报…审核同意后, subject from the sentence before
            "县直机关工委要制定专项整治方案。整治方案须报县委巡回指导组审核同意后向社会公开。",
            {
                ("reportsTo", "县直机关工委", "县委巡回指导组"),
                ("approves", "县委巡回指导组", "县直机关工委"),
            },
        ),
        (  # 报请…批准
            "各乡镇党委调整活动安排的，要报请县委领导小组批准。",
            {("reportsTo", "乡镇党委", "县委领导小组"), ("approves", "县委领导小组", "乡镇党委")},
        ),
        (  # 由…批复 (the older form) still holds
            "各支部的转段申请由镇党委批复，并报县委督导组备案。",
            {
                ("approves", "镇党委", "支部"),
                ("reportsTo", "支部", "镇党委"),
                ("reportsTo", "镇党委", "县委督导组"),
            },
        ),
        (  # the subject is a unit of a village (各村（社区）…)
            "各村（社区）党组织进入下一环节前，须向镇党委提交书面报告，经镇党委批准后方可转段。",
            {("reportsTo", "党组织", "镇党委"), ("approves", "镇党委", "党组织")},
        ),
    ],
)
def test_approval_chain(text: str, edges: set[tuple[str, str, str]]) -> None:
    got = _rels(text)
    assert edges <= got, sorted(got)


def test_approval_chain_traditional() -> None:
    text = "各黨支部轉段須向鄉鎮黨委提出書面請示，經鄉鎮黨委批覆同意，並報市委督導組備案。"
    got = _rels(text, "big5hkscs")
    assert {
        ("reportsTo", "党支部", "乡镇党委"),
        ("approves", "乡镇党委", "党支部"),
        ("reportsTo", "乡镇党委", "市委督导组"),
    } <= got, sorted(got)


@pytest.mark.parametrize(
    ("text", "edge"),
    [
        # the filing after an approval is the approver's, not the requester's
        (
            "各党支部转段须经乡党委批复同意，并报县委督导组备案。",
            ("reportsTo", "党支部", "县委督导组"),
        ),
        # 经验, 已经: no approval
        ("各党支部要总结党委推广的经验，认真学习。", ("approves", "党委", "党支部")),
        ("各党支部已经向镇党委同步通报情况。", ("approves", "镇党委", "党支部")),
        # 报…审核 (a review, no consent) is a submission, not an approval
        ("各党支部要把整改方案报镇党委审核。", ("approves", "镇党委", "党支部")),
        # a passing by a meeting, then 报…审批: the meeting does not approve
        ("方案经学校教代会通过并报县教育局审批后实施。", ("approves", "学校", "教育局")),
    ],
)
def test_no_approval(text: str, edge: tuple[str, str, str]) -> None:
    assert edge not in _rels(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("各党支部要向镇党委提出书面报告。", "镇党委"),  # not 要向镇党委
        ("各党支部转段须经乡镇党委批复同意。", "乡镇党委"),  # not 经乡镇党委
        ("向阳镇党委要抓好学习。", "向阳镇党委"),  # a real place starting with 向
        ("和平乡党委要抓好学习。", "和平乡党委"),
    ],
)
def test_no_preposition_in_place_names(text: str, label: str) -> None:
    ex = extract(document_from_bytes("t.txt", text.encode()))
    labels = {a.label for a in ex.actors}
    assert label in labels, sorted(labels)
    assert not any(x.startswith(("要向", "经", "向镇", "经乡")) for x in labels if x != label)
