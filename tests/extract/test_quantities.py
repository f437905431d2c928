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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("集中研讨不少于两周", [(">=", 2, "周")]),
        ("每个支部不少于5篇心得", [(">=", 5, "篇")]),
        ("每人至少提出3条意见", [(">=", 3, "条")]),
        ("开展4次以上专题学习", [(">=", 4, "次")]),
        ("优秀比例控制在20%以内", [("<=", 20, "%")]),
        ("两至三个月后再次考察", [("range", "2-3", "个月")]),
        ("年龄在40周岁以下", [("<=", 40, "周岁")]),
        ("字数1500-2000字", [("range", "1500-2000", "字")]),
        ("推选先进典型8例", [("=", 8, "例")]),
        ("增补委员2名，候补委员1名。", [("=", 2, "名"), ("=", 1, "名")]),
        ("近两年考核均为优秀", [("=", 2, "年")]),
        ("试用期不少于6个工作日", [(">=", 6, "工作日")]),
        ("每季度组织一次集中学习", [("=", 1, "次")]),
        ("发言时间不超过\n8分钟", [("<=", 8, "分钟")]),
        ("任职满\n3 年以上", [(">=", 3, "年")]),
        ("每两个月召开一次例会", [("=", 2, "个月"), ("=", 1, "次")]),
        ("集中学习不少于半天", [(">=", 0.5, "天")]),
    ],
)
def test_quantities_of_later_genres(text: str, expected: list[tuple]) -> None:
    assert [(c, v, u) for c, v, u, _, _ in find_quantities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "从三个层面推进，分四个阶段实施",  # descriptive counts
        "对照十个是否逐条检视",
        "增强两方面能力",
        "市领导等7位同志出席",  # a count that describes who came
        "这是一次深刻的党性教育",  # 一次 as "a"
        "第一次全体会议",
        "再一次强调纪律",
        "一次性补发",
        "教育的每一天都很重要",  # each day, no frequency
        "历时半年，成效明显",
    ],
)
def test_no_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("评选表彰“优秀案例” 10 例，并推荐。", ("=", 10, "例")),  # a count after a quotation
        ("任职试用期1年，期满考核。", ("=", 1, "年")),  # a term of fixed length
    ],
)
def test_counts_and_terms(text: str, expected: tuple) -> None:
    assert expected in [(c, v, u) for c, v, u, _, _ in find_quantities(text)]


_KIND_EXAMPLES = {
    "bound": "不少于45个学时",
    "one_or_more": "解决1个或几个问题",
    "range": "1-2个",
    "suffixed": "2个学时以上",
    "bound_loose": "至少安排3天",
    "reached": "90%达到",
    "reach": "达到90%",
    "eq_time": "用3天的时间",
    "every_n": "每5年",
    "lookback": "近3年",
    "times_per": "每学期至少2次",
    "count_posts": "推荐5名，",
    "count_times": "召开2次",
    "term": "试用期1年",
}


@pytest.mark.parametrize(("kind", "example"), sorted(_KIND_EXAMPLES.items()))
def test_numeral_kinds_are_the_patterns_that_need_a_numeral(kind: str, example: str) -> None:
    """Without its numerals an example still matches exactly when its kind needs none."""
    import re

    from extract.lexicon import data_json, regex_table

    d = data_json("quantities.json")
    rx = regex_table("quantities.json")[kind]
    assert rx.search(example), kind
    bare = re.sub("[" + re.escape(d["numeral_chars"]) + "]", "", example)
    assert (rx.search(bare) is None) is (kind in d["numeral_kinds"]), (kind, bare)
