"""A hand-made document for the corrections tests: its records, its graph, correction makers.

The records are written by hand (no extractor runs), so the tests of
:mod:`kg.corrections.apply` hold whatever the extractor does.
"""

from __future__ import annotations

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
from kg.corrections.records import Change, Correction, Target
from kg.graph.nquads import to_nquads
from kg.graph.rdf import iter_quads

NAME = "c.txt"
TEXT = (
    "县委督导组要加强督促检查。各支部要在4月10日前完成自查，撰写心得不少于3篇。"
    "督导组不得代替支部工作。支部报党委审批。"
)
WHEN = "2026-03-01T08:00:00Z"


def span(sub: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return Span(start, start + len(sub), sub)


def clause(head: str) -> Span:
    start = TEXT.index(head)
    return span(TEXT[start : TEXT.index("。", start) + 1])


R_CHECK = clause("县委督导组要")
R_SELF = clause("各支部要")
R_FORBID = clause("督导组不得")
R_REPORT = clause("支部报党委")
T_DEADLINE = span("4月10日前")


def extraction() -> Extraction:
    """The records of :data:`TEXT`."""
    actors = (
        Actor(
            "县委督导组",
            "SupervisoryGroup",
            (span("县委督导组"), span("督导组", 1)),
            aliases=("督导组",),
            kind="督导组",
        ),
        Actor("支部", "PartyBranch", (span("支部"),)),
        Actor("党委", "PartyCommittee", (span("党委"),)),
    )
    requirements = (
        Requirement(R_CHECK, "obligation", actors=("县委督导组",)),
        Requirement(
            R_SELF,
            "obligation",
            actors=("支部",),
            deadline=T_DEADLINE.key,
            quantities=(Quantity(">=", 3, "篇", span("不少于3篇")),),
        ),
        Requirement(R_FORBID, "prohibition", actors=("县委督导组",)),
    )
    return Extraction(
        document=Document(name=NAME, raw=TEXT, text=TEXT, sha256="0" * 64),
        actors=actors,
        stages=(Phase("自查", "stage", (span("自查"),)),),
        times=(TimeExpression(T_DEADLINE, "--04-10", "deadline"),),
        requirements=requirements,
        relations=(Relation("reportsTo", "actor", "支部", "actor", "党委", R_REPORT),),
    )


def nquads() -> str:
    """The document's graph as the build caches it."""
    return to_nquads(iter_quads(extraction()))


def key(s: Span) -> tuple[int, int]:
    return s.start, s.end


def on_requirement(
    action: str, s: Span, author: str = "王", memo: str = "", **change
) -> Correction:
    """A correction of the requirement at span ``s``."""
    return Correction(
        action=action,
        target=Target(document=NAME, kind="requirement", start=s.start, end=s.end),
        change=Change(**change),
        author=author,
        time=WHEN,
        memo=memo,
    )


def on_target(action: str, target: Target, **change) -> Correction:
    """A correction of any target of :data:`NAME`."""
    return Correction(action=action, target=target, change=Change(**change), author="王", time=WHEN)
