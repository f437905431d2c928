"""Values of time expressions: named days, lunar holidays, years, year parts, day-only dates."""

from __future__ import annotations

import pytest

from extract.timex_value import normalize, year_value


@pytest.mark.parametrize(
    ("surface", "year", "value"),
    [
        # named fixed days take their date, with the document's year when it has one
        ("“七一”", None, "--07-01"),
        ("“七一”", 2016, "2016-07-01"),
        ("“五四”", None, "--05-04"),
        ("“7·2”", None, "--07-02"),
        ("“12·4”", None, "--12-04"),
        ("“一二·九”", None, "--12-09"),
        ("国庆节", None, "--10-01"),
        ("元旦", 2019, "2019-01-01"),
        ("教师节前", None, "--09-10"),
        ("“七一”建党节前", None, "--07-01"),
        ("2015年“五一”前", None, "2015-05-01"),
        ("今年“十一”前夕", 2014, "2014-10-01"),
        ("“13·5”", None, None),  # no 13th month
        # lunar holidays need the year
        ("春节", None, None),
        ("春节", 2016, "2016-02-08"),
        ("元宵节", 2016, "2016-02-22"),
        ("正月初八", 2016, "2016-02-15"),
        ("除夕", 2016, "2016-02-07"),
        ("腊月二十", 2016, None),
        # 年初, 年底 and their spans
        ("年底前", None, "--12-21/--12-31"),
        ("2013年底", None, "2013-12-21/2013-12-31"),
        ("今年底前", 2009, "2009-12-21/2009-12-31"),
        ("去年初", 2009, "2008-01-01/2008-01-10"),
        ("年初至国庆节前", 2017, "2017-01-01/2017-10-01"),
        ("春节后至年底", 2016, "2016-02-08/2016-12-31"),
        ("“五一”后至“七一”前", None, "--05-01/--07-01"),
        # weekdays and clock times inside the span are dropped
        ("3月8日（周五）12:00前", None, "--03-08"),
        ("11月2日(星期三)下午", None, "--11-02"),
        ("4月9日放学前", None, "--04-09"),
        # broken numbers
        ("1\n2月", None, "--12"),
    ],
)
def test_normalize_named_and_partial(surface: str, year: int | None, value: str | None) -> None:
    assert normalize(surface, year) == value


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("2017年", "2017"),
        ("2017年度", "2017"),
        ("2017学年", "2017"),
        ("2015年至2017年", "2015/2017"),
        ("2015—2017年", "2015/2017"),
        ("2016年度至2018年度", "2016/2018"),
        ("二〇一七年", "2017"),
        ("201\n7\n年以来", "2017"),
        ("17年", None),
        ("1200年", None),
        ("2017年3月", None),
    ],
)
def test_year_value(surface: str, value: str | None) -> None:
    assert year_value(surface) == value


@pytest.mark.parametrize(
    ("surface", "month_of", "value"),
    [
        ("9日上午", (2018, 3), "2018-03-09"),
        ("9日至11日", (None, 3), "--03-09/--03-11"),
        ("9日上午", None, None),
        ("31日下午", (None, 4), None),  # April has 30 days
    ],
)
def test_day_only_takes_the_last_month(
    surface: str, month_of: tuple[int | None, int] | None, value: str | None
) -> None:
    assert normalize(surface, month_of=month_of) == value


@pytest.mark.parametrize(
    ("surface", "value"),
    [("2019年6月3", "2019-06-03"), ("2019年6月31", None), ("二〇二〇年三月五日", "2020-03-05")],
)
def test_signature_dates(surface: str, value: str | None) -> None:
    assert normalize(surface) == value
