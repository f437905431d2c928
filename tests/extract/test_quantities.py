"""Quantities: bounds, ranges, approximations, frequencies and redacted values."""

from __future__ import annotations

import pytest

from extract.quantities import find_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("集中学习不少于32个学时", [(">=", 32, "学时")]),
        ("专题学习不得少于5天", [(">=", 5, "天")]),
        ("时间不能少于2个月", [(">=", 2, "个月")]),
        ("每次安排半天，3个小时以上", [(">=", 3, "小时")]),
        ("发言不超过10分钟", [("<=", 10, "分钟")]),
        ("参学率达到95%以上", [(">=", 95, "%")]),
        ("延长一周左右", [("approx", 1, "周")]),
        ("每个支部解决2-3个问题", [("range", "2-3", "个")]),
        ("办好两三件实事", [("range", "2-3", "件")]),
        ("每人至少谈心一次", [(">=", 1, "次")]),
        ("每年至少召开1次", [(">=", 1, "次")]),
        ("原则上每3年换届1次", [("=", 3, "年"), ("=", 1, "次")]),
        ("用10天的时间搞好培训", [("=", 10, "天")]),
        ("解决一个或几个突出问题", [(">=", 1, "个")]),
        ("不少于个月", [(">=", None, "个月")]),
        ("原则上为个月左右", [("approx", None, "个月")]),
        ("用天时间集中学习", [("=", None, "天")]),
        ("经过三个阶段，七个环节", []),
        ("全县12名流动党员", []),
        ("五项要求和三条意见", []),
    ],
)
def test_find_quantities(text: str, expected: list[tuple]) -> None:
    assert [(c, v, u) for c, v, u, _, _ in find_quantities(text)] == expected


def test_offsets_point_at_the_bound() -> None:
    text = "确保学习时间不少于45个学时"
    [(_, _, _, s, e)] = find_quantities(text)
    assert text[s:e] == "不少于45个学时"
