"""How alike two requirements are, when they say the same thing in other words.

``similarity = (text + terms) / 2``, both between 0 and 1 (``text`` alone when
either requirement has no key term other than its stage):

- ``text``: the character bigrams of the two actions (the requirement's words
  without punctuation, actors and modal cues, :func:`kg.nx.common.normalize_action`),
  the mean of their Dice coefficient (shared / average size) and their
  containment (shared / the smaller set, but never less than
  :data:`MIN_BIGRAMS`, so that two characters in common do not count as the
  whole of a short action).
- ``terms``: the key terms both mention, over the fewer key terms of the two
  (never less than :data:`MIN_TERMS`, so one common word is half a match at
  most); 0 when they share none but their stage. The stage counts as one
  more term of both when both have the same stage, and not at all otherwise
  (a stage is often inferred from the position in the speech, so a
  difference there is weak evidence). Key terms are the stages and the words of
  ``extract/data/key_terms.tsv`` found in its text or its actors' labels: verbs
  and objects of campaign work (把关, 补课, 转段, 合格, 上报 ...) and actor roles
  without their jurisdiction (区委督导组 and 县委督导组 both give 督导组).
  Paraphrases share a term there (严格把关 and 把好关, 转入第二阶段 and 转段).

So ``对不合格的要严格把关，督促其补课后再转入第二阶段`` and
``督导组要严格把关，责令不合格单位补课，不得按时转段`` match (0.65) although
their wording differs, while requirements sharing one generic word do not.

Examples
--------
>>> a = Facts.of("对不合格的要严格把关，督促其补课后再转入第二阶段", ["区委督导组"], ["分析评议"])
>>> b = Facts.of("督导组要严格把关，责令不合格单位补课，不得按时转段", ["县委督导组"], ["分析评议"])
>>> sorted(a.terms & b.terms)
['合格', '把关', '督导组', '补课', '转段', '阶段:分析评议']
>>> round(similarity(a, b), 2)
0.65
>>> c = Facts.of("各支部要按时上报整改方案", ["支部"], [])
>>> round(similarity(a, c), 2)
0.0
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from extract.lexicon import data_tsv, tsv_alternation
from kg.nx.common import normalize_action

KEY_TERMS = "key_terms.tsv"
"""The data file of key terms (in ``extract/data``): surface, term."""
MIN_BIGRAMS = 4
"""The least size containment divides by (a shorter action cannot be wholly contained)."""
MIN_TERMS = 2
"""The least number of key terms the term overlap divides by."""
STAGE_PREFIX = "阶段:"


@functools.cache
def _term_of() -> dict[str, str]:
    return {row[0]: row[1] for row in data_tsv(KEY_TERMS)}


def key_terms(text: str) -> frozenset[str]:
    """The key terms in ``text`` (longest surfaces first, no overlaps).

    Examples
    --------
    >>> sorted(key_terms("督导组要把好关，未达标的及时补学"))
    ['合格', '把关', '督导组', '补课']
    """
    table = _term_of()
    return frozenset(table[m.group()] for m in tsv_alternation(KEY_TERMS).finditer(text))


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of ``text`` (the text itself when shorter than two)."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset({text})


@dataclass(frozen=True)
class Facts:
    """What the similarity looks at in one requirement."""

    action: str
    grams: frozenset[str]
    terms: frozenset[str]

    @property
    def words(self) -> frozenset[str]:
        """The key terms other than stages."""
        return frozenset(t for t in self.terms if not t.startswith(STAGE_PREFIX))

    @property
    def stages(self) -> frozenset[str]:
        """The stage terms."""
        return self.terms - self.words

    @classmethod
    def of(cls, quote: str, actors: Iterable[str], stages: Iterable[str]) -> Facts:
        """The facts of a requirement from its quote, actor labels and stage labels."""
        actors = list(actors)
        action = normalize_action(quote, actors)
        terms = key_terms(quote) | {t for a in actors for t in key_terms(a)}
        terms |= {STAGE_PREFIX + s for s in stages}
        return cls(action, bigrams(action), frozenset(terms))


def text_similarity(a: Facts, b: Facts) -> float:
    """Mean of the Dice coefficient and the containment of the actions' bigrams.

    Examples
    --------
    >>> text_similarity(Facts.of("组织学习", [], []), Facts.of("组织学习", [], []))
    1.0
    """
    if a.action == b.action:
        return 1.0
    shared = len(a.grams & b.grams)
    dice = 2 * shared / (len(a.grams) + len(b.grams))
    contained = shared / max(min(len(a.grams), len(b.grams)), MIN_BIGRAMS)
    return (dice + contained) / 2


def term_similarity(a: Facts, b: Facts) -> float:
    """Shared key terms over the fewer of the two (at least :data:`MIN_TERMS`); 0 if none."""
    shared = len(a.words & b.words)
    if not shared:
        return 0.0
    fewer = min(len(a.words), len(b.words))
    if a.stages and b.stages and a.stages == b.stages:
        shared, fewer = shared + 1, fewer + 1
    return shared / max(fewer, MIN_TERMS)


def similarity(a: Facts, b: Facts) -> float:
    """``(text + terms) / 2``, or ``text`` alone when one has no key terms (module docstring)."""
    if not a.words or not b.words:
        return text_similarity(a, b)
    return (text_similarity(a, b) + term_similarity(a, b)) / 2
