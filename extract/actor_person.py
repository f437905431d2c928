"""Persons and localities: the actor mentions that are not built around a head word.

* Persons: a name before 同志 (少政同志), a name before a title (骆惠宁书记),
  a surname before a title when the full name is known (骆书记), and a
  redacted name inside a role (市委※※※书记 -> 市委书记). A role written just
  before the name (省委书记宋法棠同志) goes to ``RawMention.camp``-free field
  ``role`` of the returned :class:`PersonMention`.
* Localities: coordinate lists of localities that act as bodies (镇乡街道,
  街道社区, 市、地、县) split into one mention each.

All word lists are in ``extract/data/actors.json`` (``person``, ``collective_localities``).

Examples
--------
>>> [(p.name, p.role) for p in persons("省委书记宋法棠同志讲话，各位同志要学习")]
[('宋法棠', '省委书记')]
>>> [m.label for m in localities("镇乡街道要召开动员会")]
['镇', '乡', '街道']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.actor_grammar import CJK, RawMention
from extract.lexicon import data_json, data_lines


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named at ``[start, end)`` of the normalized text."""

    start: int
    end: int
    name: str
    surface: str
    role: str | None = None


@dataclass(frozen=True)
class _PersonGrammar:
    honorific: re.Pattern[str]
    titled: re.Pattern[str]
    surname: re.Pattern[str]
    redacted: re.Pattern[str]
    role_before: re.Pattern[str]
    boundary: frozenset[str]
    stop_chars: frozenset[str]
    stop_words: tuple[str, ...]
    loc_list: re.Pattern[str]
    loc_single: re.Pattern[str]
    place: re.Pattern[str]
    place_stop: tuple[str, ...]
    surnames: frozenset[str]
    speech: re.Pattern[str]
    speech_stop: frozenset[str]


@functools.cache
def _grammar() -> _PersonGrammar:
    d = data_json("actors.json")
    p = d["person"]
    name = f"[{CJK}]{{2,4}}"
    titles = "|".join(map(re.escape, p["titles"]))
    committees = "|".join(map(re.escape, sorted(d["committees"], key=len, reverse=True)))
    locs = "|".join(map(re.escape, sorted(d["collective_localities"], key=len, reverse=True)))
    right = "|".join(map(re.escape, d["locality_right"]))
    right_alt = "|".join(map(re.escape, d["place_right_standalone"]))
    return _PersonGrammar(
        honorific=re.compile(f"({name}){re.escape(p['honorific'])}(?!们)"),
        titled=re.compile(f"({name})(?:{titles})"),
        surname=re.compile(f"([{CJK}])(?:{titles})"),
        redacted=re.compile(f"({committees})({p['redaction_re']})((?:{titles}))"),
        role_before=re.compile(f"({p['roles_re']})$"),
        boundary=frozenset(p["left_boundary"]),
        stop_chars=frozenset(p["name_stop_chars"]),
        stop_words=tuple(p.get("name_stop_words", ())),
        loc_list=re.compile(
            f"(?<![{CJK}])((?:{locs})(?:[、和]?(?:{locs}))+)(?={right})"
            f"|(?<=[{''.join(p['left_boundary'])}对于好])((?:{locs})(?:[、和]?(?:{locs}))+)(?={right})"
        ),
        place=re.compile(
            f"(?:(?<=[^{CJK}])|(?<=^)|(?<={')|(?<='.join(d['place_left'])}))"
            f"({d['place_standalone_re']})(?={right_alt})"
        ),
        place_stop=tuple(d["place_stop"]),
        surnames=frozenset(w for ln in data_lines("surnames.txt") for w in ln.split()),
        speech=re.compile(f"({name})(?={p['speech_context_re']})"),
        speech_stop=frozenset(p["speech_name_stop_chars"]),
        loc_single=re.compile(
            "(?:每一个|每个|各)(村|乡镇)(?=都|要|也|的|，|,)|(?<=[而和或])(乡镇)(?=[或和])"
        ),
    )


def _has_surname(cand: str, g: _PersonGrammar) -> bool:
    return cand[:2] in g.surnames or cand[0] in g.surnames


