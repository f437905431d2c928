"""Interval questions answered by binary search agree with a scan of every span."""

from __future__ import annotations

import random

import pytest

from extract.intervals import Intervals


def _spans(rnd: random.Random) -> list[tuple[int, int]]:
    out = []
    for _ in range(rnd.randint(0, 25)):
        a = rnd.randint(0, 60)
        out.append((a, a + rnd.randint(1, 15)))
    return out


@pytest.mark.parametrize("seed", range(60))
def test_questions_agree_with_a_scan(seed: int) -> None:
    rnd = random.Random(seed)
    spans = _spans(rnd)
    iv = Intervals(spans)
    ordered = sorted(spans)
    for pos in range(-2, 80):
        first = next((s for s in ordered if s[0] <= pos < s[1]), None)
        assert iv.first_holding(pos) == first
        assert iv.holds(pos) is (first is not None)
        assert iv.holds_inside(pos) is any(a < pos < b for a, b in spans)
        for end in range(pos, pos + 12):
            assert iv.holds_span(pos, end) is any(a <= pos and end <= b for a, b in spans)
            assert iv.any_within(pos, end) is any(pos <= a and b <= end for a, b in spans)
            assert iv.any_start_in(pos, end) is any(pos <= a < end for a, _ in spans)
            assert iv.overlaps(pos, end) is any(a < end and pos < b for a, b in spans)


@pytest.mark.parametrize("seed", range(30))
def test_overlaps_agrees_with_a_scan_with_empty_spans(seed: int) -> None:
    rnd = random.Random(100 + seed)
    spans = [(a, a + rnd.randint(0, 6)) for a in rnd.choices(range(40), k=rnd.randint(0, 12))]
    iv = Intervals(spans)
    for pos in range(-2, 50):
        for end in range(pos, pos + 8):
            assert iv.overlaps(pos, end) is any(a < end and pos < b for a, b in spans)


def test_index_of_first_holding_points_into_the_sorted_spans() -> None:
    iv = Intervals([(5, 9), (0, 3), (5, 7)])
    assert iv.spans[iv.index_of_first_holding(6)] == (5, 7)
    assert iv.index_of_first_holding(4) is None


def test_no_spans_hold_nothing() -> None:
    iv = Intervals([])
    assert not iv.holds(0) and not iv.any_within(0, 10) and iv.first_holding(3) is None
