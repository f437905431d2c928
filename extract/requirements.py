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
>>> [(r.modality, r.actors, r.deadline is not None, len(r.quantities))
...  for r in find_requirements(doc, actor_index(doc), [], [])]
[('obligation', ('单位',), True, 0), ('obligation', ('单位',), False, 1)]
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


def _explicit(u: Unit, text: str, idx: ActorIndex, audience: tuple[str, ...]) -> Subject:
    """The unit's own subject: actor keys, () for 我们, None when it has none."""
    r = regex_table("requirements.json")
    we, aud = pronoun_words()
    if u.cue is None or u.cue_clause is None:
        seg_s, seg_e = u.start, min(u.end, u.start + 12)
    else:
        seg_s, seg_e = u.cue_clause.start, u.cue.start
        if u.cue.word in ("希望", "要求", "请"):
            seg_s, seg_e = u.cue.end, min(u.cue.end + 20, u.cue_clause.end)
            ms = idx.mentions_in(seg_s, seg_e)
            head = text[seg_s : seg_s + 3]
            if ms and ms[0].start - seg_s <= 2:
                return _keys(ms)
            if head.startswith(we):
                return ()
            if head.startswith(aud):
                return audience or None
            return None
    seg = text[seg_s:seg_e]
    if r["subject_block_start"].match(seg) and u.cue is not None:
        seg_s = seg_e  # 对X要…: X is an object
    ms = idx.mentions_in(seg_s, seg_e)
    if ms:
        return _keys(ms)
    seg = text[seg_s:seg_e]
    if any(w in seg for w in we):
        return ()
    if any(w in seg for w in aud):
        return audience or None
    first = u.clauses[0]
    if text.startswith("对于", first.start):
        ms = idx.mentions_in(first.start, first.end)
        if ms:
            return _keys(ms)
    return None


def _keys(ms) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in ms:
        seen.setdefault(m.key, None)
    return tuple(seen)


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
    units = directive_units(text, sents)
    audience = _audience(text, sents, idx)
    if time_offsets is None:
        time_offsets = [(t.span.start, t.span.end) for t in times]
    explicit = {id(u): _explicit(u, text, idx, audience) for u in units}
    # lead-in and duty subjects, section defaults
    section_counts: dict[int, Counter] = {}
    for u in units:
        subj = explicit[id(u)]
        if not u.drop and subj:
            section_counts.setdefault(u.sent.section, Counter())[subj] += 1
    section_default = {
        sec: c.most_common(1)[0][0] for sec, c in section_counts.items()
        if c.most_common(1)[0][1] >= 2
    }
    kept = [u for u in units if not u.drop]
    out: list[Requirement] = []
    lead: Subject = None
    lead_section = -1
    carry: Subject = None
    carry_para = -1
    head_stage: dict[int, str | None] = {}
    window: tuple[int, str] | None = None
    for u in units:
        sent = u.sent
        if sent.section != lead_section:
            lead, lead_section = None, sent.section
        if sent.para != carry_para:
            carry, carry_para = None, sent.para
        subj = explicit[id(u)]
        if u.lead_in or (u.kind != "duty" and r["duty"].search(u.text)):
            if subj:
                lead = subj
            continue
        if sent.heading:
            head_stage = {k: v for k, v in head_stage.items() if k < sent.heading}
            head_stage[sent.heading] = _stage_of(u.start, u.end, phases)
        if u.drop:
            continue
        if subj is None and (u.kind in ("heading", "item")):
            subj = lead if (u.kind == "heading" and lead) else _lookahead(u, kept, explicit)
        if subj is None and u.kind == "duty":
            subj = lead
        if subj is None:
            subj = carry if carry is not None else lead
        if subj is None:
            subj = section_default.get(sent.section)
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
        out.append(Requirement(doc.span(u.start, u.end), modality_of(u),  # type: ignore[arg-type]
                               tuple(subj or ()), stage, deadline, quantities,
                               Provenance(rule, conf)))
    return out


def _lookahead(u: Unit, kept: list[Unit], explicit: dict[int, Subject]) -> Subject:
    """Subject of the first directive of the next sentence in the same paragraph block."""
    later = [k for k in kept if k.start >= u.end and k.sent is not u.sent]
    if not later:
        return None
    nxt = later[0]
    gap_ok = nxt.sent.para == u.sent.para or (u.kind == "heading" and nxt.sent.para == u.sent.para + 1)
    if not gap_ok:
        return None
    return explicit[id(nxt)]
