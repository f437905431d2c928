"""Supervision read from instructions and leadership: who acts on whose word.

Rule families (rule ids in ``Provenance.rule``; cues in ``extract/data/relation_frames.json``):

* ``rel.supervises.frame``: 根据/按照/遵照 X 的部署/要求/通知 … -> X supervises the
  body that acts on it. That body is the subject of the main clause after the
  frame (adverbial clauses such as 结合…实际 are passed over), else the subject
  opening the frame's own clause or sentence (学校将严格按照X要求实施), else the
  document's issuer. A first-person name of an organization (我校) stands for the
  document's actor of that kind. A topic followed by 由 (各支部的请示由…批复) is no
  subject. Central bodies and the cascade of levels they open (根据中央、省、市委的
  部署) direct everyone and are not read as supervising one body; nor are working
  groups, which act on their committee's instructions by design;
* ``rel.supervises.leadership``: 在 X 的领导下 -> X supervises the subject: the actors
  opening the clause (X在Y领导下), else those after the frame, else those opening
  the sentence, else the subject of the requirement holding it. A clause opened by
  another subject (大家在X领导下) gives no edge;
* ``rel.supervises.over``: X 对 Y 的领导/监督/指导 -> X supervises Y
  (上级纪委对下级纪委的领导);
* ``rel.supervises.system``: X 统一领导 … Y 各负其责 (a directed system of
  responsibility) -> X supervises Y.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> text = "县一中党委将严格按照县教育局文件要求实施。"
>>> ex = extract(document_from_bytes("a.txt", text.encode()))
>>> sorted((r.type, r.source, r.target) for r in ex.relations)
[('supervises', '县教育局', '县一中党委')]
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from extract.actors import ActorIndex, ActorMention
from extract.addressee import Defaults
from extract.lexicon import data_json
from extract.prefilter import any_required, fast
from extract.records import Document, Requirement
from extract.relation_set import RelationSet
from extract.relations_directed import Subjects, chain


@functools.cache
def _c() -> dict:
    d = {**data_json("relation_frames.json")}
    for k in ("lead_gap_re", "coord_re"):  # as chain() reads them
        d[k] = data_json("relations_directed.json")[k]
    return {k: fast(v) if k.endswith("_re") else v for k, v in d.items()}


@functools.cache
def _sentence_cue():
    """Any word a frame, a leadership, an over or a system match needs (None: no list):
    a sentence without one is not read."""
    c = _c()
    return any_required(c[k] for k in ("frame_re", "leadership_re", "over_re", "system_re"))


def _clause_start(text: str, pos: int, floor: int, marks: str) -> int:
    return max([floor] + [text.rfind(p, floor, pos) + 1 for p in marks])


def _self_ref(idx: ActorIndex, text: str, pos: int) -> tuple[str, ...]:
    """我校 at ``pos`` -> the document's one actor of that kind (``()`` when not one)."""
    c = _c()
    m = c["self_ref_re"].match(text, pos)
    if m is None:
        return ()
    kinds = c["self_ref_kinds"].get(m.group("head"), ())
    hits = [a.key for a in idx.actors if a.kind in kinds]
    return tuple(hits) if len(hits) == 1 else ()


def _after_subject(idx: ActorIndex, text: str, ments, pos: int, se: int) -> tuple[str, ...]:
    """The subject of the main clause after ``pos``, adverbial clauses passed over."""
    c = _c()
    for _ in range(c["max_adverbials"] + 1):
        pos = c["gap_re"].match(text, pos).end()
        if not c["adverbial_re"].match(text, pos):
            break
        nxt = c["clause_end_re"].search(text, pos, se)
        if nxt is None:
            return ()
        pos = nxt.end()
    after = [x for x in ments if x.start >= pos]
    subj = chain(text, after, pos) if after else ()
    if subj:
        last = max(x.end for x in after if x.key in subj)
        end = c["clause_end_re"].search(text, last, se)
        rest = text[last : end.start() if end else se]
        if rest.startswith("的") or c["passive_re"].search(rest):
            return ()  # 各支部的请示由…批复: a topic, not the one who acts
        return subj
    q = c["lead_gap_re"].match(text, pos)
    return _self_ref(idx, text, q.end() if q else pos)


def _before_subject(idx: ActorIndex, text: str, pos: int, ss: int) -> tuple[str, ...]:
    """The actors opening the clause of ``pos``, else its sentence (after a salutation)."""
    sent = _clause_start(text, pos, ss, "：:")
    for start in dict.fromkeys((_clause_start(text, pos, sent, "，,；;"), sent)):
        ms = idx.mentions_in(start, pos)
        subj = chain(text, ms, start) if ms else ()
        subj = subj or _self_ref(idx, text, start)
        if subj:
            return subj
    return ()


def _distant(idx: ActorIndex, keys: Sequence[str]) -> bool:
    """Whether ``keys`` name a central or provincial committee (中央, 省委)."""
    kinds = _c()["distant_kinds"]
    return any((a := idx.get(k)) is not None and a.kind in kinds for k in keys)


