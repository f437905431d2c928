"""The report's plots: Chinese labels stay text, with or without a CJK font, and no warning."""

from __future__ import annotations

import io
import re
import warnings
from datetime import date

import matplotlib.pyplot as plt
import pytest
from matplotlib.artist import Artist

from kg.html import plots
from kg.html.calendar import Item

LABELS = ["督导组", "县委", "党支部"]
STAGES = ["学习动员", "分析评议"]


def _bar() -> str:
    return plots.bar_chart({"甲.txt": {"要求": 3}, "乙.txt": {"主体": 2}}, ["主体", "要求"], {})


def _timeline() -> str:
    item = Item(
        "甲.txt",
        date(2005, 3, 1),
        date(2005, 3, 31),
        "三月底前",
        "deadline",
        "甲.txt",
        0,
        4,
        "三月底前",
        True,
        "学习动员",
    )
    return plots.timeline_chart([("甲.txt", [item])], False, {"deadline": "#c00"})


def _heatmap() -> str:
    return plots.heatmap(LABELS, STAGES, [[1, 0], [0, 2], [3, 1]])


@pytest.mark.parametrize("make", [_bar, _timeline, _heatmap])
def test_plot_with_chinese_labels_warns_nothing(make) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make()
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize(
    ("make", "text"), [(_bar, "乙.txt"), (_timeline, "三月底前"), (_heatmap, "督导组")]
)
def test_plot_keeps_chinese_as_svg_text(make, text) -> None:
    assert f">{text}</text>" in make()


def _figure_without_cjk_font() -> plt.Figure:
    """A figure whose Chinese title only DejaVu Sans (no CJK glyph) measures."""
    fig, ax = plt.subplots()
    ax.set_title("督导组")
    return fig


NO_CJK = {"font.family": ["DejaVu Sans"], "svg.fonttype": "none"}


def test_matplotlib_warns_of_chinese_measured_without_a_cjk_font() -> None:
    with plt.rc_context(NO_CJK), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = _figure_without_cjk_font()
        fig.savefig(io.StringIO(), format="svg")
        plt.close(fig)
    assert any(re.match(plots.MISSING_GLYPH, str(w.message)) for w in caught)


def test_to_svg_drops_that_warning_and_keeps_the_text() -> None:
    with plt.rc_context(NO_CJK), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = plots.to_svg(_figure_without_cjk_font())
    assert [str(w.message) for w in caught] == [] and ">督导组</text>" in svg


class _WarnsWhenDrawn(Artist):
    def draw(self, renderer) -> None:
        warnings.warn("a real problem while drawing", UserWarning, stacklevel=1)


def test_other_warnings_while_saving_still_show() -> None:
    with plt.rc_context(NO_CJK), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = _figure_without_cjk_font()
        fig.add_artist(_WarnsWhenDrawn())
        plots.to_svg(fig)
    assert "a real problem while drawing" in [str(w.message) for w in caught]


def test_missing_glyph_warnings_are_silenced_only_while_saving() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _heatmap()
        warnings.warn("Glyph 30563 (x) missing from font(s) X.", UserWarning, stacklevel=1)
    assert len(caught) == 1
