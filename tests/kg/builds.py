"""Builds for the kg tests: hand-made extractions published like a real build.

``fixture_extractions()`` covers every part of the RDF contract the saved
queries read (responsible actors, stages, deadlines, quantities, relations,
aliases, a global actor shared by two documents); ``hostile_extraction()``
carries HTML and script in its labels.
"""

from __future__ import annotations

from extract.records import (
    Actor,
    Document,
    DocumentMeta,
    Extraction,
    Phase,
    Quantity,
    Relation,
    Requirement,
    Span,
    TimeExpression,
)

A_TEXT = (
    "区委督导组要加强指导。各党支部要在3月15日前完成学习动员，集中学习不少于45个学时。"
    "各党委不得走过场。转段请示由督导组批复，党支部报党委备案。月日前完成转段。党员要积极参加。"
)
B_TEXT = "党员要认真学习。各党委要在8月上旬转入分析评议阶段。"


def _span(text: str, sub: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Span(start, start + len(sub), sub)


def _clause(text: str, head: str) -> Span:
    start = text.index(head)
    end = text.index("。", start) + 1
    return Span(start, end, text[start:end])


def _doc(name: str, text: str) -> Document:
    return Document(name=name, raw=text, text=text, sha256="0" * 64)


def fixture_extractions() -> list[Extraction]:
    """Two small documents whose facts exercise every saved query."""
    a, b = A_TEXT, B_TEXT
    actors_a = (
        Actor(
            "区委督导组",
            "SupervisoryGroup",
            (_span(a, "区委督导组"),),
            aliases=("督导组",),
            level="县",
            kind="督导组",
        ),
        Actor("党支部", "PartyBranch", (_span(a, "党支部"),), level="单位"),
        Actor("党委", "PartyCommittee", (_span(a, "党委"),), level="乡镇"),
        Actor("党员", "MemberGroup", (_span(a, "党员"),), scope="global"),
    )
    times_a = (
        TimeExpression(_span(a, "3月15日"), "--03-15", "deadline"),
        TimeExpression(_span(a, "月日"), None, "deadline"),
    )
    r_learn = _clause(a, "各党支部要")
    r_forbid = _clause(a, "各党委不得")
    r_turn = _clause(a, "月日前完成转段")
    reqs_a = (
        Requirement(_clause(a, "区委督导组要"), "obligation", actors=("区委督导组",)),
        Requirement(
            r_learn,
            "obligation",
            actors=("党支部",),
            stage="学习动员",
            deadline=times_a[0].key,
            quantities=(Quantity(">=", 45, "学时", _span(a, "不少于45个学时")),),
        ),
        Requirement(r_forbid, "prohibition", actors=("党委",)),
        Requirement(r_turn, "obligation", deadline=times_a[1].key),
        Requirement(_clause(a, "党员要积极"), "exhortation", actors=("党员",)),
    )
    rel_span = _clause(a, "转段请示")
    relations_a = (
        Relation("approves", "actor", "区委督导组", "actor", "党委", rel_span),
        Relation("reportsTo", "actor", "党支部", "actor", "党委", rel_span),
        Relation("precedes", "stage", "学习动员", "stage", "分析评议"),
    )
    ex_a = Extraction(
        document=_doc("a.txt", a),
        meta=DocumentMeta(title="甲", level="县"),
        actors=actors_a,
        stages=(
            Phase("学习动员", "stage", (_span(a, "学习动员"),)),
            Phase("分析评议", "stage", ()),
        ),
        steps=(Phase("转段", "step", (_span(a, "转段"), _span(a, "转段", 1))),),
        times=times_a,
        requirements=reqs_a,
        relations=relations_a,
    )
    t_b = TimeExpression(_span(b, "8月上旬"), "--08-01/--08-10", "deadline")
    ex_b = Extraction(
        document=_doc("b.txt", b),
        meta=DocumentMeta(title="乙"),
        actors=(
            Actor("党员", "MemberGroup", (_span(b, "党员"),), scope="global"),
            Actor("党委", "PartyCommittee", (_span(b, "党委"),)),
        ),
        stages=(Phase("分析评议", "stage", (_span(b, "分析评议"),)),),
        times=(t_b,),
        requirements=(
            Requirement(_clause(b, "党员要认真"), "obligation", actors=("党员",)),
            Requirement(
                _clause(b, "各党委要"),
                "obligation",
                actors=("党委",),
                stage="分析评议",
                deadline=t_b.key,
            ),
        ),
    )
    return [ex_a, ex_b]


HOSTILE_LABELS = (
    "<img src=x onerror=\"document.title='pwned'\">",
    "<script>document.title='pwned'</script>",
    '"><svg onload="document.title=\'pwned\'">',
)


def hostile_extraction() -> Extraction:
    """One document whose actor labels are HTML/script injection attempts."""
    text = "。".join(HOSTILE_LABELS) + "。"
    actors = tuple(
        Actor(label, "Public", (_span(text, label),), scope="global") for label in HOSTILE_LABELS
    )
    return Extraction(document=_doc("<b>x</b>.txt", text), meta=DocumentMeta(), actors=actors)