def _head_chain(text: str, ms: Sequence[ActorMention]) -> list[str]:
    """The coordinated actors ending a slot (以习近平同志为核心的党中央 -> 党中央)."""
    out = list(ms[-1:])
    for m in reversed(ms[:-1]):
        if not _c()["coord_re"].fullmatch(text, m.end, out[0].start):
            break
        out.insert(0, m)
    return list(dict.fromkeys(m.key for m in out))


def _body(idx: ActorIndex, key: str) -> bool:
    a = idx.get(key)
    return a is not None and a.type in _c()["body_types"]


def frame_relations(
    doc: Document,
    idx: ActorIndex,
    requirements: Sequence[Requirement],
    defaults: Defaults | None,
    out: RelationSet,
    spans: Sequence[tuple[int, int]],
) -> None:
    """Add the relations of the module docstring's families to ``out``."""
    c = _c()
    text = doc.text
    subjects = Subjects(doc, idx, requirements, defaults)
    issuer = defaults.issuer if defaults is not None else ()
    cue = _sentence_cue()
    for ss, se in spans:
        if cue is not None and cue.search(text, ss, se) is None:
            continue
        ments = idx.mentions_in(ss, se)
        if not ments:
            continue
        for m in c["frame_re"].finditer(text, ss, se):
            who = [x.key for x in idx.mentions_in(m.start("who"), m.end("who"))]
            who = [k for k in dict.fromkeys(who) if _body(idx, k)]
            if not who or _distant(idx, who):
                continue
            subj = (
                _after_subject(idx, text, ments, m.end(), se)
                or _before_subject(idx, text, m.start(), ss)
                or issuer
            )
            for s in subj:
                a = idx.get(s)
                if s in who or a is None or a.type in c["not_directed_types"]:
                    continue
                for x in who:
                    out.add("supervises", "actor", x, "actor", s, (ss, se), "rel.supervises.frame")
        for m in c["leadership_re"].finditer(text, ss, se):
            who = _head_chain(text, idx.mentions_in(m.start("who"), m.end("who")))
            cs = _clause_start(text, m.start(), ss, "，,；;：:")
            own = idx.mentions_in(cs, m.start())
            subj = chain(text, own, cs) if own else ()
            if not subj and not c["lead_gap_re"].fullmatch(text, cs, m.start()):
                continue  # 大家在X的领导下: someone else acts
            if not subj:
                after = [x for x in ments if x.start >= m.end()]
                subj = chain(text, after, m.end()) if after else ()
            subj = subj or chain(text, ments, ss)  # the sentence's topic
            for x in who:
                for s in subj or subjects.at(m.end(), ss, ss):
                    if s != x:
                        out.add(
                            "supervises",
                            "actor",
                            x,
                            "actor",
                            s,
                            (ss, se),
                            "rel.supervises.leadership",
                        )
        _over(idx, text, ss, se, out)
        for m in c["system_re"].finditer(text, ss, se):
            heads = [x.key for x in idx.mentions_in(m.start("who"), m.end("who"))]
            parts = [x.key for x in idx.mentions_in(m.start("parts"), m.end("parts"))]
            for x in heads:
                for y in parts:
                    out.add("supervises", "actor", x, "actor", y, (ss, se), "rel.supervises.system")


def _over(idx: ActorIndex, text: str, ss: int, se: int, out: RelationSet) -> None:
    """``rel.supervises.over``: X对Y的领导, also in a list (X1对Y1、X2对Y2的领导)."""
    c = _c()
    if text.find("对", ss, se) < 0:
        return  # every match holds its 对 (and the pattern is slow to fail on long spans)
    for m in c["over_re"].finditer(text, ss, se):
        pairs: list[tuple[list[str], list[str]]] = []
        pos, end = m.start("pairs"), m.end("pairs")
        for cut in [*(x.start() for x in c["pair_sep_re"].finditer(text, pos, end)), end]:
            k = text.find("对", pos, cut)
            ments = idx.mentions_in(pos, cut)
            if k < 0:  # 对党员、干部的监督: more objects of the last pair
                if pairs:
                    pairs[-1][1].extend(x.key for x in ments)
            else:
                heads = [x for x in ments if x.end <= k]
                objs = [x for x in ments if x.start > k]
                near = heads and k - heads[-1].end <= c["head_gap"]
                if not _only_names(text, k + 1, cut, objs):
                    near, objs = False, []  # 对…这一层面的教育活动的指导: no body is led
                pairs.append(([x.key for x in heads] if near else [], [x.key for x in objs]))
            pos = cut + 1
        for heads, objs in pairs:
            for x in heads:
                for y in objs:
                    if x != y:
                        out.add(
                            "supervises", "actor", x, "actor", y, (ss, se), "rel.supervises.over"
                        )


def _only_names(text: str, start: int, end: int, ms: Sequence[ActorMention]) -> bool:
    """Whether ``text[start:end]`` holds nothing but the mentions ``ms`` and joiners."""
    pos, rest = start, []
    for m in ms:
        rest.append(text[pos : m.start])
        pos = m.end
    rest.append(text[pos:end])
    return bool(ms) and bool(_c()["joiners_re"].fullmatch("".join(rest)))
