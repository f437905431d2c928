"""Quantities of requirements: bounds, ranges, approximations and frequencies.

Patterns live in ``extract/data/quantities.json``. A quantity is
``(comparator, value, unit)``: 不少于45个学时 -> (``>=``, 45, 学时);
2个学时以上 -> (``>=``, 2, 学时); 1-2个 / 一、两个 -> (``range``, ``"1-2"``, 个);
延长10天左右 -> (``approx``, 10, 天); 每年至少1次 -> (``>=``, 1, 次);
每5年 -> (``=``, 5, 年). A redacted number (不少于个月) gives ``value=None``.
Bare descriptive counts (三个阶段, 七个环节) are not quantities.

Examples
--------
>>> [(c, v, u) for c, v, u, _, _ in find_quantities("确保学习时间不少于45个学时，每次2个学时以上")]
[('>=', 45, '学时'), ('>=', 2, '学时')]
>>> [(c, v, u) for c, v, u, _, _ in find_quantities("要解决一、两个突出问题，不得少于个月")]
[('range', '1-2', '个'), ('>=', None, '个月')]
"""

from __future__ import annotations

import functools
import re

from extract.lexicon import data_json, regex_table
from extract.prefilter import fast
from extract.timex import cn_number

# pattern name -> comparator (None: decided by the match's own groups)
_ORDER = (
    "bound",
    "one_or_more",
    "range",
    "suffixed",
    "bound_loose",
    "reached",
    "reach",
    "eq_time",
    "every_n",
    "lookback",
    "times_per",
    "count_posts",
    "count_times",
    "term",
)


_FROM_NUMBER = ("times_per", "count_posts", "count_times", "term")  # the span starts at the number


@functools.cache
def _t() -> dict[str, re.Pattern[str]]:
    """The patterns; those of :data:`_ORDER` skip a clause without their required words
    (:func:`extract.prefilter.fast`: most clauses hold no quantity)."""
    t = dict(regex_table("quantities.json"))
    for kind in _ORDER:
        t[kind] = fast(t[kind])
    return t


@functools.cache
def _numerals() -> tuple[re.Pattern[str], frozenset[str]]:
    """Any numeral character, and the patterns that need one to match."""
    d = data_json("quantities.json")
    chars = re.compile("[" + re.escape(d["numeral_chars"]) + "]")
    return chars, frozenset(d["numeral_kinds"])


def _unit(u: str) -> str:
    u = u.replace("％", "%")
    return u[1:] if u.startswith("个") and u not in ("个", "个月") else u


def _value(s: str | None) -> int | float | None:
    if not s:
        return None
    if s == "半":
        return 0.5  # 不少于半天
    if re.fullmatch(r"[0-9０-９]+\.[0-9]+", s):
        return float(s)
    return cn_number(s)


def _comparator(kind: str, m: re.Match[str]) -> str:
    t = _t()
    if kind == "bound":
        if m["s"]:
            return "approx"
        return ">=" if t["ge"].fullmatch(m["c"]) else "<="
    if kind == "bound_loose":
        return ">=" if t["ge_loose"].fullmatch(m["c"]) else "<="
    if kind == "suffixed":
        if m["ap"] or t["approx_suffix"].fullmatch(m["s"]):
            return "approx"
        return ">=" if t["ge_suffix"].fullmatch(m["s"]) else "<="
    if kind == "range":
        return "range"
    if kind in ("one_or_more", "reached", "reach"):
        return ">="
    return "="


def find_quantities(text: str) -> list[tuple[str, int | float | str | None, str, int, int]]:
    """Quantities in a clause: ``(comparator, value, unit, start, end)`` in text order.

    Overlapping candidates keep the first pattern in priority order (bounds,
    ranges, suffixes, frequencies), then the leftmost.

    Examples
    --------
    >>> [(c, v, u) for c, v, u, _, _ in find_quantities("原则上每5年召开1次，用天的时间")]
    [('=', 5, '年'), ('=', 1, '次'), ('=', None, '天')]
    """
    t = _t()
    taken: list[tuple[int, int]] = []
    out: list[tuple[str, int | float | str | None, str, int, int]] = []
    numerals, needs_numeral = _numerals()
    skip = needs_numeral if numerals.search(text) is None else frozenset()
    for kind in _ORDER:
        if kind in skip:
            continue
        for m in t[kind].finditer(text):
            s, e = (m.start("n"), m.end()) if kind in _FROM_NUMBER else m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            comp = _comparator(kind, m)
            if kind == "range":
                if m["pair"]:
                    a, b = cn_number(m["pair"][0]), cn_number(m["pair"][1])
                    unit = m["u2"]
                else:
                    a, b, unit = _value(m["a"]), _value(m["b"]), m["u"]
                if a is None or b is None or a >= b:
                    continue
                value: int | float | str | None = f"{a}-{b}"
            elif kind == "one_or_more":
                value, unit = 1, m["u"]
            elif kind == "times_per":
                value, unit = _value(m["n"]), "次"
            else:
                value, unit = _value(m["n"]), m["u"]
                if m["n"] and value is None:
                    continue
            taken.append((s, e))
            out.append((comp, value, _unit(unit), s, e))
    out.sort(key=lambda q: q[3])
    return out
