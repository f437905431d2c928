"""report.html: sections, inline SVG with text, escaping, self-containment."""

from __future__ import annotations

import pytest

from kg.html.report import report_html
from tests.kg.html.fixtures import EVIL_ACTOR, IMG, SCRIPT
from tests.kg.html.pagecheck import external


@pytest.fixture(scope="module")
def page(hand_build) -> str:
    return (hand_build / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "section", ["counts", "timeline", "matrix", "flow", "chain", "top", "findings"]
)
def test_report_has_section(page, section):
    assert f'<section id="{section}">' in page


def _section(page: str, name: str) -> str:
    return page.split(f'<section id="{name}">')[1].split("</section>")[0]


def test_report_has_svg_plots_with_text(page):
    assert [_section(page, s).count("<svg") for s in ("counts", "matrix")] == [1, 1]
    assert _section(page, "timeline").count("<svg") >= 1
    assert page.count("<text") > 20


def test_plot_text_stays_text(page):
    assert "学习动员" in page.split('<section id="timeline">')[1].split("</section>")[0]


def test_report_has_only_its_own_script(page):
    assert page.count("<script") == 1
    assert 'classList.add("offline")' in page.split("<script>")[1].split("</script>")[0]


@pytest.mark.parametrize("payload", [IMG, SCRIPT, EVIL_ACTOR])
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