def _clean_name(
    text: str, start: int, cand: str, g: _PersonGrammar, given: bool = False
) -> tuple[int, str] | None:
    """Trim ``cand`` (at ``start``) from the left to a plausible personal name.

    A name starts with a surname (``surnames.txt``); with ``given`` (before 同志) a
    two-character given name alone (少政同志) passes when nothing Chinese precedes it.
    """
    while len(cand) >= 2:
        before = text[start - 1] if start > 0 else "，"
        cjk_left = bool(re.match(f"[{CJK}]", before))
        ok_left = not cjk_left or before in g.boundary or before in g.stop_chars
        clean = not (set(cand) & g.stop_chars) and not any(w in cand for w in g.stop_words)
        named = _has_surname(cand, g) or (given and len(cand) == 2 and not cjk_left)
        if ok_left and clean and named:
            return start, cand
        start, cand = start + 1, cand[1:]
    return None


def persons(text: str) -> list[PersonMention]:
    """Person mentions of a normalized text, in text order (see module docstring)."""
    g = _grammar()
    out: list[PersonMention] = []
    for rx, keep_suffix in ((g.honorific, True), (g.titled, True), (g.speech, False)):
        for m in rx.finditer(text):
            got = _clean_name(text, m.start(1), m.group(1), g, rx is g.honorific)
            if rx is g.speech and (
                got is None
                or len(got[1]) != 3
                or (
                    re.match(f"[{CJK}]", left := text[got[0] - 1 : got[0]])
                    and left not in g.boundary
                )
                or set(got[1]) & g.speech_stop
            ):
                continue  # 王建国强调: a full name after a break only
            if got is None or (len(got[1]) > 3 and got[1][:2] not in g.surnames):
                continue
            s, name = got
            rm = g.role_before.search(text, max(0, s - 12), s)
            role = rm.group(1) if rm else None
            end = m.end() if keep_suffix else s + len(name)
            out.append(PersonMention(s, end, name, text[s:end], role))
    names = {p.name for p in out}
    for m in g.surname.finditer(text):
        full = sorted(n for n in names if n[0] == m.group(1))
        before = text[m.start() - 1] if m.start() else "，"
        if full and (before in g.boundary or not re.match(f"[{CJK}]", before) or before in "了的"):
            out.append(PersonMention(m.start(), m.end(), full[0], m.group()))
    for m in g.redacted.finditer(text):
        out.append(
            PersonMention(
                m.start(), m.end(), m.group(1) + m.group(3), m.group(), m.group(1) + m.group(3)
            )
        )
    out.sort(key=lambda p: (p.start, -p.end, p.name))
    dedup: list[PersonMention] = []
    for p in out:
        if dedup and p.start < dedup[-1].end:
            continue
        dedup.append(p)
    return dedup


def localities(text: str) -> list[RawMention]:
    """Localities acting as bodies: coordinate lists split, 乡镇 and 每一个村 alone."""
    g = _grammar()
    d = data_json("actors.json")
    locs = sorted(d["collective_localities"], key=len, reverse=True)
    item = re.compile("|".join(map(re.escape, locs)))
    out: list[RawMention] = []
    for m in g.loc_list.finditer(text):
        grp = 1 if m.group(1) else 2
        for it in item.finditer(text, m.start(grp), m.end(grp)):
            out.append(
                RawMention(
                    it.start(),
                    it.end(),
                    it.group(),
                    it.group(),
                    "GovernmentBody",
                    it.group(),
                    it.group(),
                    flags=frozenset({"collective"}),
                )
            )
    for m in g.place.finditer(text):
        name, start = m.group(1), m.start(1)
        for w in sorted(d["place_left"], key=len, reverse=True):
            if name.startswith(w) and re.fullmatch(d["place_standalone_re"], name[len(w) :]):
                name, start = name[len(w) :], start + len(w)
                break
        if len(name) > 2 and not any(x in name for x in g.place_stop):
            out.append(
                RawMention(start, m.end(1), name, name, "GovernmentBody", "地方", name, jur=name)
            )
    for m in g.loc_single.finditer(text):
        grp = 1 if m.group(1) else 2
        out.append(
            RawMention(
                m.start(),
                m.end(grp),
                m.group(grp),
                m.group(),
                "GovernmentBody",
                m.group(grp),
                m.group(grp),
            )
        )
    return out
