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
import math
import re
import warnings
from collections.abc import Sequence
from datetime import date
from functools import cache

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager

from kg.html.calendar import LABEL_PT, Item, label_width, month_ticks, stack_labels

CJK_PREFERENCE = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC")
AXES_PT = 540.0
"""Width of a timeline's axes, in points (labels are measured against it)."""
MAX_LABEL = 24
"""Characters of a time expression shown as a timeline label."""
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
    rows: dict[str, dict[str, int]],
    series: Sequence[str],
    colors: dict[str, str],
    *,
    ranked: bool = False,
) -> str:
    """Horizontal stacked bars: one bar per row (document), one segment per series (type).

    Rows top to bottom by name, or as given when ``ranked``.
    """
    names = list(rows) if ranked else sorted(rows)
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
    lanes: Sequence[tuple[str, Sequence[Item]]],
    relative: bool,
    role_colors: dict[str, str],
    role_names: dict[str, str] | None = None,
    gid: str = "tl",
) -> str:
    """A Gantt-like timeline on a date axis, labels stacked so that none overlap.

    Parameters
    ----------
    lanes : sequence of (name, items)
        One lane (row) per document, top to bottom; items are
        :class:`kg.html.calendar.Item` (equal first and last day: a point).
    relative : bool
        Label months relative to the document's year (去年10月) instead of
        with the calendar year.
    role_colors : dict
        Colour of each role.
    role_names : dict, optional
        The legend's name of each role (else the role).
    gid : str
        Prefix of the ids of the label groups (``{gid}-label-{n}``).

    Stages (of the requirements an item is the deadline of) are background
    bands named in the legend. The x axis is scaled so that every label fits.
    """
    every = [i for _, its in lanes for i in its]
    x0 = min(i.first.toordinal() for i in every) - 3
    x1 = max(i.last.toordinal() for i in every) + 4
    texts = [i.label[:MAX_LABEL] for i in every]
    widths = {id(i): label_width(t) for i, t in zip(every, texts, strict=True)}
    # the axis span T (days) must leave room for every label right of its item
    span = float(x1 - x0)
    for i in every:
        frac = widths[id(i)] / AXES_PT
        span = max(span, (i.first.toordinal() - x0 + 1) / (1 - frac))
    per_pt = span / AXES_PT
    rows: list[tuple[str, float, list[tuple[Item, int]]]] = []
    y = 0.0
    for name, its in lanes:
        levels = stack_labels(
            [float(i.first.toordinal()) for i in its], [widths[id(i)] * per_pt for i in its]
        )
        rows.append((name, y, list(zip(its, levels, strict=True))))
        y += 16 + 11 * (max(levels, default=0) + 1) + 6
    height_in = y / 72 + 1.1
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(AXES_PT / 72 / 0.76, height_in))
        fig.subplots_adjust(
            left=0.22, right=0.98, bottom=0.55 / height_in, top=1 - 0.55 / height_in
        )
        palette = ("#fde0dd", "#e0ecf4", "#e5f5e0", "#fff7bc", "#efedf5")
        bands: dict[str, list[int]] = {}
        for i in every:
            if i.stage:
                bands.setdefault(i.stage, []).extend((i.first.toordinal(), i.last.toordinal()))
        for k, (stage, xs) in enumerate(sorted(bands.items(), key=lambda kv: (min(kv[1]), kv[0]))):
            ax.axvspan(
                min(xs),
                max(xs) + 1,
                color=palette[k % len(palette)],
                alpha=0.8,
                zorder=0,
                label=f"阶段：{stage}",
            )
        n = 0
        for _, y0, placed in rows:
            for i, level in placed:
                a, b = i.first.toordinal(), i.last.toordinal()
                color = role_colors.get(i.role, "#555")
                if b > a:
                    ax.barh(y0 + 8, b - a + 1, left=a, height=7, color=color, alpha=0.85, zorder=2)
                else:
                    ax.plot([a + 0.5], [y0 + 8], marker="D", markersize=5, color=color, zorder=3)
                ax.text(
                    a,
                    y0 + 16 + 11 * level,
                    i.label[:MAX_LABEL],
                    fontsize=LABEL_PT,
                    va="top",
                    ha="left",
                    zorder=4,
                    gid=f"{gid}-label-{n}",
                )
                n += 1
        ticks = month_ticks(date.fromordinal(x0), date.fromordinal(int(x0 + span)), relative)
        step = max(1, math.ceil(len(ticks) * 62 / AXES_PT))
        shown = ticks[::step]
        ax.set_xticks([d.toordinal() for d, _ in shown])
        ax.set_xticklabels([t for _, t in shown], fontsize=8)
        ax.set_xlim(x0, x0 + span)
        ax.set_yticks([y0 + 8 for _, y0, _ in rows])
        ax.set_yticklabels([name for name, _, _ in rows], fontsize=8)
        ax.set_ylim(y, 0)
        for role, color in role_colors.items():
            name = (role_names or {}).get(role, role)
            ax.plot([], [], color=color, marker="s", linestyle="", label=name)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8, ncols=6, frameon=False)
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
