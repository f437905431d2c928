"""Rule ids and confidences are declared in one place (extract/rules.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.ingest.reader import read_document
from extract.pipeline import extract
from extract.rules import declared, prov
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(
    ("rule", "confidence"),
    [("rel.suborg.name", 0.9), ("requirement.cue.必须", 0.8), ("actor.Person", 0.8)],
)
def test_a_rule_takes_the_declared_confidence(rule: str, confidence: float) -> None:
    assert prov(rule).confidence == confidence


def test_an_undeclared_rule_is_an_error() -> None:
    with pytest.raises(KeyError, match="undeclared rule id"):
        prov("rel.made.up")


def test_every_declaration_has_a_confidence_and_a_description() -> None:
    assert all(0.0 < c <= 1.0 and d for _, c, d in declared())


@pytest.mark.parametrize("path", sorted(Path(EXAMPLES).iterdir()), ids=lambda p: p.name)
def test_every_fact_names_a_declared_rule(path: Path) -> None:
    ex = extract(read_document(path))
    facts = [*ex.actors, *ex.stages, *ex.steps, *ex.times, *ex.requirements, *ex.relations]
    assert facts
    for fact in facts:
        assert prov(fact.prov.rule).confidence == fact.prov.confidence
