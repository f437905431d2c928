"""Requirements: directive units with modality, responsible actors, stage, deadline, quantities.

Responsible actors, by priority: the unit's explicit subject (actors before the cue
in its clause, 希望X…, 对于X，…; 我们 gives none; 大家/同志们 the audience the
speech addresses); for a heading or enumerated item, the subject of the body
sentence that follows it; the subject carried in the same paragraph; the subject
of a lead-in (各单位要认真做好以下工作：) or duty list; the section's usual subject.
Stage: stage or step named in the unit, else in its nearest heading. Deadline: a
deadline or schedule time inside the unit, else a window opening the sentence.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.actors import actor_index
>>> doc = document_from_bytes("a.txt", "各单位要在3月15日前完成学习，不得少于3天。".encode())
>>> [(r.modality, r.actors, len(r.quantities))
...  for r in find_requirements(doc, actor_index(doc), [], [])]
[('obligation', ('单位',), 0), ('obligation', ('单位',), 1)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from extract.actors import ActorIndex
from extract.clauses import sentences
from extract.directives import Unit, directive_units, modality_of, pronoun_words
from extract.lexicon import regex_table
from extract.phases import PhaseMention, step_stage
from extract.quantities import find_quantities
from extract.records import Document, Provenance, Quantity, Requirement, TimeExpression

Subject = tuple[str, ...] | None


def _leading(ms, at: int, text: str, slack: int = 0) -> tuple[str, ...]:
    """Keys of the actors named in a chain (X、Y和Z) starting at ``at`` (+ ``slack`` chars)."""
    r = regex_table("requirements.json")
    chain = []
    pos = at
    for m in ms:
        gap = text[pos : m.start]
        if chain and (m.start, m.end) == (chain[-1].start, chain[-1].end):
            chain.append(m)  # another member of one collective (县、乡两级党委)
            continue
        if m.start < pos:
            continue
        if (not chain and m.start - at > slack) or (chain and not r["connector"].match(gap)):
            break
        chain.append(m)
        pos = m.end
    return _keys(chain)


def _explicit(
    u: Unit, text: str, idx: ActorIndex, audience: tuple[str, ...], we: tuple[str, ...]
) -> Subject:
    """The unit's own subject: actor keys, () for 我们, None when it has none."""
    r = regex_table("requirements.json")
    pron, aud = pronoun_words()

    def person(seg: str) -> Subject:
        if seg.startswith(aud) or any(w in seg for w in aud):
            return audience or None
        if any(w in r["not_pronoun"].sub("", seg) for w in pron):  # 自我批评 is no 我
            return we
        return None

    if u.cue is None or u.cue_clause is None:
        found = _leading(idx.mentions_in(u.start, u.end), u.start, text)
        return found if found else person(text[u.start : u.start + 2])
    seg_s, seg_e = u.cue_clause.start, u.cue.start
    if u.cue.word in ("希望", "要求", "请"):
        lead_pron = next(
            (w for w in sorted(pron, key=len, reverse=True) if text.startswith(w, u.cue.end)), ""
        )
        after = _leading(  # 希望(我们)各级党组织…: the appositive names the subject
            idx.mentions_in(u.cue.end, u.cue_clause.end), u.cue.end, text, 1 + len(lead_pron)
        )
        before = idx.mentions_in(seg_s, seg_e) if u.cue.word == "要求" else ()
        if after or before:
            return tuple(dict.fromkeys(_keys(before) + after))
        head = text[u.cue.end : u.cue.end + 3]
        return person(head) if person(head) is not None or head.startswith(pron) else None
    seg = text[seg_s:seg_e]
    if r["subject_block_start"].match(seg):
        seg_s = seg_e  # 对X要…: X is an object
    ms = idx.mentions_in(seg_s, seg_e)
    if ms and r["topic_pronoun"].search(text[u.cue.end : u.end]):
        return None  # 年老体弱的党员要…组织他们学习: a topic, not the agent
    if ms:  # the first chain: 其中各单位组织党员… -> 单位
        return _leading(ms, ms[0].start, text)
    found = person(text[seg_s:seg_e])
    if found is not None or any(w in text[seg_s:seg_e] for w in pron):
        return found
    if r["we_object"].search(text[u.cue.end : u.cue_clause.end]):
        return we  # 务必引起我们高度重视: the speaker's side must act
    if _prefix_subject(u, text, idx):
        return _prefix_subject(u, text, idx)
    for c in u.clauses:  # 对于教育系统，要…
        if c is u.cue_clause:
            break
        if text.startswith("对于", c.start) and (ms := idx.mentions_in(c.start, c.end)):
            return _keys(ms)
    return None


