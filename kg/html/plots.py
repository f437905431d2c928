"""The report's plots: matplotlib (Agg) rendered to inline SVG, text kept as text.

``svg.fonttype: none`` leaves labels as ``<text>`` elements (escaped by
matplotlib's SVG writer) so the browser's CJK font renders them: the report
needs no CJK font on the machine that builds it. Matplotlib still measures
each label to lay the figure out, with a Noto CJK font when one is installed
(:func:`cjk_font`), else with its bundled Last Resort font, whose glyphs are
about one em wide, like CJK ideographs. In that case matplotlib warns of each
missing character ("Glyph ... missing from font(s) DejaVu Sans"), although no
glyph is ever drawn into the SVG; :func:`to_svg` silences exactly that
warning and nothing else. Output is deterministic: fixed hash salt, no date
metadata.

Examples
--------
>>> svg = bar_chart({"a.txt": {"要求": 3, "主体": 1}}, ["主体", "要求"], {"主体": "#1f77b4",
...                 "要求": "#2ca02c"})
>>> svg.startswith("<svg") and "要求" in svg
True
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from functools import cache

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager

CJK_PREFERENCE = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC")
MISSING_GLYPH = r"Glyph \d+ \(.*\) missing from font\(s\) "
"""The start of matplotlib's warning for a character its fonts lack (only measured here)."""


@cache
def cjk_font() -> str | None:
    """Family name of an installed CJK font (Debian ``fonts-noto-cjk``), or None."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_PREFERENCE:
        if name in names:
            return name
    return next((n for n in sorted(names) if "CJK" in n), None)


def _style() -> dict:
    family = [f for f in (cjk_font(), "DejaVu Sans") if f]
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "campaign-kg",
        "font.family": family,
        "font.size": 10,
        "axes.unicode_minus": False,
    }


def to_svg(fig: plt.Figure) -> str:
    """The figure as an inline ``<svg>`` element (no XML prolog), then closed."""
    buf = io.StringIO()
    with warnings.catch_warnings():
        # text stays text (svg.fonttype none): a glyph missing here is never drawn
        warnings.filterwarnings("ignore", message=MISSING_GLYPH, category=UserWarning)
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :].strip()


def _sized(text: str, css_class: str) -> str:
    return re.sub(r"^<svg ", f'<svg class="{css_class}" ', text, count=1)


def bar_chart(
    rows: dict[str, dict[str, int]], series: Sequence[str], colors: dict[str, str]
) -> str:
    """Horizontal stacked bars: one bar per row (document), one segment per series (type)."""
    names = sorted(rows)
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) + 1.2))
        left = [0] * len(names)
        for s in series:
            vals = [rows[n].get(s, 0) for n in names]
            ax.barh(names, vals, left=left, label=s, color=colors.get(s))
            left = [a + b for a, b in zip(left, vals, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel("数量")
        ax.legend(loc="lower right", fontsize=8, ncols=min(len(series), 6))
        return _sized(to_svg(fig), "kg-plot")


def timeline_chart(
    rows: Sequence[str],
    items: Sequence[tuple[str, float, float, str, str]],
    bands: Sequence[tuple[str, float, float]],
    role_colors: dict[str, str],
) -> str:
    """A Gantt-like timeline.

    Parameters
    ----------
    rows : sequence of str
        Row names (documents), top to bottom.
    items : sequence of (row, start, end, label, role)
        Day-of-year spans (equal start and end: a point in time).
    bands : sequence of (name, start, end)
        Background bands (stages).
    role_colors : dict
        Colour of each role.
    """
    index = {r: i for i, r in enumerate(rows)}
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(10, 0.55 * max(len(rows), 1) + 1.6))
        palette = ("#fde0dd", "#e0ecf4", "#e5f5e0", "#fff7bc", "#efedf5")
        for k, (name, a, b) in enumerate(bands):
            ax.axvspan(a, b + 1, color=palette[k % len(palette)], alpha=0.8, zorder=0)
            ax.text((a + b + 1) / 2, -0.9, name, ha="center", va="bottom", fontsize=9)
        for row, a, b, label, role in items:
            y = index[row]
            color = role_colors.get(role, "#555")
            if b > a:
                ax.barh(y, b - a + 1, left=a, height=0.5, color=color, alpha=0.85, zorder=2)
            else:
                ax.plot([a + 0.5], [y], marker="D", color=color, zorder=3)
            ax.text(a, y - 0.3, label, fontsize=7, va="bottom", zorder=4)
        months = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366, 397, 425]
        ax.set_xticks(months[:-1])
        ax.set_xticklabels([f"{(i % 12) + 1}月" for i in range(len(months) - 1)], fontsize=8)
        xs = [a for _, a, _, _, _ in items] + [a for _, a, _ in bands]
        xe = [b for _, _, b, _, _ in items] + [b for _, _, b in bands]
        if xs:
            ax.set_xlim(max(min(xs) - 10, 0), max(xe) + 15)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels(rows, fontsize=8)
        ax.set_ylim(len(rows) - 0.4, -1.2)
        for role, color in role_colors.items():
            ax.plot([], [], color=color, marker="s", linestyle="", label=role)
        ax.legend(loc="lower right", fontsize=8)
        ax.grid(axis="x", color="#ddd", zorder=1)
        return _sized(to_svg(fig), "kg-plot")


def heatmap(rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[int]]) -> str:
    """A labelled heatmap with the count written in each non-empty cell."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(
            figsize=(1.2 * max(len(cols), 1) + 2.5, 0.38 * max(len(rows), 1) + 1.2)
        )
        im = ax.imshow(values, cmap="Blues", aspect="auto")
        ax.set_xticks(range(len(cols)))
        ax.set_xticklabels(cols)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels(rows)
        top = max((v for r in values for v in r), default=0)
        for i, r in enumerate(values):
            for j, v in enumerate(r):
                if v:
                    color = "white" if v > top / 2 else "black"
                    ax.text(j, i, str(v), ha="center", va="center", color=color, fontsize=8)
        fig.colorbar(im, ax=ax, label="要求数")
        return _sized(to_svg(fig), "kg-plot")
