"""Actors: bodies, groups and persons named in a document (DOMAIN.md section 2).

Public API (helper REQS codes against it):

* :func:`find_actors` ``(doc, meta) -> tuple[Actor, ...]``
* :func:`actor_index` ``(doc, meta) -> ActorIndex``: the actors plus every
  mention in normalized-text coordinates, for assigning responsible actors.

:class:`ActorIndex`:

* ``.actors``: the :class:`~extract.records.Actor` records (sorted by label);
* ``.mentions``: :class:`ActorMention` records sorted by ``start`` (a
  collective phrase such as 各党委、工委 gives one mention per member);
* ``.at(start, end)``: actor keys mentioned inside ``[start, end)`` of
  ``doc.text``, in text order, without repeats;
* ``.mentions_in(start, end)``: the mentions themselves;
* ``.resolve(surface)``: the key of the actor a surface form names
  (label, alias, or a generic form such as 督导组 / 各级党组织), else ``None``;
* ``.speaker``: the key of the body the speaker speaks for (我代表区委 -> 区委),
  else ``None``;
* ``.get(key)``: the :class:`Actor` of a key.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> doc = document_from_bytes("a.txt", "各党委、工委要督促各支部抓好学习。".encode())
>>> idx = actor_index(doc)
>>> idx.at(0, len(doc.text))
('党委', '工委', '支部')
>>> idx.resolve("各支部")
'支部'
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from extract.actor_grammar import RawMention, scan
from extract.actor_merge import Group, merge_abbreviations, merge_bare
from extract.actor_np import np_mentions
from extract.actor_person import localities, persons
from extract.actor_work import at_work
from extract.intervals import Intervals
from extract.lexicon import data_json, word_alternation
from extract.records import Actor, Document, DocumentMeta
from extract.rules import prov


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor: ``[start, end)`` of :attr:`Document.text`.

    ``surface`` is the normalized text of the mention; for a member of a
    collective phrase (工委 in 各党委、工委) the span covers that member only.
    """

    start: int
    end: int
    key: str
    surface: str
    nested: bool = False


class ActorIndex:
    """The actors of one document and where they are mentioned (see module docstring)."""

    def __init__(
        self,
        actors: tuple[Actor, ...],
        mentions: tuple[ActorMention, ...],
        surfaces: dict[str, str],
        speaker: str | None = None,
    ):
        self.actors = actors
        self.mentions = mentions
        self.speaker = speaker
        self._surfaces = surfaces
        self._by_key = {a.key: a for a in actors}
        self._starts = [m.start for m in mentions]

    def get(self, key: str) -> Actor | None:
        """The actor with canonical label ``key``."""
        return self._by_key.get(key)

    def mentions_in(self, start: int, end: int) -> tuple[ActorMention, ...]:
        """Mentions lying entirely inside ``[start, end)`` of ``doc.text``."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end and not m.nested:
                out.append(m)
            i += 1
        return tuple(out)

    def at(self, start: int, end: int) -> tuple[str, ...]:
        """Actor keys mentioned inside ``[start, end)``, in text order, no repeats."""
        seen: dict[str, None] = {}
        for m in self.mentions_in(start, end):
            seen.setdefault(m.key, None)
        return tuple(seen)

    def resolve(self, surface: str) -> str | None:
        """Key of the actor that ``surface`` (simplified) names in this document."""
        return self._surfaces.get(surface)


def _identity(
    m: RawMention, syn: dict[str, str], noun_excl: set[str], syn_rx: re.Pattern[str] | None = None
) -> tuple[str, str, str]:
    """The key of a mention's group; ``syn_rx`` finds any key of ``syn`` (no search: none)."""
    label = m.label
    if syn_rx is None or syn_rx.search(label) is not None:  # else no synonym applies
        for a, b in syn.items():
            label = label.replace(a, b)
    bare = m.label == m.head or m.label == m.surface.removeprefix(m.quant) == m.head
    if bare and m.kind not in noun_excl and m.jur is None:
        label = m.kind
    if m.type in _BODY_TYPES and m.jur is not None:
        return (_jur_key(m.jur), m.type + m.kind, "")
    if m.type in _BODY_TYPES and m.jur is None and m.camp is None and bare:
        return ("", m.type + m.kind, "*bare*")
    return (_jur_key(m.jur) if m.jur else "", m.type, label)


