"""Requirements: directive units with modality, responsible actors, stage, deadline, quantities.

Responsible actors, by priority: the unit's explicit subject (actors before the cue
in its clause, 希望X…, 对于X，…; 我们 gives none; 大家/同志们 the audience the
speech addresses); for a heading or enumerated item, the subject of the body
sentence that follows it; the subject carried in the same paragraph (not past the
end of a quotation); the subject of a lead-in (各单位要认真做好以下工作：), of the
sentence closing the paragraph before an enumeration (…。第一，…第二，…) or of a
duty list; the section's usual subject. The agent of a passive 由 acts in its own
unit (beside the subject for 或者由X…); 要从X抓起 makes X act to the sentence's end.
Actors whose work is directed (引导X…) are added; a trailing 确保/保证 clause takes
the actors of the directive it completes.
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

import bisect
from collections import Counter
from collections.abc import Callable, Sequence

from extract.actors import ActorIndex
from extract.addressee import Defaults, document_defaults, meeting_voice
from extract.clauses import Sentence, sentences
from extract.directive_features import (
    document_context,
    is_hard_drop,
    unit_contexts,
    unit_features,
)
from extract.directive_model import default_model
from extract.directives import Unit, directive_units, modality_of
from extract.lexicon import regex_table, word_table
from extract.phases import PhaseMention, step_stage
from extract.quantities import find_quantities
from extract.records import (
    Document,
    DocumentMeta,
    Quantity,
    Requirement,
    TimeExpression,
)
from extract.rules import prov
from extract.subject_frames import agent, starting_with
from extract.subjects import (
    Subject,
    causees,
    enumeration_run,
    explicit_subject,
    item_lead,
    leading,
    lookahead,
    opens_with_actor,
    quote_end,
    we_stands_for,
)


def _stage_of(start: int, end: int, phases: Sequence[PhaseMention]) -> str | None:
    for p in phases:
        if p.start >= start and p.end <= end:
            if p.kind == "stage":
                return p.label
            if (st := step_stage(p.label)) is not None:
                return st
    return None


def _said_at(u: Unit, subj: Subject, idx: ActorIndex) -> int:
    """Where the unit names its subject (its first mention), else where it starts."""
    named = (m.start for m in idx.mentions_in(u.start, u.end) if m.key in (subj or ()))
    return next(named, u.start)


def _first_due(
    u: Unit,
    due: Sequence[tuple[int, int]],
    due_at: Sequence[int],
    offsets: Sequence[tuple[int, int]],
) -> int | None:
    """Index of the first deadline or schedule time inside ``u``."""
    lo, hi = bisect.bisect_left(due_at, u.start), bisect.bisect_right(due_at, u.end)
    return min((i for _, i in due[lo:hi] if offsets[i][1] <= u.end), default=None)


def _opening_window(
    u: Unit,
    due: Sequence[tuple[int, int]],
    due_at: Sequence[int],
    times: Sequence[TimeExpression],
    offsets: Sequence[tuple[int, int]],
) -> tuple[int, str] | None:
    """(sentence start, time key) when ``u`` opens its sentence with a dated window."""
    first = _first_due(u, due, due_at, offsets)
    if first is None or offsets[first][0] - u.sent.start > 2 or not times[first].normalized:
        return None
    return u.sent.start, times[first].key


def find_requirements(
    doc: Document,
    idx: ActorIndex,
    times: Sequence[TimeExpression],
    phases: Sequence[PhaseMention],
    time_offsets: Sequence[tuple[int, int]] | None = None,
    decide: Callable[[Unit, dict[str, float]], bool] | None = None,
    meta: DocumentMeta | None = None,
    defaults: Defaults | None = None,
    sents: list[Sentence] | None = None,
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
    decide : callable, optional
        ``decide(unit, features) -> bool`` keeps or drops each candidate unit
        (training uses it); by default the learned model of
        :mod:`extract.directive_model` decides, or the rules when there is none.
    """
    text = doc.text
    r = regex_table("requirements.json")
    sents = sentences(text) if sents is None else sents
    if time_offsets is None:
        time_offsets = [(t.span.start, t.span.end) for t in times]
    timed = tuple(
        o
        for t, o in zip(times, time_offsets or (), strict=False)
        if t.role in ("deadline", "schedule")
    )
    due = sorted(
        (o[0], i)
        for i, (t, o) in enumerate(zip(times, time_offsets, strict=True))
        if t.role in ("deadline", "schedule")
    )
    due_at = [ts for ts, _ in due]
    model = default_model() if decide is None else None
    every = decide is not None or model is not None
    units = directive_units(text, sents, timed, every_sentence=every)
    ctx = document_context(text)
    around = unit_contexts(units) if every else {}

    def keep(u: Unit) -> bool:
        if decide is None and model is None:
            return not u.drop
        if is_hard_drop(u):
            return False  # a report or a question stays out whatever the model says
        f = unit_features(u, ctx, opens_with_actor(u, idx), around.get(id(u)))
        return decide(u, f) if decide is not None else model.keep(f)  # type: ignore[union-attr]

    if defaults is None:
        defaults = document_defaults(text, idx, sents, meta)
    we = we_stands_for(text, idx)
    kept = {id(u): not u.lead_in and keep(u) for u in units}
    live = {id(u.sent) for u in units if kept[id(u)]}
    explicit = {
        id(u): explicit_subject(u, text, idx, defaults.at(u.start) or (), we)
        if (
            kept[id(u)]
            or u.lead_in
            or id(u.sent) in live
            or u.sent.text.rstrip().endswith(("：", ":"))
        )
        else None
        for u in units
    }
    order = {id(sent): i for i, sent in enumerate(sents)}
    first_of_sentence: dict[int, Unit] = {}  # sentence order -> its first live unit
    for u in units:
        if kept[id(u)] or u.lead_in:
            first_of_sentence.setdefault(order[id(u.sent)], u)
    section_counts: dict[int, Counter] = {}  # a speech's audience, section by section
    for u in units:
        if kept[id(u)] and (subj := explicit[id(u)]):
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
    carry_until = len(text) + 1  # a subject stated in a quotation ends with it
    carry_para = -1
    carry_sent_para = -1
    duty_lead: Subject = None
    head_stage: dict[int, str | None] = {}
    enum_lead: tuple[Subject, int, int] = (None, -1, -1)  # subject, its sentence, last item
    window: tuple[int, str] | None = None
    ordered_topic: tuple[int, tuple[str, ...]] = (0, ())
    run: tuple[Subject, range] = (None, range(0))  # an enumeration led by a subject
    goal_cues = word_table("requirements.json")["goal_cues"]
    last_actors: tuple[int, tuple[str, ...]] = (0, ())  # sentence, actors of the last requirement
    begun: tuple[int, tuple[str, ...]] = (0, ())  # sentence, actors it starts with (从X抓起)
    for u in units:
        sent = u.sent
        if sent.section != lead_section:
            lead, lead_section = None, sent.section
        if sent.start != carry_para:  # a subject carries into the next sentences of its
            # paragraph (…各校都要…。要带头参加学习), not into the next paragraph
            if sent.para != carry_sent_para:
                carry = None
            carry_para, carry_sent_para = sent.start, sent.para
        if u.start > carry_until:
            carry = None
        own = subj = explicit[id(u)]  # the unit's own subject
        is_kept = kept[id(u)]
        if u.duty_lead:
            duty_lead = subj  # 督导组的主要职责是：only its own items
            if subj is None and (k := order[id(sent)]) > 0 and u.start - sent.start <= 2:
                prev = sents[k - 1]  # X承办…。主要职责是：the topic of the sentence before
                duty_lead = leading(idx.mentions_in(prev.start, prev.end), prev.start, text) or None
            continue
        if u.lead_in:
            if subj:
                lead = subj
            continue
        if sent.heading:
            head_stage = {k: v for k, v in head_stage.items() if k < sent.heading}
            head_stage[sent.heading] = _stage_of(u.start, u.end, phases)
        if (
            own
            and sent.text.rstrip().endswith(("：", ":"))
            and u.end >= sent.end - 2
            and not r["speech_clause"].search(u.text)
            and all((a := idx.get(k)) is None or a.type != "Person" for k in own)
        ):
            lead = own  # 每位党员围绕四个方面进行盘点：its subject carries to the items
        k = order[id(sent)]
        enum_lead = item_lead(u, enum_lead, k, own)
        if (
            own
            and (is_kept or u.lead_in)
            and k not in run[1]
            and (steps := enumeration_run(sents, k))
            and all((a := idx.get(x)) is None or a.type != "Person" for x in own)
        ):
            run = (own, steps)  # 各级纪检监察机关要…。第一，…第二，…
        if not is_kept:
            if u.drop == "label value" and (
                w := _opening_window(u, due, due_at, times, time_offsets)
            ):
                window = w  # 第一阶段：/ 3月1日至20日，各支部要…: the window of the sentence
            if (
                subj
                and u.kind == "cue"
                and id(sent) in live
                and all((a := idx.get(x)) is None or a.type != "Person" for x in subj)
            ):
                carry = subj  # 学校党政办公室…形成方案，同时填写…: the subject goes on
                carry_until = quote_end(text, _said_at(u, subj, idx))
            continue
        if subj is None and u.kind == "item" and enum_lead[0]:
            subj = enum_lead[0]
        elif subj is None and (u.kind in ("heading", "item")):
            subj = (
                lead
                if (u.kind == "heading" and lead)
                else lookahead(u, first_of_sentence, explicit, order)
            )
        if subj is None and u.kind == "duty":
            subj = duty_lead or lead
        if subj is None and k in run[1]:
            subj = carry if carry is not None and u.kind != "item" else run[0]
        if subj is None and ordered_topic[0] == id(sent):
            subj = ordered_topic[1]  # 对不合格的单位，要责令补课，不得按时转段: the units may not
        if subj is None:
            subj = carry if carry is not None and u.kind != "item" else lead
        voiced = sent.start  # 会议要求：一要…二要…: the meeting's lead-in voices its items
        if k > 0 and sents[k - 1].para == sent.para and sents[k - 1].text.endswith(("：", ":")):
            voiced = sents[k - 1].start
        if subj is None and defaults.participants and meeting_voice(text, voiced, u.end):
            subj = defaults.participants  # 会议强调…: the meeting binds those who took part
        if subj is None:
            subj = defaults.at(u.start)
            if defaults.speech_at(u.start):  # a speech: the audience its section addresses
                subj = section_default.get(sent.section, subj)
        if (own is not None or u.kind in ("heading", "item")) and not r["part_of"].match(
            u.text
        ):  # 其中各单位…不得少于3天: a part's own subject stays in its clause
            carry = subj
            carry_until = quote_end(text, _said_at(u, subj, idx))
        if own is None and (first := starting_with(u, text, idx)):
            subj, begun = first, (id(sent), first)  # 要从X抓起，…: X acts to the sentence's end
        elif own is None and begun[0] == id(sent):
            subj = begun[1]
        if (by := agent(u, text, idx))[0]:  # 由X负责: the agent acts here, and carries no further
            subj = by[0] if by[1] else tuple(dict.fromkeys((*(subj or ()), *by[0])))
        if (m := r["ordered_topic"].search(u.text)) and (
            keys := idx.at(u.start + m.start("x"), u.start + m.end("x"))
        ):
            ordered_topic = (id(sent), keys)  # the ordered party acts in the clauses after
        if (
            own is None
            and (
                u.continues
                or (u.cue is not None and u.cue.word in goal_cues and u.cue_clause is u.clauses[0])
            )
            and last_actors[0] == id(sent)
        ):
            subj = last_actors[1]  # …，确保X / …，不A、不B: the directive before goes on
        subj = tuple(dict.fromkeys((*(subj or ()), *causees(u, text, idx))))
        last_actors = (id(sent), subj)
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
        if (first := _first_due(u, due, due_at, time_offsets)) is not None:
            deadline = times[first].key  # the first deadline or schedule time inside the unit
            window = _opening_window(u, due, due_at, times, time_offsets) or window
        if deadline is None and window is not None and window[0] == sent.start:
            deadline = window[1]
        quantities = tuple(
            Quantity(c, v, unit, doc.span(u.start + s, u.start + e))  # type: ignore[arg-type]
            for c, v, unit, s, e in find_quantities(u.text)
        )
        kind = "bare" if u.cue is None and u.kind == "cue" else u.kind
        rule = f"requirement.{kind}" + (f".{u.cue.word}" if u.cue else "")
        out.append(
            Requirement(
                doc.span(u.start, u.end),
                modality_of(u),  # type: ignore[arg-type]
                tuple(subj or ()),
                stage,
                deadline,
                quantities,
                prov(rule),
            )
        )
    return out
