"""A unit's first word: the longest dictionary word it opens with (up to four characters)."""

from __future__ import annotations

import pytest

from extract.directive_features import first_word
from extract.tokenize import tokenizer


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("委员会要加强", "委员会"),  # a three-character word, not 委员
        ("领导班子要", "领导班子"),  # four characters that are one dictionary word
        ("加强领导", "加强"),  # 加强领 is no prefix of a word: the search stops there
        ("各单位要", "各"),  # no longer word: one character
        ("学", "学"),
        ("", ""),
    ],
)
def test_first_word_is_the_longest_dictionary_word(text, word):
    assert first_word(text)[0] == word


def test_every_prefix_of_a_dictionary_word_is_in_the_table():
    # first_word stops at the first prefix missing from the table; that is only
    # right while the table holds every prefix of its words (jieba's own DAG
    # search relies on it too)
    freq = tokenizer().FREQ
    assert all(w[:-1] in freq for w in freq if len(w) > 1)
