"""Correction records: their JSON line, their id, and what they refuse."""

from __future__ import annotations

import json

import pytest

from kg.corrections.records import Amount, Change, Correction, CorrectionError, Target

WHEN = "2026-03-01T08:00:00Z"
REQ = Target("a.txt", "requirement", 0, 9)
ACTOR = Target("a.txt", "actor", label="督导组")
REL = Target("a.txt", "relation", label="reportsTo", source="支部", dest="党委")

VALID = {
    "actors.add": ("actors.add", REQ, Change(actors=("党委", "支部"))),
    "actors.remove": ("actors.remove", REQ, Change(actors=("党委",))),
    "modality": ("modality", REQ, Change(modality="permission")),
    "stage": ("stage", REQ, Change(stage="学习动员")),
    "stage cleared": ("stage", REQ, Change(stage="")),
    "deadline": ("deadline", REQ, Change(deadline="3-8")),
    "quantity": ("quantity", REQ, Change(quantities=(Amount(">=", 45, "学时"),))),
    "quantities cleared": ("quantity", REQ, Change(quantities=())),
    "redacted quantity": ("quantity", REQ, Change(quantities=(Amount(">=", None, "个月"),))),
    "reject requirement": ("reject", REQ, Change()),
    "reject time": ("reject", Target("a.txt", "time", 3, 8), Change()),
    "reject actor": ("reject", ACTOR, Change()),
    "reject relation": ("reject", REL, Change()),
    "add.requirement": (
        "add.requirement",
        REQ,
        Change(quote="各支部要认真学习。", modality="obligation", actors=("支部",)),
    ),
    "add.actor": (
        "add.actor",
        Target("a.txt", "actor", 0, 3, label="督导组"),
        Change(quote="督导组", actor_type="SupervisoryGroup"),
    ),
    "add.relation": ("add.relation", REL, Change()),
    "merge": ("merge", ACTOR, Change(label="区委督导组")),
    "split": ("split", ACTOR, Change(label="市委督导组", requirements=("10-20", "30-41"))),
    "review": ("review", Target("a.txt", "document"), Change()),
}


def make(name: str, memo: str = "") -> Correction:
    action, target, change = VALID[name]
    return Correction(
        action=action, target=target, change=change, author="王", time=WHEN, memo=memo
    )


@pytest.mark.parametrize("name", sorted(VALID))
def test_line_reads_back_as_the_same_correction(name):
    c = make(name, memo="见第二段")
    assert Correction.from_line(c.to_line()) == c


@pytest.mark.parametrize("name", sorted(VALID))
def test_line_has_sorted_keys_at_every_level(name):
    def sorted_keys(obj) -> bool:
        if isinstance(obj, dict):
            return list(obj) == sorted(obj) and all(sorted_keys(v) for v in obj.values())
        if isinstance(obj, list):
            return all(sorted_keys(v) for v in obj)
        return True

    line = make(name).to_line()
    assert "\n" not in line and sorted_keys(json.loads(line))


def test_id_depends_on_content_only():
    assert make("modality").id == make("modality").id
    assert make("modality").id != make("modality", memo="x").id


INVALID = {
    "unknown action": ({"action": "rename"}, "action 'rename'"),
    "no author": ({"author": " "}, "no author"),
    "time without zone": ({"time": "2026-03-01T08:00:00"}, "no time zone"),
    "not a time": ({"time": "yesterday"}, "not ISO 8601"),
    "modality unknown": ({"change": Change(modality="must")}, "modality 'must'"),
    "actor target for modality": ({"target": ACTOR}, "applies to requirement"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_bad_correction_is_refused_in_one_line(name):
    fields, message = INVALID[name]
    base = {
        "action": "modality",
        "target": REQ,
        "change": Change(modality="obligation"),
        "author": "王",
        "time": WHEN,
    }
    with pytest.raises(CorrectionError, match=message) as info:
        Correction(**(base | fields))
    assert "\n" not in str(info.value)


BAD_TARGETS = {
    "no document": ({"document": ""}, "no document"),
    "unknown kind": ({"kind": "clause"}, "kind 'clause'"),
    "half a span": ({"end": None}, "both start and end"),
    "empty span": ({"start": 9, "end": 9}, "bad span"),
}


@pytest.mark.parametrize("name", sorted(BAD_TARGETS))
def test_bad_target_is_refused(name):
    fields, message = BAD_TARGETS[name]
    base = {"document": "a.txt", "kind": "requirement", "start": 0, "end": 9}
    with pytest.raises(CorrectionError, match=message):
        Target(**(base | fields))


BAD_CHANGES = {
    "actors.add without actors": ("actors.add", REQ, Change(), "name the actors"),
    "quote of another length": (
        "add.requirement",
        REQ,
        Change(quote="短", modality="obligation"),
        "length differs",
    ),
    "add.actor without type": (
        "add.actor",
        Target("a.txt", "actor", 0, 3, label="督导组"),
        Change(quote="督导组"),
        "type None",
    ),
    "split without requirements": ("split", ACTOR, Change(label="x"), "name the requirements"),
    "deadline not a span": ("deadline", REQ, Change(deadline="3月"), "not a span"),
    "relation of unknown type": (
        "reject",
        None,
        Change(),
        "relation type 'leads'",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_CHANGES))
def test_incomplete_change_is_refused(name):
    action, target, change, message = BAD_CHANGES[name]
    with pytest.raises(CorrectionError, match=message):
        if target is None:
            target = Target("a.txt", "relation", label="leads", source="a", dest="b")
        Correction(action=action, target=target, change=change, author="王", time=WHEN)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{", "not JSON"),
        ("[]", "a JSON object"),
        ('{"action": "review"}', "missing field"),
        (make("review").to_line()[:-1] + ',"colour":"red"}', "unknown field 'colour'"),
    ],
)
def test_unreadable_line_is_refused(line, message):
    with pytest.raises(CorrectionError, match=message):
        Correction.from_line(line)
