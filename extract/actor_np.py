"""Open-class actor mentions: noun phrases recognised by their head.

The closed grammar of :mod:`extract.actor_grammar` knows the bodies of one
campaign by name. Most bodies and groups in other documents are named by a
*head* that says what kind of thing they are (…委员会, …局, …处, …室, …中心,
…办公室, …小组, …党组, …班子; …干部, …教师, …成员, …选手) and by the
modifiers before it (a place, a level, a sector, an ordinal, a parent body):
中共某某市第一中学委员会, 市教育局政治处, 学校党政办公室, 现任中层正职及以上干部.

:func:`np_mentions` finds every head of ``actors.json`` ``open_heads`` and
extends it to the left word by word, over a backward longest-match
segmentation with jieba's dictionary (:mod:`extract.tokenize`): a word that is
a noun, a name, an ordinal or an allowed modifier joins the phrase; a
preposition, verb, pronoun, particle, punctuation or a quantifier (各, 全体,
广大: kept as the mention's quantifier) ends it. *Weak* heads (局, 处, 室, 部,
中心...) are mentions only with a modifier and only where they end a word of
their own (干部 is not a 部, 中心工作 is no 中心).

Examples
--------
>>> [(m.label, m.type) for m in np_mentions("根据杭州市教育局政治处的安排，各现任中层干部要参加。")]
[('杭州市教育局政治处', 'GovernmentBody'), ('现任中层干部', 'MemberGroup')]
"""

from __future__ import annotations

import bisect
import re
from typing import TypeVar

from extract.actor_grammar import RawMention, lends_last_char
from extract.actor_np_heads import FUNCTION_CHARS, NpHeads, np_heads
from extract.actor_tables import SECTOR_WINDOW

_ORDINAL = re.compile("第[一二三四五六七八九十]{1,3}")
_QUOTED = re.compile("“[^“”\n]{1,12}”")
K = TypeVar("K")
V = TypeVar("V")
_CLOSERS = ("）", ")")  # the last character of every match of ``level_alt_re``
_OPEN = frozenset({"open"})


def _head_in_word(h: NpHeads, text: str, he: int, size: int) -> bool:
    """Whether the longest dictionary word of up to 6 characters ending at ``he`` is
    longer than the head of ``size`` characters there and no body (干部 ends in 部,
    全部 is no body, 时时处处 an idiom): what :func:`_word_before` would say."""
    bad = 0
    table = h.head_words
    for n in range(size + 1, min(6, he) + 1):
        if (f := table.get(text[he - n : he])) is None:
            break  # no longer word ends so
        if f & 1:
            bad = f & 4
    return bad != 0


_MEMO_BOUND = 200_000  # entries a memo table holds before it starts afresh


def _remember(memo: dict[K, V], key: K, value: V) -> V:
    """Store ``value`` under ``key`` in ``memo`` (emptied first when full) and return it."""
    if len(memo) > _MEMO_BOUND:
        memo.clear()
    memo[key] = value
    return value


def _word_before(h: NpHeads, text: str, pos: int, lo: int) -> str:
    """The longest dictionary word of up to 6 characters ending at ``pos`` (else one char)."""
    if pos - lo < 2:
        return text[pos - 1 : pos]
    window = text[max(pos - 6, lo) : pos]  # all the answer depends on
    if (w := h.before_memo.get(window)) is None:
        w = _remember(h.before_memo, window, _longest_word_ending(h, window))
    return w


def _longest_word_ending(h: NpHeads, window: str) -> str:
    for n in range(len(window), 1, -1):
        w = window[-n:]
        if h.freq.get(w, 0) > 0 or w in h.modifier_words:
            return w
    return window[-1:]


def _modifier_before(h: NpHeads, text: str, pos: int, lo: int) -> str:
    """The longest word ending at ``pos`` that may be a modifier (学校|领导, not 学|校领导),
    else the longest dictionary word there."""
    if (
        text[pos - 1 : pos] in _CLOSERS  # a level with alternatives ends with its bracket
        and (lv := h.level_alt.search(text, lo, pos)) is not None
        and lv.end() == pos
    ):
        return lv.group()  # 县（市、区）: one level with its alternatives
    window = text[max(pos - 7, lo) : pos]  # all the rest depends on (lo where it is shorter)
    if (w := h.modifier_before_memo.get(window)) is None:
        w = _remember(h.modifier_before_memo, window, _modifier_ending(h, window))
    return w


