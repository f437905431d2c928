"""The learned keep-or-drop decision for candidate directive units.

A logistic regression over :func:`extract.directive_features.unit_features`,
trained from the gold annotations by ``scripts/train_directive_model.py`` and
kept as plain weights in ``extract/data/directive_model.json`` (nothing is
downloaded or unpickled at run time; scoring is a dot product). The training
script reports leave-one-document-out figures, written beside the weights and
in ``benchmarks/EXTRACTION.md``. Without a model file the rules decide alone.

Examples
--------
>>> m = DirectiveModel({"bias": -1.0, "cue:strong": 3.0}, threshold=0.5)
>>> m.keep({"bias": 1.0, "cue:strong": 1.0}), m.keep({"bias": 1.0})
(True, False)
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from functools import reduce
from itertools import repeat
from operator import add, mul

from extract.lexicon import data_path

MODEL_FILE = "directive_model.json"


class DirectiveModel:
    """Weights per feature name and the probability above which a unit is kept."""

    def __init__(self, weights: Mapping[str, float], threshold: float = 0.5):
        self.weights = dict(weights)
        self.threshold = threshold

    def probability(self, features: Mapping[str, float]) -> float:
        """The model's probability that the unit is a requirement."""
        # summed one by one in the features' order: reduce(add), not sum(), whose float
        # total is compensated from Python 3.12 on and would differ between versions
        terms = map(mul, map(self.weights.get, features, repeat(0.0)), features.values())
        z = reduce(add, terms, 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, features: Mapping[str, float]) -> bool:
        """Whether the unit is kept as a requirement."""
        return self.probability(features) >= self.threshold


@functools.cache
def default_model() -> DirectiveModel | None:
    """The model shipped in ``extract/data`` (None when there is none)."""
    path = data_path(MODEL_FILE)
    if not path.is_file():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    return DirectiveModel(d["weights"], d["threshold"])