def _prefix_subject(u: Unit, text: str, idx: ActorIndex) -> tuple[str, ...]:
    """An organ opening the clause before the cue clause (各级党组织在制定方案时，要…).

    Not a topic (…的党员，可…; 新组织中的党员), not a member group, not a speaker
    (中央和市委要求，要…).
    """
    r = regex_table("requirements.json")
    if u.cue_clause is None or u.clauses[0] is u.cue_clause:
        return ()
    ms = idx.mentions_in(u.start, u.cue_clause.start)
    lead = _leading(ms, u.start, text)
    if not lead:
        return ()
    last = max((m for m in ms if m.key in lead), key=lambda m: m.end)
    first = u.clauses[0]
    if (
        r["topic_after"].match(text[last.end : last.end + 2])
        or r["speech_clause"].search(text[first.start : u.cue_clause.start].rstrip())
        or any((a := idx.get(k)) is not None and a.type in ("MemberGroup", "Public") for k in lead)
    ):
        return ()
    return lead


def _keys(ms) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in ms:
        seen.setdefault(m.key, None)
    return tuple(seen)


def _we(text: str, idx: ActorIndex) -> tuple[str, ...]:
    """Whom 我们 stands for: the actor the text appends to it (我们督导组), else nobody."""
    for m in regex_table("requirements.json")["we_actor"].finditer(text):
        ms = idx.mentions_in(m.end(), m.end() + 12)
        if ms and ms[0].start == m.end() and not ms[0].surface.startswith("各"):
            return (ms[0].key,)  # 我们督导组 (but not 我们各级党组织, a distributive)
    return ()


def _audience(text: str, sents, idx: ActorIndex) -> tuple[str, ...]:
    """Actors the speech addresses: the object of the opening 召开…会/对…进行培训."""
    rx = regex_table("requirements.json")["audience_sentence"]
    for s in sents:
        if s.section > 0:
            break
        if m := rx.search(s.text):
            keys = idx.at(s.start + m.start("who"), s.start + m.end("who"))
            if keys:
                return keys
    return ()


def _stage_of(start: int, end: int, phases: Sequence[PhaseMention]) -> str | None:
    for p in phases:
        if p.start >= start and p.end <= end:
            if p.kind == "stage":
                return p.label
            if (st := step_stage(p.label)) is not None:
                return st
    return None


