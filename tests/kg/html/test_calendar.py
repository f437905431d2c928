"""kg.html.calendar: the report timeline's years, lanes and label levels."""

from __future__ import annotations

from datetime import date

import pytest

from kg.html.calendar import RELATIVE_BASE, Item, charts, document_year, spans, stack_labels


@pytest.mark.parametrize(
    ("value", "doc_year", "text", "expected"),
    [
        ("2005-08-08", None, "8月8日", (date(2005, 8, 8), date(2005, 8, 8), True)),
        ("2014-03", 2005, "2014年3月", (date(2014, 3, 1), date(2014, 3, 31), True)),
        ("--03-15", 2005, "3月15日", (date(2005, 3, 15), date(2005, 3, 15), True)),
        ("--10", 2005, "去年10月", (date(2004, 10, 1), date(2004, 10, 31), True)),
        ("--02", 2005, "明年2月", (date(2006, 2, 1), date(2006, 2, 28), True)),
        (
            "--12-20/--01-10",
            2005,
            "12月20日至1月10日",
            (date(2005, 12, 20), date(2006, 1, 10), True),
        ),
        (
            "--03-15",
            None,
            "3月15日",
            (date(RELATIVE_BASE, 3, 15), date(RELATIVE_BASE, 3, 15), False),
        ),
        (
            "--10",
            None,
            "去年10月",
            (date(RELATIVE_BASE - 1, 10, 1), date(RELATIVE_BASE - 1, 10, 31), False),
        ),
        ("--13-01", 2005, "13月1日", None),
        ("../2021-12-31", None, "即日起至2021年12月31日", None),
    ],
)
def test_spans(value, doc_year, text, expected):
    assert spans(value, doc_year, text) == expected


@pytest.mark.parametrize("doc_year", [2005, None])
def test_last_years_october_comes_before_this_years_september(doc_year):
    october = spans("--10", doc_year, "去年10月")
    september = spans("--09", doc_year, "9月")
    assert october[1] < september[0]


@pytest.mark.parametrize(
    ("meta", "year"),
    [
        ({"year": 2005}, 2005),
        ({"date": "2014-03-02"}, 2014),
        ({"date": "--02-23"}, None),
        ({}, None),
    ],
)
def test_document_year(meta, year):
    assert document_year(meta) == year


@pytest.mark.parametrize(
    ("xs", "widths", "levels"),
    [
        ([0, 5, 12, 30], [10, 10, 10, 10], [0, 1, 0, 0]),
        ([0, 0, 0], [5, 5, 5], [0, 1, 2]),
        ([0, 10, 20], [10, 10, 10], [0, 0, 0]),
        ([20, 0], [10, 30], [1, 0]),
    ],
)
def test_stack_labels(xs, widths, levels):
    assert stack_labels(xs, widths) == levels


def _item(doc, year, calendar=True):
    d = date(year, 3, 1)
    return Item(doc, d, d, "3月1日", "event", doc, 0, 4, "3月1日", calendar)


def test_charts_keep_the_busiest_years_and_documents():
    items = [_item("a.txt", 2005)] * 3 + [_item("b.txt", 1919)] + [_item("c.txt", 2014)] * 2
    items += [_item("x.txt", RELATIVE_BASE, False)] * 2 + [_item("y.txt", RELATIVE_BASE, False)]
    drawn, left_out = charts(items, max_lanes=30, max_relative=1, max_years=2)
    assert [(t, rel) for t, rel, _ in drawn] == [
        ("2005年", False),
        ("2014年", False),
        ("x.txt", True),
    ]
    assert left_out == 2