def _jur_key(jur: str) -> str:
    return jur


_BODY_TYPES = {"LeadingGroup", "CampaignOffice", "SupervisoryGroup"}
_SPAN_ORDER = attrgetter("start", "end", "text")  # the fields of Span, in their order


def _own_jurisdiction(text: str, meta: DocumentMeta | None) -> str | None:
    if meta is not None and meta.level:
        return meta.level
    rx = _rx(data_json("actors.json")["own_jurisdiction_re"])
    counts = Counter(m.group(1) for m in rx.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def _level(g: Group) -> str | None:
    d = data_json("actors.json")
    if g.jur:
        if g.jur in d["levels"]:
            return d["levels"][g.jur]
        for suf in sorted(d["levels"], key=len, reverse=True):
            if g.jur.endswith(suf):
                return d["levels"][suf]
    return d["default_levels"].get(g.kind)


def _kind(g: Group) -> str:
    d = data_json("actors.json")
    if g.kind == "委":
        lvl = next(
            (k for k in sorted(d["committee_of"], key=len) if g.jur and g.jur.endswith(k)), None
        )
        return d["committee_of"].get(lvl, "中央") if g.jur != "中央" else "中央"
    return g.kind


@functools.cache
def _synonym_rx() -> re.Pattern[str] | None:
    """Any synonym to replace in a label (``actors.json`` ``synonyms``), else None."""
    syn = data_json("actors.json")["synonyms"]
    return re.compile(word_alternation(syn)) if syn else None


@functools.cache
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _with_open_mentions(closed: list[RawMention], opened: list[RawMention]) -> list[RawMention]:
    """Closed-grammar mentions plus the open-class ones that are new or longer.

    An open mention that overlaps no closed one is added; one that covers closed
    mentions and reaches further (学校党政办公室 over 办公室) or joins several of them
    (学校领导班子 over 学校 and 领导班子) replaces them;
    otherwise the closed mention, which knows jurisdictions and campaigns, stays.
    """
    out: dict[int, RawMention] = dict(enumerate(closed))  # insertion order is list order
    by_start: dict[int, list[int]] = {}
    for k, c in out.items():
        by_start.setdefault(c.start, []).append(k)
    starts = sorted(by_start)  # the keys of by_start
    longest = max((c.end - c.start for c in closed), default=0)
    next_key = len(out)

    def add(m: RawMention) -> None:
        nonlocal longest, next_key
        k, next_key = next_key, next_key + 1
        out[k] = m
        if m.start not in by_start:
            bisect.insort(starts, m.start)
        by_start.setdefault(m.start, []).append(k)
        longest = max(longest, m.end - m.start)

    for o in opened:
        i, j = bisect.bisect_left(starts, o.start - longest + 1), bisect.bisect_left(starts, o.end)
        near = (k for s in starts[i:j] for k in by_start[s] if k in out)
        hit = [k for k in near if not out[k].nested and o.start < out[k].end]
        if not hit:
            add(o)
        elif all(o.start <= out[k].start and out[k].end <= o.end for k in hit) and (
            len(hit) > 1
            or o.start < min(out[k].start for k in hit)
            or o.end > max(out[k].end for k in hit)
        ):
            for k in hit:
                del out[k]
            add(o)
    return sorted(out.values(), key=lambda m: (m.start, m.end, m.label))


def _short_roles(text: str, groups: dict, roles: list[str]) -> None:
    """A bare role (组长) after the text named one X组长: a mention of that actor."""
    taken: Intervals | None = None  # the mentions before any is added here
    for role in roles:
        owners = [
            g for g in groups.values() if any(lb.endswith(role) and lb != role for lb in g.labels)
        ]
        if len(owners) != 1:
            continue
        if taken is None:
            taken = Intervals((s, e) for g in groups.values() for s, e, _, _ in g.mentions)
        for m in re.finditer(re.escape(role), text):
            if taken.holds(m.start()):
                continue
            owners[0].mentions.append((m.start(), m.end(), role, False))
            owners[0].surfaces.add(role)


def _idiom_spans(text: str, patterns: list[str]) -> Intervals:
    """The spans of ``text`` that set phrases mark as no mention (group ``x``)."""
    return Intervals(m.span("x") for p in patterns for m in _rx(p).finditer(text))


_PRESENT_WINDOW = 200  # characters after a name searched for 出席 (a list of names, then the verb)


def _present_only(text: str, a: dict):
    """A test of one person mention: only reported present (某某出席) or held up as a model."""
    after, before = _rx(a["present_after_re"]), _rx(a["model_before_re"])

    def test(s: int, e: int) -> bool:
        window = text[e : e + _PRESENT_WINDOW]
        line = window.split("。", 1)[0].split("\n", 1)[0]
        return bool(after.search(line) or before.search(text[max(0, s - 6) : s]))

    return test


def _needs_work(g: Group, a: dict) -> bool:
    """Whether an actor counts only where it is at work: people outside the Party's
    own ranks (群众, 学生, 教师...) and persons; bodies and Party members always count."""
    if g.type == "Public":
        return True
    if any(_rx(a["pronoun_bodies_re"]).match(lb) for lb in g.labels):
        return True  # 我市: a body only where it acts
    if g.labels and set(g.labels) <= set(a["generic_need_work"]):
        return True  # 工作机构: a generic name of bodies
    label = max(g.labels, key=len) if g.labels else ""
    return (
        g.type == "MemberGroup"
        and label.endswith(tuple(a["lay_heads"]))
        and not any(w in label for w in a["party_words"])
    )


def actor_index(doc: Document, meta: DocumentMeta | None = None) -> ActorIndex:
    """Recognize the actors of ``doc`` and index their mentions.

    Parameters
    ----------
    doc : Document
        The document (its normalized ``text`` is scanned).
    meta : DocumentMeta, optional
        Its metadata; ``meta.level`` (区, 县, 市...) picks the document's own
        body when a bare form (督导组) could name several specific ones.

    Returns
    -------
    ActorIndex

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> doc = document_from_bytes("a.txt", "区委督导组要指导。督导组要检查。".encode())
    >>> [(a.label, a.aliases, a.type) for a in actor_index(doc).actors]
    [('区委', (), 'PartyCommittee'), ('区委督导组', ('督导组',), 'SupervisoryGroup')]
    """
    d = data_json("actors.json")
    text = doc.text
    syn = d["synonyms"]
    syn_rx = _synonym_rx()
    noun_excl = set(d["noun_kinds_excluded"])
    raws = _with_open_mentions(scan(text), np_mentions(text))
    taken = Intervals((m.start, m.end) for m in raws if not m.nested)
    raws += [m for m in localities(text) if not taken.overlaps(m.start, m.end)]
    people = persons(text)
    titles = {p.start for p in people if not (p.role or "").endswith(tuple(d["group_roles"]))}
    roles = Intervals(
        (p.start - len(p.title), p.start)
        for p in people
        if p.title and not p.title.endswith(tuple(d["group_roles"]))  # 班子全体成员甲、乙: a group
    )
    idioms = _idiom_spans(text, d["not_actor_idioms"]["re"])
    starts = {m.start for m in raws if not m.quant}  # 各地各部门: two actors
    raws = [m for m in raws if not (m.label in d["place_quantifiers"] and m.end in starts)]
    raws = [
        m
        for m in raws
        if not (m.type == "MemberGroup" and m.end in titles)
        and not roles.holds_span(m.start, m.end)  # 市委书记某某: a title
        and not idioms.holds_span(m.start, m.end)  # 以班级为单位: a set phrase
    ]
    groups: dict[tuple[str, str, str], Group] = {}
    for m in raws:
        ident = _identity(m, syn, noun_excl, syn_rx)
        g = groups.get(ident) or groups.setdefault(ident, Group(ident, m.type, m.kind, m.jur, []))
        g.mentions.append((m.start, m.end, m.label, m.nested))
        if "collective" in m.flags:
            g.collective.add((m.start, m.end))
        g.labels[m.label] += 1
        if "collective" not in m.flags:
            g.surfaces.add(m.surface)
        if m.kind == "委" or (m.jur and m.label.startswith(m.jur + "委")) or "委" in m.label[:4]:
            g.committee_form = True
    for p in people:
        ident = ("", "Person", p.name)
        g = groups.setdefault(ident, Group(ident, "Person", "人", None, []))
        g.mentions.append((p.start, p.end, p.name, False))
        g.labels[p.name] += 1
        g.surfaces |= {p.surface, p.name}
        g.role = g.role or p.role
    merge_bare(groups, _own_jurisdiction(text, meta))
    merge_abbreviations(groups)
    _short_roles(text, groups, d["short_roles"])
    needs_work = {k: _needs_work(g, d["agent"]) for k, g in groups.items()}
    at_work_spans = at_work(
        text,
        [(s, e) for g in groups.values() for s, e, _, nested in g.mentions if not nested],
        {(s, e) for k, g in groups.items() if needs_work[k] for s, e, _, _ in g.mentions},
    )
    present_only = _present_only(text, d["agent"])
    groups = {
        k: g
        for k, g in groups.items()
        if (not needs_work[k] or any((s, e) in at_work_spans for s, e, _, _ in g.mentions))
        and not (g.type == "Person" and all(present_only(s, e) for s, e, _, _ in g.mentions))
    }
    actors, mentions, surfaces = [], [], {}
    quants = tuple(d["quantifiers"])
    for ident in sorted(groups):
        g = groups[ident]
        label = (
            ident[2]
            if ident[2] in g.labels
            else max(g.labels, key=lambda lb: (("委" in lb[:4]), g.labels[lb], len(lb), lb))
        )
        raw = {(s, e): doc.span(s, e) for s, e, _, _ in g.mentions}
        raw_forms = {sp.text for se, sp in raw.items() if se not in g.collective}
        aliases = sorted(({*g.labels, *g.surfaces, *raw_forms} - {label}) - {""})
        spans = sorted(set(raw.values()), key=_SPAN_ORDER)  # (Span's own order, in C)
        scope = (
            "global"
            if g.jur == "中央" or (g.jur is None and g.type in d["global_types"])
            else "local"
        )
        place = (
            g.jur if g.jur and g.jur not in d["levels"] and g.jur not in d["committees"] else None
        )
        actors.append(
            Actor(
                label,
                g.type,
                tuple(spans),
                tuple(aliases),
                _level(g),
                scope,
                place,
                _kind(g),  # type: ignore[arg-type]
                g.role,
                prov(f"actor.{g.type}"),
            )
        )
        for s, e, _lb, nested in g.mentions:
            mentions.append(ActorMention(s, e, label, text[s:e], nested))
        for form in {
            label,
            *aliases,
            *(
                a[len(q) :]
                for a in aliases
                if a.startswith(quants)  # (most open with none)
                for q in d["quantifiers"]
                if a.startswith(q)
            ),
        }:
            surfaces.setdefault(form, label)
    mentions.sort(key=lambda m: (m.start, m.end, m.key))
    speaker = None
    for m in _rx(d["speaker_re"]).finditer(text):
        nxt = [x for x in mentions if m.end() <= x.start <= m.end() + 1 and not x.nested]
        if nxt:
            speaker = nxt[0].key
            break
    return ActorIndex(tuple(actors), tuple(mentions), surfaces, speaker)


def find_actors(doc: Document, meta: DocumentMeta | None = None) -> tuple[Actor, ...]:
    """The actors of ``doc`` (``actor_index(doc, meta).actors``).

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> doc = document_from_bytes("a.txt", "各党委、工委要组织党员学习".encode())
    >>> [a.label for a in find_actors(doc)]
    ['党员', '党委', '工委']
    """
    return actor_index(doc, meta).actors
