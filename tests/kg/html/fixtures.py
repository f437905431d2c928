"""Hand-made extractions for the view tests, with script-injection payloads in the text."""

from __future__ import annotations

import hashlib

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

IMG = "<img src=x onerror=window.__xss=1>"
LINK = '<a href="javascript:window.__xss=2">点此</a>'
SCRIPT = "<script>window.__xss=3;alert(1)</script>"
EVIL_ACTOR = "<img src=y onerror=window.__xss=4>"
EVIL_TITLE = "</title><script>window.__xss=5</script>"

TEXT_A = (
    "区委督导组要在3月15日前完成学习动员。"
    f"各党支部要{IMG}认真学习，学习不少于45个学时。"
    f"党支部报党委审批{LINK}。"
    f'{SCRIPT}各单位要"认真"整改。'
    f"{EVIL_ACTOR}要开展谈心活动，分析评议阶段要抓好。"
)
TEXT_B = "县委要在8月上旬至9月上旬完成整改提高。党员要参加。"


def span(raw: str, text: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``text`` in ``raw``."""
    i = -1
    for _ in range(nth + 1):
        i = raw.index(text, i + 1)
    return Span(i, i + len(text), text)


def _doc(name: str, raw: str) -> Document:
    return Document(name, raw, raw, sha256=hashlib.sha256(raw.encode()).hexdigest())


def extraction_a() -> Extraction:
    raw = TEXT_A
    s = lambda t, n=0: span(raw, t, n)  # noqa: E731
    r1 = s("区委督导组要在3月15日前完成学习动员")
    r2 = s(f"各党支部要{IMG}认真学习，学习不少于45个学时")
    r3 = s(f'{SCRIPT}各单位要"认真"整改')
    r4 = s(f"{EVIL_ACTOR}要开展谈心活动")
    r5 = s("分析评议阶段要抓好")
    return Extraction(
        _doc("a.txt", raw),
        meta=DocumentMeta(title=EVIL_TITLE, issuer="区委督导组"),
        actors=(
            Actor("区委督导组", "SupervisoryGroup", (s("区委督导组"),), kind="督导组"),
            Actor("党支部", "PartyBranch", (s("党支部"), s("党支部", 1)), aliases=(f"支部{LINK}",)),
            Actor("党委", "PartyCommittee", (s("党委"),)),
            Actor(EVIL_ACTOR, "Person", (s(EVIL_ACTOR),)),
        ),
        stages=(
            Phase("学习动员", "stage", (s("学习动员"),)),
            Phase("分析评议", "stage", (s("分析评议"),)),
        ),
        steps=(Phase("谈心活动", "step", (s("谈心活动"),)),),
        times=(TimeExpression(s("3月15日"), "--03-15", "deadline"),),
        requirements=(
            Requirement(r1, "obligation", ("区委督导组",), "学习动员", s("3月15日").key),
            Requirement(
                r2,
                "obligation",
                ("党支部",),
                "学习动员",
                quantities=(Quantity(">=", 45, "学时", s("不少于45个学时")),),
            ),
            Requirement(r3, "obligation"),
            Requirement(r4, "obligation", (EVIL_ACTOR,), "分析评议"),
            Requirement(r5, "obligation", (), "分析评议"),
        ),
        relations=(
            Relation("reportsTo", "actor", "党支部", "actor", "党委", s("党支部报党委审批")),
            Relation("approves", "actor", "党委", "actor", "党支部"),
            Relation("supervises", "actor", "区委督导组", "actor", "党委"),
            Relation("precedes", "stage", "学习动员", "stage", "分析评议"),
        ),
    )


def extraction_b() -> Extraction:
    raw = TEXT_B
    s = lambda t, n=0: span(raw, t, n)  # noqa: E731
    t = s("8月上旬至9月上旬")
    return Extraction(
        _doc("b.txt", raw),
        actors=(
            Actor("县委", "PartyCommittee", (s("县委"),)),
            Actor("党员", "MemberGroup", (s("党员"),), scope="global"),
        ),
        stages=(Phase("整改提高", "stage", (s("整改提高"),)),),
        times=(TimeExpression(t, "--08-01/--09-10", "schedule"),),
        requirements=(
            Requirement(
                s("县委要在8月上旬至9月上旬完成整改提高"),
                "obligation",
                ("县委",),
                "整改提高",
                t.key,
            ),
            Requirement(s("党员要参加"), "exhortation", ("党员",)),
        ),
    )