def find_requirements(
    doc: Document,
    idx: ActorIndex,
    times: Sequence[TimeExpression],
    phases: Sequence[PhaseMention],
    time_offsets: Sequence[tuple[int, int]] | None = None,
) -> list[Requirement]:
    """Requirements of a document, in text order.

    Parameters
    ----------
    doc : Document
        The document (work is done on ``doc.text``).
    idx : ActorIndex
        Actors and their mentions (from :func:`extract.actors.actor_index`).
    times : sequence of TimeExpression
        The document's time expressions.
    phases : sequence of PhaseMention
        Stage and step mentions (normalized offsets).
    time_offsets : sequence of (int, int), optional
        Normalized offsets of ``times`` (same order); derived when omitted.
    """
    text = doc.text
    r = regex_table("requirements.json")
    sents = sentences(text)
    if time_offsets is None:
        time_offsets = [(t.span.start, t.span.end) for t in times]
    timed = tuple(
        o
        for t, o in zip(times, time_offsets or (), strict=False)
        if t.role in ("deadline", "schedule")
    )
    units = directive_units(text, sents, timed)
    we = _we(text, idx)
    audience = we or _audience(text, sents, idx)
    explicit = {
        id(u): _explicit(u, text, idx, audience, we) if (not u.drop or u.lead_in) else None
        for u in units
    }
    order = {id(sent): i for i, sent in enumerate(sents)}
    first_of_sentence: dict[int, Unit] = {}  # sentence order -> its first live unit
    for u in units:
        if not u.drop or u.lead_in:
            first_of_sentence.setdefault(order[id(u.sent)], u)
    # lead-in and duty subjects, section defaults
    section_counts: dict[int, Counter] = {}
    for u in units:
        subj = explicit[id(u)]
        if not u.drop and subj:
            section_counts.setdefault(u.sent.section, Counter())[subj] += 1
    section_default = {
        sec: c.most_common(1)[0][0]
        for sec, c in section_counts.items()
        if c.most_common(1)[0][1] >= 2
    }
    out: list[Requirement] = []
    lead: Subject = None
    lead_section = -1
    carry: Subject = None
    carry_para = -1
    carry_sent_para = -1
    duty_lead: Subject = None
    head_stage: dict[int, str | None] = {}
    item_lead: tuple[Subject, int, int] = (None, -1, -1)  # subject, its sentence, last item
    window: tuple[int, str] | None = None
    for u in units:
        sent = u.sent
        if sent.section != lead_section:
            lead, lead_section = None, sent.section
        if sent.start != carry_para:  # a subject carries into the next sentence of the
            # paragraph only when that sentence opens on its modal (…。要带头参加学习)
            opens = (
                u.cue is not None
                and u.cue_clause is not None
                and u.cue.start - u.cue_clause.start <= 2
            )
            if not (opens and sent.para == carry_sent_para):
                carry = None
            carry_para, carry_sent_para = sent.start, sent.para
        subj = explicit[id(u)]
        if u.kind != "duty" and r["duty"].search(u.text):
            duty_lead = subj  # 督导组的主要职责是：only its own items
            if subj is None and (k := order[id(sent)]) > 0 and u.start - sent.start <= 2:
                prev = sents[k - 1]  # X承办…。主要职责是：the topic of the sentence before
                duty_lead = (
                    _leading(idx.mentions_in(prev.start, prev.end), prev.start, text) or None
                )
            continue
        if u.lead_in:
            if subj:
                lead = subj
            continue
        if sent.heading:
            head_stage = {k: v for k, v in head_stage.items() if k < sent.heading}
            head_stage[sent.heading] = _stage_of(u.start, u.end, phases)
        item_lead = _item_lead(u, item_lead, order[id(sent)], explicit[id(u)])
        if u.drop:
            continue
        if subj is None and u.kind == "item" and item_lead[0]:
            subj = item_lead[0]
        elif subj is None and (u.kind in ("heading", "item")):
            subj = (
                lead
                if (u.kind == "heading" and lead)
                else _lookahead(u, first_of_sentence, explicit, order)
            )
        if subj is None and u.kind == "duty":
            subj = duty_lead or lead
        if subj is None:
            subj = carry if carry is not None and u.kind != "item" else lead
        if subj is None:
            subj = section_default.get(sent.section, audience or None)
        if explicit[id(u)] is not None or u.kind in ("heading", "item"):
            carry = subj
        # stage
        stage = None
        if not r["whole_campaign"].search(u.text):
            stage = _stage_of(u.start, u.end, phases)
            if stage is None:
                for level in sorted(head_stage, reverse=True):
                    if head_stage[level]:
                        stage = head_stage[level]
                        break
        # deadline
        deadline = None
        for t, (ts, te) in zip(times, time_offsets, strict=True):
            if ts >= u.start and te <= u.end and t.role in ("deadline", "schedule"):
                deadline = t.key
                if ts - sent.start <= 2 and t.normalized:
                    window = (sent.start, t.key)
                break
        if deadline is None and window is not None and window[0] == sent.start:
            deadline = window[1]
        quantities = tuple(
            Quantity(c, v, unit, doc.span(u.start + s, u.start + e))  # type: ignore[arg-type]
            for c, v, unit, s, e in find_quantities(u.text)
        )
        rule = f"requirement.{u.kind}" + (f".{u.cue.word}" if u.cue else "")
        conf = 0.8 if u.cue is not None else 0.6
        out.append(
            Requirement(
                doc.span(u.start, u.end),
                modality_of(u),  # type: ignore[arg-type]
                tuple(subj or ()),
                stage,
                deadline,
                quantities,
                Provenance(rule, conf),
            )
        )
    return out


def _item_lead(
    u: Unit, lead: tuple[Subject, int, int], k: int, subj: Subject
) -> tuple[Subject, int, int]:
    """Track the subject of the plain sentence right before an enumeration.

    ``lead`` is (subject, its sentence, last item sentence); ``k`` the sentence of
    ``u``. Items (一是…二是…, dropped ones included) and their body sentences keep
    the run alive; another plain sentence starts a new candidate.
    """
    if u.drop and u.kind != "item":
        return lead
    if u.kind != "item" and lead[2] in (k, k - 1) and lead[2] >= 0:
        return (lead[0], lead[1], k)  # an item's body sentence
    if u.kind != "item" and k != lead[1]:
        return (None if u.sent.heading else subj, k, -1)
    if u.kind == "item" and k in (lead[1], lead[1] + 1, lead[2], lead[2] + 1):
        return (lead[0], lead[1], k)
    if u.kind == "item":
        return (None, -1, -1)
    return lead


def _lookahead(
    u: Unit, first_of_sentence: dict[int, Unit], explicit: dict[int, Subject], order: dict[int, int]
) -> Subject:
    """Subject of the directive (or lead-in) opening the next sentence."""
    nxt = first_of_sentence.get(order[id(u.sent)] + 1)
    return None if nxt is None else explicit[id(nxt)]
