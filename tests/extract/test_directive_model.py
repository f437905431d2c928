"""The learned keep-or-drop decision on candidate directive units."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from extract.directive_features import document_context, unit_features
from extract.directive_model import DirectiveModel, default_model
from extract.directives import directive_units
from extract.lexicon import data_path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def features_of(text: str, unit_text: str) -> dict[str, float]:
    ctx = document_context(text)
    unit = next(u for u in directive_units(text, every_sentence=True) if u.text == unit_text)
    return unit_features(unit, ctx)


@pytest.mark.parametrize(
    ("text", "unit", "present", "absent"),
    [
        (  # a notice directs in bare imperatives
            "关于开展读书活动的通知\n各科室：\n二、活动安排\n组织全体职工集中学习。",
            "组织全体职工集中学习",
            {"starts_with_verb", "doc_directive_title", "doc_salutation", "cue:none"},
            {"perfective", "pledge"},
        ),
        (  # a report tells what was done
            "某校召开总结会\n会上，校长总结了上半年的工作。",
            "会上，校长总结了上半年的工作",
            {"perfective", "doc_report_title"},
            {"doc_directive_title"},
        ),
        (  # a pledge is no directive
            "会议表态\n我们将认真落实各项部署。",
            "我们将认真落实各项部署",
            {"pledge"},
            set(),
        ),
        (  # a statement of significance
            "讲话\n这项工作具有重要意义。",
            "这项工作具有重要意义",
            {"significance"},
            set(),
        ),
    ],
)
def test_unit_features(text: str, unit: str, present: set[str], absent: set[str]) -> None:
    f = features_of(text, unit)
    assert present <= set(f)
    assert not absent & set(f)


@pytest.mark.parametrize(
    ("weights", "features", "kept"),
    [
        ({"bias": -2.0, "cue:strong": 3.0}, {"bias": 1.0, "cue:strong": 1.0}, True),
        ({"bias": -2.0, "cue:strong": 3.0}, {"bias": 1.0}, False),
        ({"bias": 0.0}, {"bias": 1.0, "unknown": 1.0}, True),  # p = 0.5 at threshold 0.5
    ],
)
def test_model_keeps_above_its_threshold(weights, features, kept: bool) -> None:
    assert DirectiveModel(weights, 0.5).keep(features) is kept


def test_shipped_model_is_sound() -> None:
    m = default_model()
    assert m is not None
    assert 0.0 < m.threshold < 1.0
    assert m.weights and all(math.isfinite(w) for w in m.weights.values())


def test_recorded_lodo_figures_are_what_the_training_script_measures() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import train_directive_model as train

    stored = json.loads(data_path("directive_model.json").read_text(encoding="utf-8"))
    docs = train.candidates(SHARED)
    assert len(docs) == 19
    figures = train.lodo(docs, stored["c"], [stored["threshold"]])[stored["threshold"]]
    assert figures == stored["lodo"]
