"""The keep-or-drop decision on actors that nothing else refers to.

DOMAIN.md section 2: an actor "directs, performs, supervises, approves, receives
or evaluates campaign work". An actor that holds a requirement (a responsible
actor) or takes part in a relation plainly does; one that does neither may be a
body that issued, hosted or took part in the work (kept), or a body or group
named in passing: inside a person's title (市委书记), as the owner of something
(群众利益), as a dignitary reported present (出席), as a topic (学习中央精神).

:func:`actor_features` describes each unreferenced actor by general properties of
ALL its mentions (what stands right before and after each, the sentence it sits
in, whether a kept requirement covers it, its place in the document's outline)
and of the document's genre (those of :mod:`extract.directive_features`);
:func:`filter_actors` drops those the rules of :func:`passing_only` find named
only in passing. Actors that are referenced are always kept. (A logistic
regression over the same features was tried: trained leave-one-document-out on
the nineteen gold documents it gave later-set actor F1 0.791 against 0.792 for the
rules alone, so the rules decide alone.) The cue patterns are in
``extract/data/actor_filter.json``.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import Analysis, COMPONENTS
>>> doc = document_from_bytes("a.txt", "市人大常委会有关领导同志参加会议。".encode())
>>> a = Analysis(doc)
>>> for name, run in COMPONENTS:
...     run(a) if name != "actor_filter" else None
>>> feats = dict(actor_features(a))
>>> sorted(feats), passing_only(feats["常委会"]), passing_only(feats["领导同志"])
(['常委会', '领导同志'], 'title', None)
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from extract.actor_work import at_work
from extract.directive_features import document_context, first_word
from extract.lexicon import data_json
from extract.records import Actor

if TYPE_CHECKING:  # pragma: no cover
    from extract.pipeline import Analysis

# Mention cues whose share over the actor's mentions is a feature beside "any:".
_SHARED = (
    "at_work",
    "title",
    "of",
    "in_book",
    "in_quote",
    "in_requirement",
    "heading",
    "nested",
    "present",
    "model",
    "study",
    "pledge",
    "post",
    "topic",
)


@functools.cache
def _d() -> dict:
    d = data_json("actor_filter.json")
    out = dict(d)
    out["after"] = {k: re.compile(v) for k, v in d["after"].items()}
    out["before"] = {k: re.compile(v) for k, v in d["before"].items()}
    for k, v in d.items():
        if k.endswith("_re"):
            out[k] = re.compile(v)
    out["model_before"] = re.compile(data_json("actors.json")["agent"]["model_before_re"])
    return out


def _inside(text: str, s: int, e: int, open_: str, close: str, window: int) -> bool:
    """Whether ``text[s:e]`` stands inside an ``open_ … close`` pair on its line."""
    lo = max(0, s - window)
    o = text.rfind(open_, lo, s)
    if o < 0 or text.rfind(close, o, s) >= 0 or text.rfind("\n", o, s) >= 0:
        return False
    c = text.find(close, e, e + window)
    return c >= 0 and text.find("\n", e, c) < 0


def _chains(text: str, spans: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """For each mention span, the start of the first and the end of the last mention
    of its coordination chain (甲、乙和丙). Unlike :func:`extract.actor_work.at_work`, two
    mentions that merely touch are no chain: the first qualifies the second
    (部门 in 部门主要负责同志)."""
    coord = re.compile(f"(?:{data_json('actors.json')['agent']['coordinators']})+")
    chains: list[list[tuple[int, int]]] = []
    for sp in sorted(set(spans)):
        if chains and (
            sp[0] < chains[-1][-1][1] or coord.fullmatch(text[chains[-1][-1][1] : sp[0]])
        ):
            chains[-1].append(sp)
        else:
            chains.append([sp])
    out = {}
    for chain in chains:
        ends = (chain[0][0], max(e for _, e in chain))
        for sp in chain:
            out[sp] = ends
    return out


def _passing_cues(text: str, s: int, e: int, chain: tuple[int, int], sent) -> set[str]:
    """The cues of one mention that :func:`passing_only` reads (named in passing:
    in a title, as a model, a topic, a post, what is studied or pledged, inside a
    book title or a quotation, reported present; and whether its sentence names
    participants)."""
    d = _d()
    after, before = text[chain[1] : chain[1] + 24], text[max(0, chain[0] - 6) : chain[0]]
    after_rx, cues = d["after"], set()
    if after_rx["title"].match(after) or after_rx["qualifier"].match(after):
        cues.add("title")
    if after_rx["model"].match(after) or d["model_before"].search(before):
        cues.add("model")
    if d["pledge_after_re"].match(after):
        cues.add("pledge")
    if d["post_after_re"].match(after):
        cues.add("post")
    if d["topic_after_re"].match(text, e):
        cues.add("topic")
    if d["study_after_re"].match(after) or (
        d["before"]["learn"].search(before) and not d["directive_after_re"].match(after)
    ):
        cues.add("study")
    w = d["context_window"]
    if _inside(text, s, e, d["book_open"], d["book_close"], w):
        cues.add("in_book")
    elif _inside(text, s, e, d["quote_open"], d["quote_close"], w):
        cues.add("in_quote")
    if sent is not None:
        rest = text[e : sent.end]
        if d["sentence_participate_re"].search(rest):
            cues.add("participate")
        if d["sentence_present_re"].search(rest):
            cues.add("present")
    return cues


def _mention_cues(
    a: Analysis, s: int, e: int, chain: tuple[int, int], line: tuple[int, str], sent
) -> set[str]:
    """The cue names that hold of one mention ``[s, e)`` of ``a.doc.text`` whose
    coordination chain spans ``chain``."""
    d, text = _d(), a.doc.text
    after, before = text[chain[1] : chain[1] + 24], text[max(0, chain[0] - 6) : chain[0]]
    cues = {f"after:{k}" for k, rx in d["after"].items() if rx.match(after)}
    cues |= {f"before:{k}" for k, rx in d["before"].items() if rx.search(before)}
    word, tag = first_word(after)
    if not word or not ("\u4e00" <= word[0] <= "\u9fff"):
        cues.add("next:punct")
    elif tag is not None and tag[:2] in ("vn", "an"):
        cues.add("next:vn")
    elif tag is not None and tag[:1] in ("n", "v"):
        cues.add(f"next:{tag[:1]}")
    cues |= _passing_cues(text, s, e, chain, sent)
    if "after:of" in cues:
        cues.add("of")
    if text[e : e + 1] == "、" or text[s - 1 : s] == "、":
        cues.add("in_list")
    ln = line[1]
    if ln.strip() == text[s:e].strip():
        cues.add("own_line")
    if d["date_line_re"].match(ln):
        cues.add("date_line")
    if sent is not None:
        if sent.heading:
            cues.add("heading")
        if d["sentence_host_re"].search(text[e : sent.end]):
            cues.add("host")
    return cues


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for ln in text.split("\n"):
        out.append((pos, ln))
        pos += len(ln) + 1
    return out


def referenced(a: Analysis) -> set[str]:
    """Keys of the actors a kept requirement or a relation names."""
    out = {k for r in a.requirements for k in r.actors}
    for r in a.relations:
        if r.source_kind == "actor":
            out.add(r.source)
        if r.target_kind == "actor":
            out.add(r.target)
    return out


def _actor_level(actor: Actor, a: Analysis) -> dict[str, float]:
    f: dict[str, float] = {"bias": 1.0, f"type:{actor.type}": 1.0}
    if actor.kind and actor.label == actor.kind:
        f["generic"] = 1.0
    if actor.jurisdiction:
        f["jurisdiction"] = 1.0
    if actor.role:
        f["role"] = 1.0
    n = len(actor.label)
    f["label_short" if n <= 2 else "label_long" if n >= 6 else "label_mid"] = 1.0
    defaults = a.defaults
    if defaults is not None:
        for name in ("addressee", "issuer", "audience", "participants"):
            if actor.key in getattr(defaults, name):
                f[f"default:{name}"] = 1.0
    return f


def actor_features(a: Analysis) -> Iterator[tuple[str, dict[str, float]]]:
    """``(key, features)`` of each actor of ``a`` that no requirement or relation names.

    ``a`` has run every component up to ``relations``. Features: the actor's type,
    whether it is generic, has a jurisdiction or a role, its label length, whether
    it is the document's addressee, issuer, audience or a participant; the number
    of its mentions and sentences; for each mention cue (``actor_filter.json``), whether
    any mention has it (``any:``) and for some the share of mentions that do
    (``share:``); and the document's genre signals.
    """
    text, doc = a.doc.text, a.doc
    refs = referenced(a)
    ctx = document_context(text)
    lines = _lines(text)
    line_starts = [p for p, _ in lines]
    sents = a.sentences
    sent_starts = [s.start for s in sents]
    req_spans = sorted((r.span.start, r.span.end) for r in a.requirements)
    req_starts = [s for s, _ in req_spans]
    by_key: dict[str, list] = {}
    for m in a.idx.mentions:
        by_key.setdefault(m.key, []).append(m)
    spans = [(m.start, m.end) for m in a.idx.mentions if not m.nested]
    working = at_work(text, spans, {(m.start, m.end) for m in a.idx.mentions if m.key not in refs})
    chains = _chains(text, spans)
    first_line = next((i for i, (_, ln) in enumerate(lines) if ln.strip()), 0)
    relay_from = a.defaults.relay_from if a.defaults is not None else 1 << 62
    genre = {
        "doc_directive_title": float(ctx.directive_title),
        "doc_report_title": float(ctx.report_title),
        "doc_salutation": float(ctx.salutation),
        "doc_relay": float(ctx.speech_relay),
        "doc_perfective": min(ctx.perfective_density, 10.0) / 10.0,
    }
    for actor in a.idx.actors:
        if actor.key in refs:
            continue
        ms = by_key.get(actor.key, [])
        f = _actor_level(actor, a)
        counts: dict[str, int] = {}
        sent_ids: set[int] = set()
        for m in ms:
            li = bisect.bisect_right(line_starts, m.start) - 1
            si = bisect.bisect_right(sent_starts, m.start) - 1
            sent = sents[si] if si >= 0 and sents[si].end >= m.end else None
            sent_ids.add(si)
            chain = chains.get((m.start, m.end), (m.start, m.end))
            cues = _mention_cues(a, m.start, m.end, chain, lines[li], sent)
            if m.nested:
                cues.add("nested")
            if (m.start, m.end) in working:
                cues.add("at_work")
            if li == first_line:
                cues.add("title_line")
            if m.start >= relay_from:
                cues.add("relayed")
            raw = doc.to_raw(m.start)
            k = bisect.bisect_right(req_starts, raw) - 1
            while k >= 0 and req_spans[k][0] > raw - 400:
                if req_spans[k][0] <= raw < req_spans[k][1]:
                    cues.add("in_requirement")
                    break
                k -= 1
            for c in cues:
                counts[c] = counts.get(c, 0) + 1
        n = max(1, len(ms))
        for c, k in counts.items():
            f[f"any:{c}"] = 1.0
            if c in _SHARED:
                f[f"share:{c}"] = k / n
        f["mentions"] = min(math.log2(n), 4.0) / 4.0
        if len(ms) == 1:
            f["single_mention"] = 1.0
        if len(sent_ids) == 1:
            f["one_sentence"] = 1.0
        f.update(genre)
        yield actor.key, f


def passing_only(f: dict[str, float]) -> str | None:
    """The rule that drops an unreferenced actor, else None.

    ``title``: every mention stands inside a title or a qualifier of people
    (市委书记, 中央书记处书记、, 有关部门主要负责同志): the body is not the actor, the
    person or group is. ``present``: a body or group (not a person, see
    :mod:`extract.actor_person`) named only in sentences that report dignitaries
    present (出席) and in none that names participants (参加, 列席). ``model``: a
    person named only as a model to follow (某某同志的事迹, 某某式的, 向某某学习).
    ``nested``: a body named only inside a longer name (市委 in 市委组织部).
    ``in_book``: people named only inside a document's title (《…干部…条例》): its
    topic (a body there issued the document and stays). ``pledge``: a group of
    people named only before a pledge with 将 (全体党员将…). ``study``: a body
    named only as what is studied or relayed (传达学习省委全会精神), not as a source
    of directives to carry out (按照省委要求). ``in_quote``: a body or group named
    only inside a short quotation (a slogan: “加强公安机关‘四个能力’建设”).
    ``topic``: named only as the topic of a task (加强学校基层组织建设).
    ``post``: people named only as posts or experience (党支部书记、团委书记等相应
    岗位任职经历).

    Examples
    --------
    >>> passing_only({"share:title": 1.0}), passing_only({"share:title": 0.5})
    ('title', None)
    >>> passing_only({"share:present": 1.0})
    'present'
    >>> passing_only({"share:study": 1.0, "type:PartyCommittee": 1.0})
    'study'
    >>> passing_only({"share:present": 1.0, "any:participate": 1.0}) is None
    True
    """
    if f.get("share:title", 0.0) == 1.0:
        return "title"
    if f.get("share:nested", 0.0) == 1.0:
        return "nested"
    if f.get("share:in_book", 0.0) == 1.0 and (f.get("type:MemberGroup") or f.get("type:Public")):
        return "in_book"  # people only in a document's title are its topic; a body issued it
    if (
        f.get("share:present", 0.0) == 1.0
        and not f.get("any:participate")
        and not f.get("type:Person")
    ):
        return "present"
    if f.get("share:model", 0.0) == 1.0 and f.get("type:Person"):
        return "model"
    if f.get("share:topic", 0.0) == 1.0:
        return "topic"
    if f.get("share:in_quote", 0.0) == 1.0:
        return "in_quote"
    if f.get("share:post", 0.0) == 1.0 and f.get("type:MemberGroup"):
        return "post"  # 党支部书记、团委书记等相应岗位: posts, not the people in them
    if f.get("share:pledge", 0.0) == 1.0 and (f.get("type:MemberGroup") or f.get("type:Public")):
        return "pledge"  # 全体党员将…: a pledge; a body's 将 (我市将组织…) announces work
    if f.get("share:study", 0.0) == 1.0 and (
        f.get("type:PartyCommittee") or f.get("type:GovernmentBody")
    ):
        return "study"  # a body whose speeches or meetings are only studied
    return None


def filter_actors(a: Analysis) -> tuple[Actor, ...]:
    """The actors of ``a`` to keep: every referenced one, and each other one that
    no rule of :func:`passing_only` drops."""
    drop = dropped(a)
    return tuple(x for x in a.idx.actors if x.key not in drop)


# the cues of which a rule of :func:`passing_only` wants every mention to have one
_RULE_CUES = frozenset(_SHARED) - {"at_work", "of", "in_requirement", "heading"}


def dropped(a: Analysis) -> set[str]:
    """Keys of the actors :func:`passing_only` drops: ``{k for k, f in actor_features(a)
    if passing_only(f)}``, reading of each mention only the cues the rules read
    (each rule wants a cue of every mention: the first mention without any ends it).

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.pipeline import Analysis, COMPONENTS
    >>> a = Analysis(document_from_bytes("a.txt", "市人大常委会有关领导同志参加会议。".encode()))
    >>> for name, run in COMPONENTS[:-1]:
    ...     run(a)
    >>> sorted(dropped(a))
    ['常委会']
    """
    text, sents = a.doc.text, a.sentences
    refs = referenced(a)
    sent_starts = [s.start for s in sents]
    by_key: dict[str, list] = {}
    for m in a.idx.mentions:
        by_key.setdefault(m.key, []).append(m)
    chains = _chains(text, [(m.start, m.end) for m in a.idx.mentions if not m.nested])
    out = set()
    for actor in a.idx.actors:
        if actor.key in refs:
            continue
        common: set[str] | None = None  # the cues every mention so far has
        participate = False
        for m in by_key.get(actor.key, []):
            si = bisect.bisect_right(sent_starts, m.start) - 1
            sent = sents[si] if si >= 0 and sents[si].end >= m.end else None
            chain = chains.get((m.start, m.end), (m.start, m.end))
            cues = _passing_cues(text, m.start, m.end, chain, sent)
            if m.nested:
                cues.add("nested")
            participate = participate or "participate" in cues
            common = cues if common is None else common & cues
            if not common & _RULE_CUES:
                break
        if common and common & _RULE_CUES:
            f = {f"share:{c}": 1.0 for c in common if c in _SHARED}
            f[f"type:{actor.type}"] = 1.0
            if participate:
                f["any:participate"] = 1.0
            if passing_only(f):
                out.add(actor.key)
    return out
