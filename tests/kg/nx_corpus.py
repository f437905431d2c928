"""Hand-built extractions for the graph-analysis tests, and a build made from them.

Document A (a.txt) has every kind of fact; B (b.txt) repeats some of A's
requirements with other bounds and dates; C (c.txt) orders the stages the
other way round.
"""

from __future__ import annotations

from pathlib import Path

from extract.records import (
    Actor,
    Document,
    Extraction,
    Phase,
    Quantity,
    Relation,
    Requirement,
    Span,
    TimeExpression,
)
from kg.build.remove import publish_extractions


class Text:
    """A document's text with span helpers."""

    def __init__(self, name: str, text: str) -> None:
        self.doc = Document(name, text, text)

    def span(self, sub: str, nth: int = 0) -> Span:
        i = -1
        for _ in range(nth + 1):
            i = self.doc.raw.index(sub, i + 1)
        return Span(i, i + len(sub), sub)

    def actor(self, label: str, type_: str, **kw) -> Actor:
        return Actor(label, type_, (self.span(label),), **kw)  # type: ignore[arg-type]

    def phase(self, label: str, kind: str) -> Phase:
        return Phase(label, kind, (self.span(label),))  # type: ignore[arg-type]

    def rel(self, type_: str, sk: str, s: str, tk: str, t: str, quote: str) -> Relation:
        return Relation(type_, sk, s, tk, t, self.span(quote))  # type: ignore[arg-type]


A_TEXT = (
    "各支部要在3月15日前完成学习动员。"
    "党支部转段请示由党委批复，并报督导组备案。"
    "督导组要加强指导。"
    "党委不得组织学习。"
    "党委要组织学习。"
    "分析评议阶段党员要写党性分析材料，不少于3000字，3月10日前完成。"
    "学习动员阶段党员学习不少于45个学时。"
    "各级党组织要高度重视。"
    "区委督导组要督促检查。"
    "学习动员之后是分析评议，然后整改提高。"
    "先开展大讨论，再转段。"
)


def doc_a() -> Extraction:
    t = Text("a.txt", A_TEXT)
    r1 = t.span("各支部要在3月15日前完成学习动员")
    r2 = t.span("督导组要加强指导")
    r3 = t.span("党委不得组织学习")
    r4 = t.span("党委要组织学习")
    r5 = t.span("分析评议阶段党员要写党性分析材料，不少于3000字，3月10日前完成")
    r6 = t.span("学习动员阶段党员学习不少于45个学时")
    r7 = t.span("各级党组织要高度重视")
    r8 = t.span("区委督导组要督促检查")
    d1, d2 = t.span("3月15日"), t.span("3月10日")
    return Extraction(
        t.doc,
        actors=(
            t.actor("党支部", "PartyBranch", aliases=("支部",)),
            t.actor("党委", "PartyCommittee"),
            t.actor("督导组", "SupervisoryGroup"),
            t.actor("党员", "MemberGroup", scope="global"),
            t.actor("党组织", "PartyBranch", scope="global"),
            t.actor("区委督导组", "SupervisoryGroup", kind="督导组"),
            Actor("区委", "PartyCommittee", (t.span("区委"),)),
        ),
        stages=tuple(t.phase(s, "stage") for s in ("学习动员", "分析评议", "整改提高")),
        steps=tuple(t.phase(s, "step") for s in ("大讨论", "转段")),
        times=(
            TimeExpression(d1, "--03-15", "deadline"),
            TimeExpression(d2, "--03-10", "deadline"),
        ),
        requirements=(
            Requirement(r1, "obligation", ("党支部",), "学习动员", d1.key),
            Requirement(r2, "obligation", ("督导组",)),
            Requirement(r3, "prohibition", ("党委",)),
            Requirement(r4, "obligation", ("党委",)),
            Requirement(
                r5,
                "obligation",
                ("党员",),
                "分析评议",
                d2.key,
                (Quantity(">=", 3000, "字", t.span("不少于3000字")),),
            ),
            Requirement(
                r6,
                "obligation",
                (),
                "学习动员",
                None,
                (Quantity(">=", 45, "学时", t.span("不少于45个学时")),),
            ),
            Requirement(r7, "obligation", ("党组织",)),
            Requirement(r8, "obligation", ("区委督导组",)),
        ),
        relations=(
            t.rel("reportsTo", "actor", "党支部", "actor", "党委", "党支部转段请示由党委批复"),
            t.rel("reportsTo", "actor", "党委", "actor", "督导组", "并报督导组备案"),
            t.rel("approves", "actor", "党委", "actor", "党支部", "党支部转段请示由党委批复"),
            t.rel("subOrganizationOf", "actor", "区委督导组", "actor", "区委", "区委督导组"),
            t.rel("precedes", "stage", "学习动员", "stage", "分析评议", "学习动员之后是分析评议"),
            t.rel("precedes", "stage", "分析评议", "stage", "整改提高", "然后整改提高"),
            t.rel("precedes", "step", "大讨论", "step", "转段", "先开展大讨论，再转段"),
            t.rel("dependsOn", "requirement", r5.key, "requirement", r1.key, r5.text),
        ),
    )


B_TEXT = (
    "各支部要在3月20日前完成学习动员。"
    "学习动员阶段党员学习不少于40个学时。"
    "各乡镇要建立台账。"
    "学习动员之后是分析评议。"
)


def doc_b() -> Extraction:
    t = Text("b.txt", B_TEXT)
    r1 = t.span("各支部要在3月20日前完成学习动员")
    r2 = t.span("学习动员阶段党员学习不少于40个学时")
    r3 = t.span("各乡镇要建立台账")
    d1 = t.span("3月20日")
    return Extraction(
        t.doc,
        actors=(t.actor("党员", "MemberGroup", scope="global"),),
        stages=tuple(t.phase(s, "stage") for s in ("学习动员", "分析评议")),
        times=(TimeExpression(d1, "--03-20", "deadline"),),
        requirements=(
            Requirement(r1, "obligation", (), "学习动员", d1.key),
            Requirement(
                r2,
                "obligation",
                ("党员",),
                "学习动员",
                None,
                (Quantity(">=", 40, "学时", t.span("不少于40个学时")),),
            ),
            Requirement(r3, "obligation", ()),
        ),
        relations=(
            t.rel("precedes", "stage", "学习动员", "stage", "分析评议", "学习动员之后是分析评议"),
        ),
    )


C_TEXT = "先分析评议，再学习动员。"


def doc_c() -> Extraction:
    t = Text("c.txt", C_TEXT)
    return Extraction(
        t.doc,
        stages=tuple(t.phase(s, "stage") for s in ("学习动员", "分析评议")),
        relations=(t.rel("precedes", "stage", "分析评议", "stage", "学习动员", C_TEXT[:-1]),),
    )


def make_build(out: Path, extractions: list[Extraction]) -> Path:
    """Publish ``extractions`` as a build in ``out``."""
    publish_extractions(out, extractions)
    return out
