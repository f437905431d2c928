"""The actor grammar: raw actor mentions found in normalized text.

The grammar lives in ``extract/data/actors.json`` (read through
:func:`extract.lexicon.data_json`). A mention is built around a *head*
(党委, 督导组, 领导小组, 党员, 群众, ...) found by one alternation regex over
the whole text; its left context is then parsed backwards (on the reversed
text) for a modifier (流动党员), a campaign name (先进性教育活动领导小组), a
jurisdiction (县公安局, 州先教办) or a place name (双路镇党委), a collective
list of jurisdictions (省、市委 / 县、乡两级党委) and a quantifier (各级, 广大).
Adjacent mentions fuse when the second is a sub-body or role of the first
(区委 + 督导组, 督导组 + 组长, 党委 + 先进性教育活动领导小组).

Examples
--------
>>> [(m.label, m.kind) for m in scan("县、乡两级党委要督促各级党组织主要负责人")]
[('乡党委', '党委'), ('县委', '党委'), ('党组织主要负责人', '主要负责人')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from extract.lexicon import data_json, first_matches, word_alternation
from extract.prefilter import skipping

CJK = "\u4e00-\u9fff"


@dataclass(frozen=True, slots=True)
class Head:
    """One head word of the grammar (a row of ``heads`` in actors.json)."""

    form: str
    type: str
    kind: str
    flags: frozenset[str]


@dataclass(slots=True, unsafe_hash=True)  # not frozen: built by the ten thousand
class RawMention:
    """A mention before merging: ``[start, end)`` of the normalized text.

    ``label`` is the canonical form (quantifier stripped, modifier folded,
    县党委 -> 县委); ``surface`` the text as written (normalized); ``jur`` the
    jurisdiction (``"区"``, ``"中央"``, a place name) or ``None``; ``camp``
    the normalized campaign name when the mention carries one.
    """

    start: int
    end: int
    label: str
    surface: str
    type: str
    kind: str
    head: str = ""
    jur: str | None = None
    camp: str | None = None
    flags: frozenset[str] = frozenset()
    quant: str = ""
    nested: bool = False


def _alt(words, reverse: bool = False) -> str:
    return word_alternation(words, reverse=reverse)


@dataclass(frozen=True)
class Grammar:
    """Compiled actor grammar (built once from the data file)."""

    data: dict
    heads: dict[str, Head]
    head_res: tuple[tuple[re.Pattern[str], Head], ...]
    head_re: re.Pattern[str]  # the head regexes, each a named group r<i>
    head_words: re.Pattern[str]  # the literal heads (one prefix tree)
    left_re: dict[str, re.Pattern[str]]
    quant_r: re.Pattern[str]
    list_com_r: re.Pattern[str]
    list_head_r: re.Pattern[str]
    name_r: re.Pattern[str]
    jur_r: re.Pattern[str]
    place_r: re.Pattern[str]
    place_bad: re.Pattern[str]
    committees: dict[str, str]


@functools.cache
def grammar() -> Grammar:
    """The compiled grammar (cached)."""
    d = data_json("actors.json")
    heads: dict[str, Head] = {}
    for form, typ, kind, flags in d["heads"]:
        heads[form] = Head(form, typ, kind, frozenset(flags.split()))
    for form in d["committees"]:
        heads[form] = Head(form, "PartyCommittee", "委", frozenset({"committee"}))
    sector_heads = [s + h for s in d["sectors"] for h in d["sector_heads"]]
    for form in sector_heads:
        heads.setdefault(form, Head(form, "GovernmentBody", form, frozenset({"sector"})))
    head_res = tuple(
        (re.compile(rx), Head(rx, typ, kind, frozenset(flags.split())))
        for rx, typ, kind, flags in d["head_regexes"]
    )
    head_re = skipping("|".join(f"(?P<r{i}>{rx.pattern})" for i, (rx, _) in enumerate(head_res)))
    boundary = _alt(d["place_left"], reverse=True)
    bnd = f"(?=[^{CJK}]|{boundary}|$)"
    left_re = {}
    for kind, mods in d["modifiers"].items():
        left_re[kind] = re.compile(_alt(mods, reverse=True))
    camp = _alt(
        list(d["campaigns"]) + [c + s for c in d["campaigns"] for s in d["campaign_suffixes"]],
        reverse=True,
    )
    left_re["camp"] = re.compile(camp)
    jur_forms = [*d["jurisdictions"], "县(市)", "县（市）"]
    juris_alt = _alt(jur_forms, reverse=True)
    joiner = _alt(d["list_joiners"], reverse=True)
    jlist = _alt(["中央", *d["jurisdictions"]], reverse=True)
    return Grammar(
        data=d,
        heads=heads,
        head_res=head_res,
        head_re=head_re,
        head_words=re.compile(_alt(heads)),
        left_re=left_re,
        quant_r=re.compile(_alt(d["quantifiers"], reverse=True)),
        list_com_r=re.compile(f"((?:{joiner}{jlist})+)"),
        list_head_r=re.compile(
            f"(?:{_alt(d['list_tails'], reverse=True)})?({jlist}(?:{joiner}{jlist})+)"
        ),
        name_r=re.compile(f"([{CJK}]{{2,3}}){bnd}"),
        jur_r=re.compile(f"({juris_alt}){bnd}"),
        place_r=re.compile(
            f"({_alt(['省', '市', '州', '县', '区', '镇', '乡', '街道', '村', '旗'], reverse=True)}"
            f"[{CJK}]{{2,4}}?){bnd}"
        ),
        place_bad=re.compile(d["place_not_start_re"]),
        committees=dict(d["committees"]),
    )


def _head_at(g: Grammar, m: re.Match[str]) -> Head:
    if m.lastgroup is not None:
        return g.head_res[int(m.lastgroup[1:])][1]
    return g.heads[m.group()]


def _norm_jur(g: Grammar, j: str) -> str:
    return "县" if j.startswith("县(") or j.startswith("县（") else j


def _split_list(g: Grammar, listed: str) -> list[str]:
    """'、省、中央' (reversed, joiner first) -> ['中央', '省'] in reading order."""
    joiners = sorted(g.data["list_joiners"], key=len, reverse=True)
    fwd = listed[::-1]
    for j in joiners:
        fwd = fwd.replace(j, "\t")
    return [p for p in fwd.split("\t") if p]


def _committee_label(g: Grammar, jur: str, head: Head) -> str:
    if head.kind == "委":
        return g.data["committee_of"].get(jur, jur + "委") if jur != "中央" else "中央"
    if head.form == "党委" and jur in g.data["committee_of"]:
        return g.data["committee_of"][jur]
    return jur + head.form


def _is_place_name(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as a place or proper name (金华, 青海)."""
    from extract.tokenize import pos_tags

    return pos_tags().get(word) in {"ns", "nz"}


