"""The filter on actors that no requirement or relation names (extract.actor_filter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.actor_filter import actor_features, dropped, passing_only
from extract.ingest.reader import document_from_bytes
from extract.pipeline import COMPONENTS, Analysis, extract

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def labels(text: str) -> set[str]:
    return {a.label for a in extract(document_from_bytes("a.txt", text.encode())).actors}


def features(text: str) -> dict[str, dict[str, float]]:
    a = Analysis(document_from_bytes("a.txt", text.encode()))
    for name, component in COMPONENTS:
        if name != "actor_filter":
            component(a)
    return dict(actor_features(a))


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (  # bodies only inside officials' titles
            "某县召开学习会\n县委副书记、县纪委书记李某某主持会议。各支部要认真学习。",
            {"支部"},
            {"县委", "县纪委"},
        ),
        (  # dignitaries reported present
            "某县召开学习会\n县教育局有关领导同志出席会议。各支部要认真学习。",
            {"支部"},
            {"县教育局", "领导同志"},
        ),
        (  # a body qualifying the participants: the participants are the actor
            "某县召开学习会\n县直各部门主要负责同志参加会议。各支部要认真学习。",
            {"主要负责同志", "支部"},
            {"部门"},
        ),
        (  # a person held up as a model
            "某县召开学习会\n会议号召，要学习张明同志的事迹。各支部要认真学习。",
            {"支部"},
            {"张明"},
        ),
        (  # a person at work stays
            "某县召开学习会\n张明同志主持会议。各支部要认真学习。",
            {"张明", "支部"},
            set(),
        ),
    ],
)
def test_actors_named_in_passing_are_dropped(text: str, kept: set[str], dropped: set[str]):
    got = labels(text)
    assert kept <= got
    assert not dropped & got


def test_referenced_actors_are_kept_even_inside_a_title() -> None:
    # 县委 is named in a title and also holds a requirement of its own
    got = labels("县委书记李某某主持会议。县委要加强领导。")
    assert "县委" in got


@pytest.mark.parametrize(
    ("text", "actor", "present", "absent"),
    [
        (
            "某校召开会议\n县委副书记、县纪委书记出席会议。各支部要认真学习。",
            "县委副书记",
            {"any:title", "share:title", "any:in_list"},
            set(),
        ),
        (
            "某校召开会议\n区教育局、区财政局共同主办本次活动。各支部要认真学习。",
            "区财政局",
            {"any:host", "any:in_list"},
            {"any:title"},
        ),
        (
            "某校召开会议\n县教育局有关领导同志出席会议。各支部要认真学习。",
            "领导同志",
            {"any:present", "share:present"},
            {"any:participate", "any:title"},
        ),
        ("各支部要认真学习《县教育局工作手册》。", "县教育局", {"any:in_book"}, {"any:in_quote"}),
        ("各支部要认真学习“县教育局工作手册”。", "县教育局", {"any:in_quote"}, {"any:in_book"}),
    ],
)
def test_mention_cues(text: str, actor: str, present: set[str], absent: set[str]) -> None:
    f = features(text)[actor]
    assert present <= set(f)
    assert not absent & set(f)


@pytest.mark.parametrize(
    ("f", "rule"),
    [
        ({"share:title": 1.0}, "title"),
        ({"share:title": 0.5}, None),
        ({"share:present": 1.0}, "present"),
        ({"share:present": 1.0, "any:participate": 1.0}, None),
        ({"share:present": 1.0, "type:Person": 1.0}, None),
        ({"share:model": 1.0, "type:Person": 1.0}, "model"),
        ({"share:model": 1.0, "type:PartyCommittee": 1.0}, None),
    ],
)
def test_passing_only_rules(f: dict[str, float], rule: str | None) -> None:
    assert passing_only(f) == rule


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("关于开展宣讲的通知\n为做好准备，我市将组织开展宣讲比赛。", "我市"),
        ("关于开展学习的通知\n本县要认真抓好学习。", "本县"),
    ],
)
def test_own_locality_opening_a_directive_is_an_actor(text: str, label: str) -> None:
    assert label in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "结合我区实际，各级党组织要抓好学习。",  # a possessive, not a subject
        "我区扎实开展了学习。",  # a report, no modal
    ],
)
def test_own_locality_in_passing_is_no_actor(text: str) -> None:
    assert not {"我区"} & labels(text)


@pytest.mark.parametrize(
    "path", sorted((REPO / "examples" / "corpus").iterdir()), ids=lambda p: p.name
)
def test_filter_drops_what_the_rules_drop_over_the_features(path: Path) -> None:
    a = Analysis(document_from_bytes(path.name, path.read_bytes()))
    for name, component in COMPONENTS:
        if name != "actor_filter":
            component(a)
    assert dropped(a) == {k for k, f in actor_features(a) if passing_only(f)}