def _modifier_ending(h: NpHeads, text: str) -> str:
    """:func:`_modifier_before` at the end of ``text`` (no level in brackets there)."""
    pos, lo = len(text), 0
    freq, listed = h.freq, h.modifier_words
    found = 0  # the longest dictionary word (for the answer of _word_before)
    for n in range(min(6, pos - lo), 1, -1):
        w = text[pos - n : pos]  # (most are seen once: a memo of them would not pay)
        word = freq.get(w, 0) > 0 or w in listed
        if word or (("级" in w or "以上" in w) and _rank(h, w)):
            if _is_modifier(h, w):
                k = pos - n
                if (
                    n > 2
                    and k > lo
                    and _is_modifier(h, w[1:])
                    and _is_word_modifier(h, text[k - 1 : k + 1])
                ):
                    return w[1:]  # 学校党委, not 学 + 校党委: the first character belongs before
                return w
            if word and not found:
                found = n
    return text[pos - (found or 1) : pos]  # what _word_before gives


def _is_word_modifier(h: NpHeads, w: str) -> bool:
    """A dictionary word (or a listed one) that may be a modifier."""
    return (h.freq.get(w, 0) > 0 or w in h.modifier_words) and _is_modifier(h, w)


def _is_modifier(h: NpHeads, w: str) -> bool:
    """A word that may stand before a head inside a name (:func:`_modifier_word`, memoized)."""
    known = h.modifier_memo.get(w)
    if known is None:
        known = _remember(h.modifier_memo, w, _modifier_word(h, w))
    return known


def _modifier_word(h: NpHeads, w: str) -> bool:
    """A word that may stand before a head inside a name: a place, a body, a sector,
    a level, an ordinal or a rank qualifier (nouns in general may not: 评价党员)."""
    if w in h.stop_words:
        return False
    if w in h.modifier_words or w in h.sectors or _ordinal(w) or _rank(h, w):
        return True
    if ("（" in w or "(" in w) and h.level_alt.fullmatch(w):
        return True  # 县（市）: a level with its alternatives in brackets
    if len(w) == 1:
        return w in h.modifier_chars
    tag = h.tags.get(w)
    if tag in ("ns", "nt"):
        return w[0] not in FUNCTION_CHARS  # a place or an organization (和州 is 和 + 州)
    return w[-1] in h.org_suffix and tag in ("n", "j", "nz", "s") and w not in h.not_heads


def _left(
    h: NpHeads, text: str, hs: int, weak: bool = False, head: str = "", sector: int = -1
) -> tuple[int, str]:
    """Start of the phrase whose head starts at ``hs``, and its quantifier.

    ``sector``: the length of a weak head's sector word when known (-1: not known).
    """
    lo = max(0, hs - h.max_chars)
    pos, words = hs, 0
    if weak:  # the sector word of a weak head first (组织 + 部), even a stop word
        if sector < 0:
            sector = _sector_len(h, text, lo, hs, h.weak.get(head, ("",))[0] == "MemberGroup")
        pos = hs - sector
    school = False
    while pos > lo and words < h.max_words:
        q = None
        for c in h.quant_by_end.get(text[pos - 1], ()):
            if text.startswith(c, pos - len(c)):
                q = c
                break
        if q == "全体" and pos - 2 > lo and _is_modifier(h, _modifier_before(h, text, pos - 2, lo)):
            pos -= 2  # 校党委班子全体成员: 全体 inside a group's name
            continue
        if q is not None and (
            pos - len(q) == 0
            or not _is_modifier(h, _word_before(h, text, pos - len(q) + 1, lo))
            or q.startswith(("各", "全体", "广大", "每", "所有"))
        ):
            return pos - len(q), q
        w = _modifier_before(h, text, pos, lo)
        named = (
            school
            and len(w) >= 2
            and (h.tags.get(w, "n") in ("vn",) or h.tags.get(w, "n")[:1] in ("n", "a", "j"))
        )
        if w.endswith(h.body_endings) and _party_body(h, head):
            pos -= len(w)  # 教育部门党组织: the department's own Party body
            words += 1
            continue
        if (not _is_modifier(h, w) and not named) or w.endswith(h.coordinate.get(head, ())):
            break  # 市委市政府: two bodies side by side, not one
        school = w in h.school_words  # a school's own name stands before 中学: 实验中学
        pos -= len(w)
        words += 1
    return pos, ""


