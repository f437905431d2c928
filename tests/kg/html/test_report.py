"""report.html: sections, inline SVG with text, escaping, self-containment."""

from __future__ import annotations

import pytest

from kg.html.report import report_html
from kg.html.report_data import day_span
from tests.kg.html.fixtures import EVIL_ACTOR, IMG, SCRIPT
from tests.kg.html.pagecheck import external


@pytest.fixture(scope="module")
def page(hand_build) -> str:
    return (hand_build / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("--03-15", (74, 74)),
        ("2005-03-15", (74, 74)),
        ("--08-01/--09-10", (213, 253)),
        ("--01", (0, 30)),
        ("--12-21/--01-10", (355, 375)),
        ("年月上旬", None),
        ("--13-01", None),
    ],
)
def test_day_span(value, span):
    assert day_span(value) == span


@pytest.mark.parametrize(
    "section", ["counts", "timeline", "matrix", "flow", "chain", "top", "findings"]
)
def test_report_has_section(page, section):
    assert f'<section id="{section}">' in page


def test_report_has_three_svg_plots_with_text(page):
    assert page.count("<svg") == 3
    assert page.count("<text") > 20


def test_plot_text_stays_text(page):
    assert "学习动员" in page.split('<section id="timeline">')[1].split("</section>")[0]


@pytest.mark.parametrize("payload", [IMG, SCRIPT, EVIL_ACTOR, "<script"])
def test_report_escapes_source_text(page, payload):
    assert payload not in page


def test_report_is_self_contained(page):
    assert external(page) == []


def test_report_lists_approval_chain(page):
    assert "党支部 → 党委" in page


def test_report_flags_requirements_without_actor(page):
    findings = page.split('<section id="findings">')[1]
    assert '要求未标注负责主体</td><td class="num">2<' in findings


def test_same_build_same_report(hand_build, page):
    assert report_html(hand_build) == page
