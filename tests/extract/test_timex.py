"""Time expressions: values, roles, redactions, durations and times of day."""

from __future__ import annotations

import pytest

from extract.timex import cn_number, find_times, normalize, role_of


@pytest.mark.parametrize(
    ("surface", "year", "value"),
    [
        ("4月9日", None, "--04-09"),
        ("2019年4月9日", None, "2019-04-09"),
        ("4月9日", 2019, "2019-04-09"),
        ("10月", None, "--10"),
        ("10月份", None, "--10"),
        ("6月上旬", None, "--06-01/--06-10"),
        ("6月中旬", None, "--06-11/--06-20"),
        ("6月下旬", None, "--06-21/--06-30"),
        ("2月下旬", None, "--02-21/--02-28"),
        ("2008年2月下旬", None, "2008-02-21/2008-02-29"),
        ("11月底", None, "--11-21/--11-30"),
        ("12月初", None, "--12-01/--12-10"),
        ("5月20日前", None, "--05-20"),
        ("5月20日以前", None, "--05-20"),
        ("4月6日——4月12日", None, "--04-06/--04-12"),
        ("4月6日至12日", None, "--04-06/--04-12"),
        ("6月上旬至7月中旬", None, "--06-01/--07-20"),
        ("5月至6月", None, "--05/--06"),
        ("今年3月", 2013, "2013-03"),
        ("去年11月", 2013, "2012-11"),
        ("去年11月", None, "--11"),
        ("20xx年5月4日", 2013, "--05-04"),
        ("二〇一三年六月十八日", None, "2013-06-18"),
        ("十月二十日", None, "--10-20"),
        ("5月4日下午3:00前", None, "--05-04"),
        ("月日", None, None),
        ("年月下旬", None, None),
        ("13月2日", None, None),
    ],
)
def test_normalize(surface: str, year: int | None, value: str | None) -> None:
    assert normalize(surface, year) == value


def test_anchored_range_starts_at_the_speech_date() -> None:
    assert normalize("从今天起至4月30日", anchor="--04-09") == "--04-09/--04-30"
    assert normalize("从今天起至4月30日") == "../--04-30"  # start unknown: open


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("各支部要在5月20日前上报材料。", ["5月20日前"]),
        ("活动从年月中旬开始到月底基本结束。", ["年月中旬", "月底"]),
        ("×月日召开的全市工作会议。", ["月日"]),
        ("集中学习不少于20天，每个阶段1个月。", []),
        ("元旦春节期间要走访困难党员，本周三前报送。", ["春节期间", "本周三前"]),
        ("腊月初八上午召开会议。", ["腊月初八上午"]),
        ("党组书记讲了几个月来的体会，每周一例会。", []),
        ("中发〔2019〕5号文件和[2005]41号文件。", []),
    ],
)
def test_find_times_spans(text: str, found: list[str]) -> None:
    assert [m.group() for m, _, _ in find_times(text)] == found


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("各党委要在6月30日前召开动员会。", "deadline"),
        ("学习阶段安排在5月10日基本结束。", "deadline"),
        ("9月上旬要转入查摆问题阶段。", "deadline"),
        ("4月6日——4月12日，集中学习党章。", "schedule"),
        ("时间大体掌握在6月上旬至7月中旬。", "schedule"),
        ("从下周一起，各组要每天报告情况。", "schedule"),
        ("3月1日召开全县动员大会以来，各单位普遍重视。", "event"),
        ("市委常委会于5月8日召开了专题会议。", "event"),
        ("去年10月开始筹备。", "event"),
        ("4月2日，电视台作了报道。", "event"),
    ],
)
def test_roles(text: str, role: str) -> None:
    [(_, _, got)] = find_times(text)
    assert got == role


def test_role_of_is_context_only() -> None:
    assert role_of("6月30日前", "", "") == "deadline"
    assert role_of("6月30日", "", "，市委召开会议") == "event"


@pytest.mark.parametrize(("s", "n"), [("十二", 12), ("二十一", 21), ("三十", 30), ("一两", None)])
def test_cn_number(s: str, n: int | None) -> None:
    assert cn_number(s) == n