def _place(g: Grammar, rev: str, pos: int) -> re.Match[str] | None:
    """A place name ending at ``pos`` of the reversed text (not 要向镇: modal + preposition)."""
    pm = g.place_r.match(rev, pos)
    return None if pm is None or g.place_bad.match(pm.group(1)[::-1]) else pm


def _left(
    g: Grammar, text: str, rev: str, head: Head, s: int, e: int
) -> RawMention | list[RawMention]:
    """Parse the left context of the head ``text[s:e]`` (on the reversed text)."""
    n = len(text)
    surface = text[s:e]
    d = g.data
    label = d["modifier_labels"].get(surface, surface)
    pos = n - s
    jur = camp = None
    members: list[str] = []
    mod_re = g.left_re.get(head.form) or g.left_re.get(head.kind)
    place_first = "place" in head.flags and _place(g, rev, pos)
    if mod_re and not place_first and (mm := mod_re.match(rev, pos)):
        pos = mm.end()
        label = d["modifier_labels"].get(text[n - pos : e], text[n - pos : e])
    if {"campaign", "office"} & head.flags and (cm := g.left_re["camp"].match(rev, pos)):
        name = cm.group()[::-1]
        camp = d["campaigns"].get(name) or next(
            (
                d["campaigns"][name.removesuffix(x)]
                for x in d["campaign_suffixes"]
                if name.removesuffix(x) in d["campaigns"]
            ),
            None,
        )
        pos = cm.end()
        label = text[n - pos : e]
    if head.kind == "委":
        jur = g.committees[surface]
        if lm := g.list_com_r.match(rev, pos):
            members = [*_split_list(g, lm.group(1)), jur]
            pos = lm.end()
        elif (pm := g.name_r.match(rev, pos)) and _is_place_name(pm.group(1)[::-1]):
            jur = pm.group(1)[::-1] + surface[0]
            pos = pm.end()
            label = text[n - pos : e]
    elif {"campaign", "abbrev", "sector", "jur_only", "office", "jur"} & head.flags:
        if head.form == "党委" and (lm := g.list_head_r.match(rev, pos)):
            members = _split_list(g, lm.group(1))
            pos = lm.end()
        elif (
            (pm := _place(g, rev, pos))
            and "place" in head.flags
            and not any(pm.group(1)[::-1].endswith(x) for x in d["place_stop"])
        ):
            jur = pm.group(1)[::-1]
            pos = pm.end()
            label = text[n - pos : e]
        elif jm := g.jur_r.match(rev, pos):
            jur = _norm_jur(g, jm.group(1)[::-1])
            pos = jm.end()
            label = _committee_label(g, jur, head) if head.form == "党委" else text[n - pos : e]
    flags = head.flags
    if rev.startswith(tuple(d["list_joiners"]), pos) and rev[pos + 1 : pos + 2] not in ("", "，"):
        flags = flags | {"listed"}
    qm = g.quant_r.match(rev, pos)
    quant = qm.group()[::-1] if qm and "noquant" not in head.flags else ""
    s0 = n - pos - len(quant)
    if members:
        return [
            RawMention(
                s0,
                e,
                _committee_label(g, j, head),
                text[s0:e],
                head.type,
                head.kind,
                head.form,
                j,
                camp,
                head.flags | {"collective"},
                quant,
            )
            for j in members
        ]
    return RawMention(
        s0, e, label, text[s0:e], head.type, head.kind, surface, jur, camp, flags, quant
    )


