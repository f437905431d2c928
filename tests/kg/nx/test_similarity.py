"""kg.nx.similarity: requirements that say the same thing in other words."""

from __future__ import annotations

import pytest

from kg.nx.compare import DEFAULT_THRESHOLD
from kg.nx.similarity import Facts, key_terms, similarity

# (quote, actors, stages) pairs written for these tests
SAME = [
    (
        ("对验收不合格的单位，要严格把关，先补课再转入下一阶段", ["市委督导组"], ["学习动员"]),
        ("指导组要把好关，未达标的必须补学，不能转段", ["县委指导组"], ["学习动员"]),
    ),
    (
        ("各支部要按时上报整改方案", ["支部"], ["整改提高"]),
        ("党支部须及时报送整改方案", ["党支部"], ["整改提高"]),
    ),
    (
        ("领导班子要召开民主生活会，开展谈心", ["领导班子"], ["分析评议"]),
        ("领导班子须开好民主生活会，广泛谈心", ["领导班子"], []),
    ),
]
DIFFERENT = [
    (
        ("对验收不合格的单位，要严格把关，先补课再转入下一阶段", ["市委督导组"], ["学习动员"]),
        ("各支部要按时上报整改方案", ["支部"], ["整改提高"]),
    ),
    (
        ("党委要公示评议结果", ["党委"], ["分析评议"]),
        ("党委要建立台账", ["党委"], ["分析评议"]),
    ),
    (
        ("要组织专题讲座", [], []),
        ("要通报典型案例", [], []),
    ),
]


def _sim(pair) -> float:
    a, b = (Facts.of(*side) for side in pair)
    return similarity(a, b)


@pytest.mark.parametrize("pair", SAME)
def test_paraphrases_match_at_the_default_threshold(pair):
    assert _sim(pair) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize("pair", DIFFERENT)
def test_different_requirements_do_not_match(pair):
    assert _sim(pair) < DEFAULT_THRESHOLD


@pytest.mark.parametrize("pair", SAME + DIFFERENT)
def test_similarity_is_symmetric(pair):
    assert _sim(pair) == pytest.approx(_sim(pair[::-1]))


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("把好关", {"把关"}),
        ("转入下一阶段", {"转段"}),
        ("区委督导组", {"督导组"}),
        ("及时报送", {"上报"}),
    ],
)
def test_paraphrased_surfaces_give_one_term(text, terms):
    assert key_terms(text) == terms


def test_identical_requirements_are_fully_similar():
    a = Facts.of("各支部要按时上报整改方案", ["支部"], ["整改提高"])
    assert similarity(a, a) == 1.0