def _party_body(h: NpHeads, head: str) -> bool:
    """Whether ``head`` names a body of the Party (党组织, 纪委, 党委), not people or a unit."""
    typ = (h.strong.get(head) or h.weak.get(head) or ("", ""))[0]
    return typ in ("PartyBranch", "PartyCommittee", "SupervisoryGroup")


def _sector_len(h: NpHeads, text: str, lo: int, hs: int, people: bool = False) -> int:
    """Length of the sector, level, body or ordinal word just before a weak head (0: none).

    Before a weak head of people (领导, 对象) a rank or role qualifier (分管, 考察) will do.
    """
    if (
        text[hs - 1 : hs] in _CLOSERS
        and (lv := h.level_alt.search(text, lo, hs)) is not None
        and lv.end() == hs
    ):
        return hs - lv.start()  # 县（市）委
    if hs - lo <= 0:
        return 0
    window = text[max(hs - SECTOR_WINDOW, lo) : hs]  # all the rest depends on
    key = (window, people)
    if (n := h.sector_memo.get(key)) is None:
        n = _remember(h.sector_memo, key, _sector_word_len(h, window, people))
    return n


def _ordinal(w: str) -> bool:
    return w[:1] == "第" and _ORDINAL.fullmatch(w) is not None


def _rank(h: NpHeads, w: str) -> bool:
    """A rank qualifier (科级, 处级以上): every one holds 级 or 以上."""
    return ("级" in w or "以上" in w) and h.rank.match(w) is not None


def _sector_word_len(h: NpHeads, window: str, people: bool) -> int:
    """The length of the longest word ending ``window`` that is a sector, a level, an
    ordinal, a body or a place (before people also a modifier or a rank), else 0."""
    if not people or ("级" not in window and "以上" not in window):
        table = h.sector_words[people]
        best = 0
        for n in range(1, len(window) + 1):
            if (f := table.get(window[-n:])) is None:
                break  # no longer word ends so
            if f & 1:
                best = n
        return best
    for n in range(len(window), 0, -1):
        w = window[-n:]
        if people and (w in h.modifier_words or w in h.people_modifiers or _rank(h, w)):
            return n
        if w in h.sectors or (w[0] == "第" and _ordinal(w)) or (n == 1 and w in h.level_chars):
            return n
        if n >= 2 and (
            (w in h.strong and h.strong[w][0] not in ("MemberGroup", "Public")) or w in h.weak
        ):
            return n  # a body (教育局), not a group of people (群众办实事)
        if n >= 2 and h.tags.get(w) == "ns" and w[0] not in FUNCTION_CHARS:
            return n  # a place before a school: 某地一中 (和州 is 和 + 州委)
    return 0