def _raw_heads(g: Grammar, text: str) -> list[RawMention]:
    """Heads with their left context parsed (before fusion)."""
    rev = text[::-1]
    out: list[RawMention] = []
    stop_after = g.data["not_actor_after"]
    for m in first_matches((g.head_re, g.head_words), text):
        if any(text.startswith(x, m.end()) for x in stop_after.get(m.group(), ())):
            continue
        if _cut_from_word(g, text, m.start(), m.end()):
            continue  # 巡视组织, 工会费: the head's last character opens the next word
        got = _left(g, text, rev, _head_at(g, m), m.start(), m.end())
        out.extend(got if isinstance(got, list) else [got])
    return out


def _cut_from_word(g: Grammar, text: str, start: int, end: int) -> bool:
    """Whether the head ``text[start:end]`` lends its last character to a word after it
    (巡视组|织 is 组织, 工会|费 is 会费). Titles and members after a body (组长, 委员)
    and other heads are no such word."""
    pair = text[end - 1 : end + 1]
    if len(pair) < 2 or pair in g.heads or pair in g.data["fragment_ok"]:
        return False
    return lends_last_char(text, start, end, g.heads, tuple(g.data["fragment_ok"]))


@functools.cache
def _frequencies() -> dict[str, int]:
    """jieba's word frequencies (looked up once per process)."""
    from extract.tokenize import tokenizer

    return tokenizer().FREQ


