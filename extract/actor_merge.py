"""Folding the mentions of one actor together: bare heads, abbreviations, the home body.

Each actor is built as a :class:`Group` of mentions. Groups fold into one when
the text names one body in several ways:

* :func:`merge_bare`: a bare head (办公室, 督导组) into the one specific body of
  its kind (区委督导组);
* :func:`merge_abbreviations`: an abbreviated or shortened name into the full one
  (某县第一中学 / 某县一中; 中共某县第一中学委员会 / 某县一中党委; 市教育局 /
  某某市教育局): same head, the short name's characters in the long one's order,
  the same first character or a place dropped in front;
* the home body: 学校, 我校, 本校, 全校 into the one school the document names,
  and 校党委, 学校党委 into that school's committee.

Examples
--------
>>> a = Group(("", "GovernmentBody", "某县第一中学"), "GovernmentBody", "学校", None,
...           [(0, 6, "某县第一中学", False)])
>>> b = Group(("", "GovernmentBody", "某县一中"), "GovernmentBody", "学校", None,
...           [(9, 13, "某县一中", False)])
>>> a.labels["某县第一中学"] += 1; b.labels["某县一中"] += 1
>>> groups = {a.ident: a, b.ident: b}
>>> merge_abbreviations(groups)
>>> [sorted(g.labels) for g in groups.values()]
[['某县一中', '某县第一中学']]
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from extract.lexicon import data_json


@dataclass
class Group:
    """Mentions of one actor while merging."""

    ident: tuple[str, str, str]
    type: str
    kind: str
    jur: str | None
    mentions: list[tuple[int, int, str, bool]]  # start, end, label, nested
    labels: Counter = field(default_factory=Counter)
    surfaces: set[str] = field(default_factory=set)
    role: str | None = None
    committee_form: bool = False
    collective: set[tuple[int, int]] = field(default_factory=set)


def _absorb(groups: dict, target, ident) -> None:
    tg = groups.pop(ident)
    g = groups[target]
    g.mentions.extend(tg.mentions)
    g.surfaces |= tg.surfaces
    g.labels.update({lb: 0 for lb in tg.labels})
    g.collective |= tg.collective
    g.role = g.role or tg.role


def merge_bare(groups: dict, own: str | None) -> None:
    """Fold bare heads (办公室, 督导组) into the one specific body of their kind."""
    d = data_json("actors.json")
    for ident in sorted(k for k in groups if k[2] == "*bare*"):
        g = groups[ident]
        kind = g.kind
        if kind not in d["bare_merge_kinds"]:
            continue
        same = [
            k
            for k in sorted(groups)
            if k != ident and groups[k].kind == kind and groups[k].type == g.type
        ]
        specific = [k for k in same if groups[k].jur and groups[k].jur != "中央"]
        if len(specific) > 1 and own:
            specific = [k for k in specific if groups[k].jur and groups[k].jur.startswith(own)]
        target = specific[0] if len(specific) == 1 else None
        if target is None and not specific and len(same) == 1 and kind in {"办公室", "领导小组"}:
            target = same[0] if groups[same[0]].jur != "中央" else None
        if target is None:
            if kind == "办公室" and not same:
                del groups[ident]  # an office of no campaign body is not an actor
            continue
        _absorb(groups, target, ident)


@functools.cache
def _head_ranks() -> tuple[dict[str, tuple[int, str]], int]:
    """Each head of ``merge.head_classes`` -> (its place in the order the heads are
    tried: class by class, the longest first; its class), and the longest head's length."""
    ranks: dict[str, tuple[int, str]] = {}
    for cls, heads in data_json("actors.json")["merge"]["head_classes"].items():
        for h in sorted(heads, key=len, reverse=True):
            ranks.setdefault(h, (len(ranks), cls))
    return ranks, max(map(len, ranks), default=0)


def _core(label: str, m: dict) -> tuple[str, str] | None:
    """(name, head class) of a body's label: 中共某校委员会 -> (某校, committee).

    The head is the first of ``m["head_classes"]`` (class by class, the longest
    first) that ends the label and leaves a name before it.
    """
    ranks, longest = _head_ranks()
    best: tuple[int, str, int] | None = None  # rank, class, length
    for n in range(1, min(len(label) - 1, longest) + 1):
        if (r := ranks.get(label[-n:])) is not None and (best is None or r[0] < best[0]):
            best = (*r, n)
    if best is None:
        return None
    name = label[: -best[2]]
    for p in m["name_prefixes"]:
        name = name.removeprefix(p)
    return (name, best[1]) if name else None


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _abbreviates(short: str, long: str, m: dict) -> bool:
    """Whether ``short`` names the same body as ``long`` in fewer characters."""
    if short == long:
        return True  # 某县第一中学 and 某县一中: one name, two forms of the head
    if len(short) > len(long) or not _subsequence(short, long):
        return False
    if short[0] == long[0] and len(short) >= 2:
        return True
    dropped = long[: len(long) - len(short)]
    return long.endswith(short) and bool(re.fullmatch(m["place_re"], dropped))


def merge_abbreviations(groups: dict) -> None:
    """Fold shortened names of a body into its full name (see the module docstring)."""
    m = data_json("actors.json")["merge"]
    keys = sorted(groups, key=lambda k: (-max(map(len, groups[k].labels or [""])), k))
    cores = {}
    for k in keys:
        g = groups[k]
        if g.type in ("Person", "MemberGroup", "Public"):
            continue
        label = max(g.labels, key=len) if g.labels else ""
        if (c := _core(label, m)) is not None:
            cores[k] = c
    order = sorted(cores, key=lambda k: (len(cores[k][0]), k))
    for k in order:
        if k not in groups:
            continue
        name, cls = cores[k]
        longer = [
            j
            for j in reversed(order)
            if j != k and j in groups and cores[j][1] == cls and _abbreviates(name, cores[j][0], m)
        ]
        if len({cores[j][0] for j in longer}) == 1:
            _absorb(groups, longer[0], k)
    _merge_home(groups, m)


def _merge_home(groups: dict, m: dict) -> None:
    """学校/我校 into the document's one named school, 校党委 into its committee."""
    for cls, generic in m["home_generic"].items():
        named = [
            k
            for k, g in groups.items()
            if g.type not in ("Person", "MemberGroup", "Public")
            and (c := _core(max(g.labels, key=len), m)) is not None
            and c[1] == cls
            and re.search(m["named_re"], c[0])
        ]
        if len(named) != 1:
            continue
        for k in [k for k, g in groups.items() if k != named[0] and set(g.labels) <= set(generic)]:
            _absorb(groups, named[0], k)
