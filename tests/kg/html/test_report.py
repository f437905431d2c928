"""report.html: sections, inline SVG with text, escaping, self-containment."""

from __future__ import annotations

import re

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


@pytest.fixture(scope="module")
def many_documents(tmp_path_factory):
    """A real build of more documents than the counts chart draws."""
    from kg.build.run import build
    from kg.html.report import COUNT_CHART_DOCUMENTS

    root = tmp_path_factory.mktemp("many")
    (root / "in").mkdir()
    for k in range(1, COUNT_CHART_DOCUMENTS + 6):
        text = "".join(f"各党委要在{m}月完成第{k}项学习。" for m in range(1, k % 12 + 2))
        (root / "in" / f"d{k:03}.txt").write_text(text, encoding="utf-8")
    build([root / "in"], root / "out", progress=False)
    return (root / "out" / "report.html").read_text(encoding="utf-8")


def test_the_counts_chart_draws_the_busiest_documents_only(many_documents):
    from kg.html.report import COUNT_CHART_DOCUMENTS

    counts = _section(many_documents, "counts")
    chart = counts.split("<svg", 1)[1].split("</svg>", 1)[0]
    drawn = set(re.findall(r"d\d{3}\.txt", chart))
    assert len(drawn) == COUNT_CHART_DOCUMENTS
    assert "另有 5 份未画出" in counts
    listed = re.findall(r"<tr><td>(d\d{3}\.txt)</td>", counts)
    assert len(listed) == COUNT_CHART_DOCUMENTS + 5  # the table lists them all (under its cap)