def lends_last_char(
    text: str, start: int, end: int, heads=frozenset(), keep: tuple[str, ...] = ()
) -> bool:
    """Whether the dictionary's segmentation of the words around ``text[start:end]``
    joins its last character to the next word (no word boundary at ``end``), that
    word being no head (``heads``) and not opening with one of ``keep``.

    Examples
    --------
    >>> lends_last_char("创新巡视组织方式", 2, 5), lends_last_char("巡视组要加强监督", 0, 3)
    (True, False)
    """
    if end >= len(text) or _frequencies().get(text[end - 1 : end + 1], 0) <= 0:
        return False
    from extract.tokenize import dictionary_words

    lo = max(0, start - 4)
    pos = lo
    for w in dictionary_words(text[lo : end + 4]):
        if pos < end < pos + len(w):
            return w not in heads and not w.startswith(keep)
        pos += len(w)
    return False


_BODY_TYPES = {"LeadingGroup", "CampaignOffice", "SupervisoryGroup"}
_ROLE_PARENTS = {
    "PartyCommittee",
    "PartyBranch",
    "SupervisoryGroup",
    "LeadingGroup",
    "CampaignOffice",
}


def _fuses(a: RawMention, b: RawMention) -> bool:
    if a.end != b.start or b.quant or a.nested:
        return False
    if {"sub", "sub_or_free", "needs_prefix"} & b.flags:
        if b.type == "MemberGroup" and {"sub_or_free", "needs_prefix"} & b.flags:
            return a.type in _ROLE_PARENTS and "listed" not in a.flags
        return True
    if "jur_only" in b.flags:
        return b.jur is None and (a.kind == "委" or a.head == "党委" or a.jur is not None)
    if b.type in {"LeadingGroup", "CampaignOffice", "SupervisoryGroup"} and b.jur is None:
        return a.type == "PartyCommittee" or a.type in {"LeadingGroup", "CampaignOffice"}
    return False


def scan(text: str) -> list[RawMention]:
    """Raw actor mentions of a normalized text, in text order (see module docstring).

    A body named inside a role (督导组 in 督导组组长) is kept as a ``nested``
    mention; other fused prefixes (区委 in 区委督导组) are not mentions.
    """
    g = grammar()
    found: dict[int, RawMention] = {}  # insertion order is the order found
    by_end: dict[int, list[int]] = {}

    def add(x: RawMention) -> None:
        k = len(found) + removed
        found[k] = x
        by_end.setdefault(x.end, []).append(k)

    removed = 0
    for m in _raw_heads(g, text):
        keys = [k for k in by_end.get(m.start, ()) if k in found and not found[k].nested]
        group = [found[k] for k in keys]
        if group and _fuses(group[-1], m):
            for k in keys:
                del found[k]
            removed += len(keys)
            for a in group:
                if "keep_parent" in m.flags or (
                    a.kind == "委"
                    and a.jur != "中央"
                    and m.type in _BODY_TYPES | {"GovernmentBody"}
                ):
                    add(replace(a, nested=True))
                add(
                    replace(
                        m,
                        start=a.start,
                        label=a.label + m.label,
                        surface=a.surface + m.surface,
                        jur=a.jur if m.jur is None else m.jur,
                        quant=a.quant,
                        camp=m.camp or a.camp,
                        flags=m.flags | (a.flags & {"collective"}),
                    )
                )
            continue
        if (
            ("sub" in m.flags and m.label == m.surface.removeprefix(m.quant))
            or ("needs_prefix" in m.flags and m.label == m.head)
            or ("jur_only" in m.flags and m.jur is None)
        ):
            continue
        add(m)
    out = list(found.values())
    out.sort(key=lambda m: (m.start, -m.end, m.label))
    kept: list[RawMention] = []
    for m in out:  # a head swallowed by a longer mention (村社 in 村社党支部) is not one
        if not m.nested and any(
            k.start <= m.start
            and m.end <= k.end
            and (k.start, k.end) != (m.start, m.end)
            and not k.nested
            for k in kept[-4:]
        ):
            continue
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end, m.label))
    return kept
