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
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

from extract.actor_grammar import CJK, RawMention
from extract.lexicon import anchored_finditer, data_json, data_lines, word_alternation
from extract.prefilter import skipping

_CJK1 = re.compile(f"[{CJK}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
_START = re.Match.start


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named at ``[start, end)`` of the normalized text."""

    start: int
    end: int
    name: str
    surface: str
    role: str | None = None
    title: str = ""  # the titles written right before this mention (role may come from another)


@dataclass(frozen=True)
class _PersonGrammar:
    honorific: re.Pattern[str]
    titled: re.Pattern[str]
    surname: re.Pattern[str]
    title_after: re.Pattern[str]  # what follows the name in every match of titled
    redacted: re.Pattern[str]
    role_before: re.Pattern[str]
    boundary: frozenset[str]
    stop_chars: frozenset[str]
    stop_words: tuple[str, ...]
    stop_word: re.Pattern[str]  # any of stop_words
    loc_list: re.Pattern[str]
    loc_single: re.Pattern[str]
    place: re.Pattern[str]
    place_stop: tuple[str, ...]
    surnames: frozenset[str]
    speech: re.Pattern[str]
    speech_anchor: re.Pattern[str]  # every speech match holds one, at an offset in speech_reach
    speech_reach: tuple[int, int]
    speech_stop: frozenset[str]
    title_before: re.Pattern[str]
    class_no: re.Pattern[str]
    attribution: re.Pattern[str]
    tagged: re.Pattern[str]
    followers: tuple[str, ...]
    titles_tuple: tuple[str, ...]
    list_stop_chars: frozenset[str]
    strict: re.Pattern[str]
    org_before: re.Pattern[str]


@functools.cache
def _grammar() -> _PersonGrammar:
    d = data_json("actors.json")
    p = d["person"]
    name = f"[{CJK}]{{2,4}}"
    titles = word_alternation(p["titles_after"])
    all_titles = word_alternation(p["titles"])
    committees = word_alternation(d["committees"])
    locs = word_alternation(d["collective_localities"])
    right = word_alternation(d["locality_right"])
    right_alt = word_alternation(d["place_right_standalone"])
    return _PersonGrammar(
        honorific=skipping(f"({name}){re.escape(p['honorific'])}(?!们)"),
        titled=skipping(f"({name})(?:同志(?!们)|{titles})"),
        surname=skipping(f"([{CJK}])(?:{titles})"),
        title_after=re.compile(f"同志(?!们)|{titles}"),
        redacted=skipping(f"({committees})({p['redaction_re']})((?:{titles}))"),
        role_before=re.compile(f"({p['roles_re']})$"),
        boundary=frozenset(p["left_boundary"]),
        stop_chars=frozenset(p["name_stop_chars"]),
        stop_words=tuple(p.get("name_stop_words", ())),
        stop_word=re.compile(
            word_alternation(p["name_stop_words"]) if p.get("name_stop_words") else "(?!)"
        ),
        loc_list=skipping(
            f"(?<![{CJK}])((?:{locs})(?:[、和]?(?:{locs}))+)(?={right})"
            f"|(?<=[{''.join(p['left_boundary'])}对于好])((?:{locs})(?:[、和]?(?:{locs}))+)(?={right})"
        ),
        place=skipping(
            f"(?:(?<=[^{CJK}])|(?<=^)|(?<={')|(?<='.join(d['place_left'])}))"
            f"({d['place_standalone_re']})(?={right_alt})"
        ),
        place_stop=tuple(d["place_stop"]),
        surnames=frozenset(w for ln in data_lines("surnames.txt") for w in ln.split()),
        speech=skipping(f"({name})(?={p['speech_context_re']})"),
        speech_anchor=re.compile(p["speech_anchor"]["re"]),
        speech_reach=tuple(p["speech_anchor"]["reach"]),
        speech_stop=frozenset(p["speech_name_stop_chars"]),
        title_before=skipping(f"(?:{all_titles})(?=[{CJK}0-9])"),
        class_no=re.compile("[0-9０-９]{1,4}(?:班|级)"),
        attribution=skipping(f"[（(]([{CJK}]{{2,4}})[）)](?=\\s*(?:\\n|$))"),
        tagged=skipping(
            f"(?<![{CJK}])[{CJK}]{{2,3}}|(?<=[{''.join(p['left_boundary'])}])[{CJK}]{{2,3}}"
        ),
        followers=tuple(sorted(p["name_followers"], key=len, reverse=True)),
        titles_tuple=tuple(p["titles"]),
        list_stop_chars=frozenset(p["list_stop_chars"]),
        strict=re.compile(p["known_name_follower_re"]),
        org_before=skipping(f"(?<=[办室处部局])([{CJK}]{{2,3}})(?=[。，；、]|$)"),
        loc_single=skipping(
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
        cjk_left = bool(_CJK1.match(before))
        ok_left = (
            not cjk_left
            or before in g.boundary
            or before in g.stop_chars
            or _known_name(cand)  # 围绕习近平总书记: a name the dictionary knows
        )
        clean = not (set(cand) & g.stop_chars) and g.stop_word.search(cand) is None
        named = _has_surname(cand, g) or (given and len(cand) == 2 and not cjk_left)
        if ok_left and clean and named:
            return start, cand
        start, cand = start + 1, cand[1:]
    return None


def _name_at(
    text: str, pos: int, g: _PersonGrammar, need_follower: bool = True, lenient: bool = False
) -> str | None:
    """The personal name starting at ``pos`` (a surname and one or two more characters).

    The longest candidate wins whose next characters end a name (punctuation, 、,
    同志 or a title, a verb that follows names: 主持, 讲话, 代表...).
    """
    if pos > 0 and _common_word(text[pos - 1 : pos + 1]):
        return None  # 部门帮建: the first character closes the word before
    for n in (4, 3, 2):
        cand = text[pos : pos + n]
        if len(cand) < n or not _CJK_RUN.fullmatch(cand):
            continue
        sur = 2 if cand[:2] in g.surnames else (1 if cand[0] in g.surnames else 0)
        stops = g.list_stop_chars if lenient else g.stop_chars
        if not sur or n - sur not in (1, 2) or set(cand[sur:]) & stops:
            continue
        if g.stop_word.search(cand) is not None or _common_word(cand):
            continue
        if n - sur == 2 and _common_word(cand[:2]):
            continue  # 单位要: a word, then a character
        rest = text[pos + n : pos + n + 4]
        if n - sur == 2 and rest and _common_word(cand[-1] + rest[0]):
            continue  # 王某作为: the last character opens the next word
        if need_follower and rest and not (rest.startswith(g.followers) or not _CJK1.match(rest)):
            continue
        return cand
    return None


def _role_before(text: str, s: int, g: _PersonGrammar, names: Iterable[str] = ()) -> str | None:
    """The titles written just before a name (校党委书记、校长王某)."""
    lo = max(0, s - 30)
    head = re.split(r"[，,。；;：:\n（(“”由和与及对向在请是给交把将经]", text[lo:s])[-1]
    for name in names:
        if name in head:
            head = head.rsplit(name, 1)[-1]
    head = head.lstrip("、")
    if head and head.endswith(g.titles_tuple):
        return head
    return None


def persons(text: str) -> list[PersonMention]:
    """Person mentions of a normalized text, in text order (see module docstring)."""
    g = _grammar()
    out: list[PersonMention] = []

    def add(s: int, name: str, end: int | None = None, role: str | None = None) -> None:
        out.append(
            PersonMention(s, end or s + len(name), name, text[s : end or s + len(name)], role)
        )

    for m in g.title_before.finditer(text):  # 校长王某某, 委员甲、乙、丙等, 部长202班某某
        pos = m.end()
        if (cls := g.class_no.match(text, pos)) is not None:
            pos = cls.end()
        first = True
        while (name := _name_at(text, pos, g, lenient=True)) is not None:
            role = _role_before(text, m.end(), g, [p.name for p in out]) if first else None
            add(pos, name, role=role)
            pos += len(name)
            first = False
            if not text.startswith("、", pos):
                break
            pos += 1
    # 某某同志, 某某书记: tried only where a title follows, 2 to 4 characters on
    for m in anchored_finditer(g.titled, text, g.title_after, (2, 4)):
        got = _clean_name(text, m.start(1), m.group(1), g, text.startswith("同志", m.end(1)))
        if got is not None and (len(got[1]) <= 3 or got[1][:2] in g.surnames):
            s, name = got
            add(s, name, m.end(), _role_before(text, s, g))
    for m in anchored_finditer(g.speech, text, g.speech_anchor, g.speech_reach):
        # 王某某强调: a full name after a break only
        got = _clean_name(text, m.start(1), m.group(1), g)
        if got is None or len(got[1]) != 3 or set(got[1]) & g.speech_stop:
            continue
        if _name_at(text, got[0], g, need_follower=False) != got[1]:
            continue
        left = text[got[0] - 1 : got[0]]
        if _CJK1.match(left) and left not in g.boundary:
            continue
        add(got[0], got[1], role=_role_before(text, got[0], g))
    for m in g.org_before.finditer(text):  # 发送给党政办某某。
        if (name := _name_at(text, m.start(1), g)) == m.group(1):
            add(m.start(1), name)
    for m in g.attribution.finditer(text):  # …。（某某）at a paragraph's end
        if (name := _name_at(text, m.start(1), g, need_follower=False)) == m.group(1):
            add(m.start(1), name)
    tagged = _name_words()
    starts = list(map(_START, g.tagged.finditer(text)))
    pairs = map(text.__getitem__, map(slice, starts, map((2).__add__, starts)))
    openers = _name_openers()  # the starts that may open a name, picked out without a loop here
    for at in compress(starts, map(openers.__contains__, pairs)):
        # names jieba knows (nr), before punctuation or a title
        if not any(text[at : at + n] in tagged for n in (2, 3, 4)):
            continue
        name = _name_at(text, at, g)
        if name is not None and _known_name(name) and g.strict.match(text, at + len(name)):
            add(at, name)
    names = {p.name for p in out}
    if names:  # every other mention of a name found
        for at, name in occurrences(text, names):
            rest = text[at + len(name) : at + len(name) + 4]
            role = _role_before(text, at, g, names)
            if role or not rest or rest.startswith(g.followers) or not _CJK1.match(rest):
                add(at, name, role=role)  # 纪委书记某某立足…: after a title
    for m in g.surname.finditer(text):  # 马书记 when 马某某 is named
        full = sorted(n for n in names if n[0] == m.group(1))
        before = text[m.start() - 1] if m.start() else "，"
        if full and (before in g.boundary or not _CJK1.match(before) or before in "了的"):
            out.append(PersonMention(m.start(), m.end(), full[0], m.group()))
    for m in g.redacted.finditer(text):
        out.append(
            PersonMention(
                m.start(), m.end(), m.group(1) + m.group(3), m.group(), m.group(1) + m.group(3)
            )
        )
    out.sort(key=lambda p: (p.start, -p.end, p.role is None, p.name))
    dedup: list[PersonMention] = []
    roles: dict[str, str] = {}
    for p in out:
        if p.role and p.name not in roles:
            roles[p.name] = p.role
        if dedup and p.start < dedup[-1].end:
            continue
        dedup.append(p)
    return [
        p  # no role of its own nor from another mention (its title is empty)
        if p.role is None and p.name not in roles
        else PersonMention(
            p.start, p.end, p.name, p.surface, p.role or roles.get(p.name), p.role or ""
        )
        for p in dedup
    ]


def occurrences(text: str, words: Iterable[str]) -> list[tuple[int, str]]:
    """Where ``words`` (non-empty) occur in ``text``: from left to right, the longest
    word where several start at one place, none overlapping the one before (what
    ``finditer`` of their alternation, the longest first, gives), without compiling one.

    Examples
    --------
    >>> occurrences("王某某和王某讲话，王某某", {"王某", "王某某"})
    [(0, '王某某'), (4, '王某'), (9, '王某某')]
    """
    found = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            found.append((i, -len(w), w))
            i = text.find(w, i + 1)
    found.sort()
    out: list[tuple[int, str]] = []
    end = 0
    for i, _, w in found:
        if i >= end:
            out.append((i, w))
            end = i + len(w)
    return out


def _common_word(cand: str) -> bool:
    """A dictionary word that is not a name (强调, 王国): no person (memoized by word)."""
    if (known := _COMMON.get(cand)) is None:
        from extract.tokenize import tokenizer

        if len(_COMMON) > 200_000:
            _COMMON.clear()
        known = _COMMON[cand] = tokenizer().FREQ.get(cand, 0) > 0 and cand not in _name_words()
    return known


_COMMON: dict[str, bool] = {}


@functools.cache
def _name_words() -> frozenset[str]:
    """The words jieba tags as names (nr, nrfg, nrt): a small set, quick to look up."""
    from extract.tokenize import pos_tags

    return frozenset(w for w, t in pos_tags().items() if t.startswith("nr"))


@functools.cache
def _name_openers() -> frozenset[str]:
    """The first two characters of the words jieba tags as names (2 to 4 characters)
    that open with a surname."""
    surnames = _grammar().surnames
    return frozenset(w[:2] for w in _name_words() if 2 <= len(w) <= 4 and w[0] in surnames)


def _known_name(name: str) -> bool:
    return name in _name_words()


def localities(text: str) -> list[RawMention]:
    """Localities acting as bodies: coordinate lists split, 乡镇 and 每一个村 alone, and
    the speaker's own locality (我市, 本县) opening a clause before a modal (我市将…)."""
    g = _grammar()
    d = data_json("actors.json")
    item = _collective_item_re()
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
    anchor = d["place_anchor"]
    for m in anchored_finditer(g.place, text, anchor["chars"], tuple(anchor["reach"])):
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
    left = d["pronoun_body"]["left"]
    for m in _pronoun_body_re().finditer(text):  # 我市将…: the speaker's own locality acts
        if m.start() == 0 or text[m.start() - 1] in left:
            out.append(
                RawMention(
                    m.start(), m.end(1), m.group(1), m.group(1), "GovernmentBody", "地方", "地方"
                )
            )
    return out


@functools.cache
def _collective_item_re() -> re.Pattern[str]:
    return re.compile(word_alternation(data_json("actors.json")["collective_localities"]))


@functools.cache
def _pronoun_body_re() -> re.Pattern[str]:
    return re.compile(data_json("actors.json")["pronoun_body"]["re"])