def np_mentions(text: str) -> list[RawMention]:
    """Open-class actor mentions of a normalized text, in text order (see module docstring)."""
    h = np_heads()
    quoted = [q.span() for q in _QUOTED.finditer(text)]
    q_starts = [a for a, _ in quoted]
    out: list[RawMention] = []
    pos = 0
    while (m := h.head_re.search(text, pos)) is not None:
        pos = m.start() + 1  # heads may overlap: 领导 and 班子 in 领导班子
        hs, he = m.span()
        if quoted and (k := bisect.bisect_left(q_starts, hs) - 1) >= 0 and hs < quoted[k][1]:
            continue  # “清廉学校”建设: a project named in quotes, no body
        head = m.group()
        if h.after_stop.match(text, he) or text.startswith(h.not_after.get(head, ()), he):
            continue  # 党委领导下: leadership, no group of leaders
        if text.startswith("长", he) and (len(head) == 1 or (hs and text[hs - 1] == head)):
            continue  # 组织部部长, 教研组长: the head opens a person's title
        roles = h.roles_at.get(text[he : he + 1])
        titled = roles is not None and text.startswith(roles, he)  # 政治处 + 处长, 教育局 + 局长
        if not titled and he < len(text) and h.freq.get(text[hs : he + 1], 0) > 0:
            continue  # 部署, 处理, 局面: the head is the start of a longer word
        weak = head in h.weak
        sector = 0
        if weak and not (
            sector := _sector_len(h, text, max(0, hs - 8), hs, h.weak[head][0] == "MemberGroup")
        ):
            continue  # a weak head needs a sector, a level or an ordinal before it
        if _head_in_word(h, text, he, len(head)):
            continue  # 干部 ends in 部, 全部 is no body, 时时处处 an idiom
        if h.not_head_re.search(text, max(0, he - 6), he) is not None and any(
            text[k:he] in h.not_heads for k in range(max(0, he - 6), hs)
        ):
            continue  # 组织领导: a noun of its own
        if (
            len(head) > 1
            and not titled
            and h.freq.get(text[he - 1 : he + 1], 0) > 0  # (lends_last_char's first test)
            and (
                h.weak.get(head, ("",))[0] == "MemberGroup"  # 书记|出席: no title to read
                or lends_last_char(text, hs, he, h.strong)
            )
        ):
            continue  # 先教工作: the head's last character opens the next word
        if text[hs - 1 : hs] in _CLOSERS:
            sector = -1  # 县（市）委: the level is looked for further back in _left
        start, quant = _left(h, text, hs, weak, head, sector)
        typ, kind = (h.weak if weak else h.strong)[head]
        while (
            lead := h.rank_lead.match(text, start + len(quant), hs)
        ) is not None and lead.end() > start + len(quant):
            start = lead.end() - len(quant)  # 两年以上中层: 以上 belongs to what comes before
        surface = text[start:he]
        label = surface[len(quant) :]
        if "全体" in label:
            label = label.replace("全体", "")
        out.append(RawMention(start, he, label, surface, typ, kind, head, flags=_OPEN, quant=quant))
    for m in h.members_of.finditer(text):  # 中央政治局的同志: the members of a body
        out.append(
            RawMention(
                m.start(),
                m.end(),
                m.group(),
                m.group(),
                "MemberGroup",
                "成员",
                "同志",
                flags=_OPEN,
            )
        )
    return _distribute(h, text, _longest(out))


_LIST_REACH = 400  # characters before a head searched for its list of levels (各区、县（市）)


def _distribute(h: NpHeads, text: str, ms: list[RawMention]) -> list[RawMention]:
    """A head shared by listed levels (各区、县（市）委宣传部; 各团区、县（市）委): one
    mention per level, the earlier levels' labels built from the head."""
    out = list(ms)
    for m in ms:
        lv = h.level_token.match(m.surface, len(m.quant))
        if lv is None or lv.end() == len(m.surface):
            continue
        rest = m.surface[lv.end() :]
        end = m.start + len(m.quant)
        before = h.listed_levels.search(text, max(0, end - _LIST_REACH), end)
        if before is None or before.end() != m.start + len(m.quant):
            continue
        prefix = before.group("p") or ""
        for lm in h.level_token.finditer(before.group("levels")):
            a = before.start("levels") + lm.start()
            label = prefix + lm.group() + rest
            out.append(
                RawMention(
                    a,
                    a + len(lm.group()),
                    label,
                    text[a : a + len(lm.group())],
                    m.type,
                    m.kind,
                    m.head,
                    flags=m.flags | {"collective"},
                )
            )
        if prefix:
            out[out.index(m)] = RawMention(
                m.start,
                m.end,
                prefix + m.label,
                m.surface,
                m.type,
                m.kind,
                m.head,
                flags=m.flags,
                quant=m.quant,
            )
    return sorted(out, key=lambda x: (x.start, x.end))


def _longest(ms: list[RawMention]) -> list[RawMention]:
    """The longest mentions that do not overlap (教育局 in 市教育局政治处 goes), in text order."""
    kept: list[RawMention] = []
    starts: list[int] = []  # kept spans, sorted, never overlapping
    for m in sorted(ms, key=lambda m: (-(m.end - m.start - len(m.quant)), m.start)):
        k = bisect.bisect_left(starts, m.start)
        if (k == len(kept) or m.end <= kept[k].start) and (k == 0 or kept[k - 1].end <= m.start):
            kept.insert(k, m)
            starts.insert(k, m.start)
    return kept
