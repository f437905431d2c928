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


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # named days: quoted, or in a time context
        ("学习“七一”重要讲话精神。", ["“七一”"]),
        ("在“12·4”国家宪法日开展宣传。", ["“12·4”"]),
        ("学习7·1重要讲话精神，版本3·2升级。", ["7·1"]),  # a day names a speech; 3·2 no
        ("各校要在国庆节前完成自查。", ["国庆节前"]),
        ("今年五四前后组织入团仪式。", ["今年五四前后"]),
        ("迎接五一，表彰先进。", ["五一"]),
        # a festival or day number alone, with nothing that makes it a time
        ("开展春节慰问困难党员活动。", []),
        ("弘扬五四精神，庆祝建党节重要讲话精神。", []),
        ("七一中学的党员教师。", []),
        # years, 年度, 学年 and their ranges
        ("开好2017年度民主生活会。", ["2017年度"]),
        ("2016年至2018年获得过表彰的不再参评。", ["2016年至2018年"]),
        ("201\n6年以来的工作", ["201\n6年以来"]),
        # a half-year, a quarter or a plan's name is no time
        ("总结2017年上半年工作，部署第三季度任务。", []),
        ("制定“十三五”规划和2030年远景目标纲要。", []),
        ("现将某某通报2018年第6期印发给你们。", []),  # an issue number
        # 年底 alone only as the end of a span
        ("到年底前完成，年初安排的工作要落实。", ["年底前"]),
        # a day with no month hangs on the last month stated
        ("全会于3月4日开幕，5日下午闭幕。", ["3月4日", "5日下午"]),
        ("5日下午闭幕。", []),
        # dates of document titles, attachment lists and reprint stamps are no times
        ("根据《关于开好2017年度组织生活会的通知》要求。", []),
        ("附件：\n1.2017学年考核登记表\n2.党员名册", []),
        ("原载《光明日报》（2019年03月02日 第05版）", []),
        ("发布时间：2019年3月2日 点击数：35", []),
        # but a named day inside a lecture's title is one
        ("作《“七一”讲话精神》专题党课。", ["“七一”"]),
    ],
)
def test_find_times_later_genres(text: str, found: list[str]) -> None:
    assert [m.group() for m, _, _ in find_times(text)] == found


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("时间：\n2019年5月6日上午9点\n地点：会议室", "schedule"),
        ("报名截止时间：6月1日", "deadline"),
        ("第二阶段：3月上旬至4月10日前。", "schedule"),  # a window, though it ends in 前
        ("请于5月20日（周一）17:30前报送。", "deadline"),
        ("相关表格于6月2日放学前交团委。", "deadline"),
        ("大会于2月3日在北京隆重开幕。", "event"),
        ("会议定于2月3日在北京召开。", "schedule"),
        ("请各支部于2月3日召开支部大会。", "schedule"),
        ("6月下旬开展交叉检查，形成报告。", "schedule"),  # a planned item opening its line
        ("去年6月开始试点。", "event"),
        ("2017年5月8日印发", "event"),
        ("部署2019年工作任务。", "schedule"),
        ("2016年是全面建成小康社会决胜阶段的开局之年。", "event"),
        ("今年国庆节前夕要组织一次升旗仪式。", "deadline"),
        ("总书记在国庆节前夕发表的讲话", "event"),
    ],
)
def test_roles_later_genres(text: str, role: str) -> None:
    [(_, _, got)] = find_times(text)
    assert got == role


def test_a_list_number_before_a_date_is_no_broken_month() -> None:
    got = [(m.group(), v) for m, v, _ in find_times("1\n4月7日上午报到\n2\n4月8日下午考试")]
    assert got == [("4月7日上午", "--04-07"), ("4月8日下午", "--04-08")]
