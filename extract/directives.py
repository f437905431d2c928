"""Directive units: a speech's sentences cut into one unit per directive clause.

A new unit starts at each clause carrying a modal cue (要A，要B -> two), at each
enumerated item (一是/一要/一看/第一) and at connectives that open a new point
(同时, 此外). Clauses without a cue continue the unit before them, except
prefixes (对…的, 在…上, 根据…) which attach to the clause that follows. A
consequence (…，就必须…) stays with its condition. Duty lists ("X的主要职责是：
A；B；") give one unit per item. Filters drop framing (应当看到), reports (确保了,
已经), criticism in review sections, significance (只有…才), meeting purposes,
questions and lead-ins that only announce items (要做好以下工作：).

Examples
--------
>>> from extract.clauses import sentences
>>> [u.text for u in directive_units("一、做好学习\\n各单位要抓好学习，要注重实效，不得走过场。")]
['做好学习', '各单位要抓好学习', '要注重实效', '不得走过场']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import pairwise

from extract.clause_cuts import (
    may_negate,
    negation_runs,
    opens_list,
    parallel_pieces,
    quoted_spans,
    trim_quote,
)
from extract.clauses import Segment, Sentence, opening_enumerator, sentences
from extract.intervals import Intervals
from extract.lexicon import regex_table, word_table
from extract.modality import Cue, cues, is_framing, may_have_cue
from extract.prefilter import end_reach
from extract.quantities import find_quantities

_TRAIL = "，,；;。！？!?：:、 \n"
_LEAD = _TRAIL + "×"  # what a unit's span does not open with


@dataclass(slots=True)
class Unit:
    """One directive clause (or a candidate that a filter may drop).

    ``start``/``end`` are offsets of the normalized text; ``cue`` has absolute
    offsets; ``kind`` is ``heading``, ``item`` (enumerated or split off without a
    cue), ``duty`` (an item of a duty list) or ``cue``. ``duty_lead``: the unit
    leads in a duty list (督导组的主要职责是：).
    """

    sent: Sentence
    clauses: list[Segment] = field(default_factory=list)
    cue: Cue | None = None
    cue_clause: Segment | None = None
    kind: str = "cue"
    drop: str = ""
    lead_in: bool = False
    speaker: bool = False
    continues: bool = False
    timed: bool = False
    text: str = ""
    start: int = 0
    end: int = 0
    duty_lead: bool = False

    def add(self, segs: list[Segment]) -> None:
        self.clauses.extend(segs)


@functools.cache  # one call of a cache instead of two
def _r() -> dict[str, re.Pattern[str]]:
    return regex_table("requirements.json")


@functools.cache
def _reach() -> dict[str, int]:
    """How far before the end of a text a match can start, per pattern (:func:`end_reach`)."""
    return {k: end_reach(rx) for k, rx in _r().items()}


def _abs_cue(c: Cue, offset: int) -> Cue:
    return Cue(c.start + offset, c.end + offset, c.word, c.modality, c.weak)


def _clause_cue(seg: Segment, quotes: Intervals | None = None) -> Cue | None:
    body = seg.text
    found = cues(body)
    if not found:
        return None
    r, reach = _r(), _reach()
    prefix_end = r["prefix_end"].search(body, len(body) - reach["prefix_end"])
    if prefix_end and body.rstrip(_TRAIL).endswith("的"):
        return None  # …的, : a relative or topic clause, its cues are not directives
    if r["conditional"].match(body):
        return None  # 如果…: a condition, not a directive
    if r["prefix_start"].match(body) and prefix_end:
        return None  # 在…的同时, : an adverbial, not a directive
    rel = r["relative_clause"].search(body, len(body) - reach["relative_clause"])
    for c in found:
        at = c.start + seg.start
        if quotes is not None and quotes.holds_inside(at):
            continue
        if c.start > 4 and rel and rel.start() - c.end <= 12:
            return None  # …可以解决的问题, : a topic noun phrase
        return _abs_cue(c, seg.start)
    return None


def _own_subject(seg: Segment, cue: Cue) -> bool:
    """Whether the clause names its own subject before its cue (公示期不少于…, 各支部要…)."""
    from extract.tokenize import pos_tags, tokenizer

    pre = seg.text[: cue.start - seg.start]
    if len(pre) < 2 or _r()["prefix_start"].match(pre) or _r()["not_subject_end"].search(pre):
        return False
    if _r()["measured_subject"].search(pre) and any(
        q[3] == len(pre) for q in find_quantities(seg.text)
    ):
        return True  # 公示期不少于5个工作日: the bound of a measured noun
    freq, tags = tokenizer().FREQ, pos_tags()
    for n in range(min(4, len(pre)), 1, -1):
        w = pre[-n:]
        if freq.get(w, 0) > 0:
            return tags.get(w, "")[:1] in ("n", "r") and tags.get(w) not in ("r",)
    return False


def _is_prefix(seg: Segment) -> bool:
    r, body = _r(), seg.text
    return bool(
        r["prefix_start"].match(body)
        or r["prefix_end"].search(body, len(body) - _reach()["prefix_end"])
    )


def _sentence_units(
    sent: Sentence,
    text: str,
    quotes: Intervals | None = None,
    timed: Intervals | None = None,
    cued: bool = True,
) -> list[Unit]:
    """The units of one sentence; ``cued=False`` says the sentence holds no cue word
    (so none of its clauses does: a cue is a word, found inside any text holding it)."""
    r = _r()
    clauses_t = regex_table("clauses.json")
    if sent.heading:  # a heading splits only where a connective opens a new point
        heads: list[Unit] = []
        for seg in sent.clauses:
            if not heads or (r["splitter"].match(seg.text) and heads[-1].clauses):
                heads.append(Unit(sent, kind="heading"))
            heads[-1].add([seg])
            if cued and heads[-1].cue is None and (c := _clause_cue(seg, quotes)) is not None:
                heads[-1].cue, heads[-1].cue_clause = c, seg
        return heads
    units: list[Unit] = []
    cur: Unit | None = None
    pending: list[Segment] = []
    if cued:
        segs = [piece for seg in sent.clauses for piece in parallel_pieces(seg)]
        seg_cues = [_clause_cue(seg, quotes) for seg in segs]
    else:  # no cue anywhere: no clause cut at a repeated cue either
        segs = list(sent.clauses)
        seg_cues = [None] * len(segs)
    breaks = negation_runs(segs, seg_cues) if may_negate(sent.text) else set()
    for k, seg in enumerate(segs):
        body = seg.text
        enum = clauses_t["enum_item"].match(body) or clauses_t["enum_keep"].match(body)
        split = r["splitter"].match(body)
        if (
            (
                k in breaks
                or (
                    cur is not None
                    and cur.cue is not None
                    and r["distributive_subject"].match(body)
                )
            )
            and cur is not None
            and cur.clauses
        ):
            units.append(cur)
            cur = None
        if (enum or split) and (cur is not None or pending):
            if cur is not None:
                units.append(cur)
            cur = None
        if split and split.end() >= len(body.rstrip(_TRAIL)):
            pending.append(seg)  # a bare 同时， opens the next unit
            continue
        cue = seg_cues[k]
        if cur is not None and cur.cue is not None and (m := r["consequence"].match(body)):
            if not m.group().startswith("必须"):  # …，就必须…: one conditional directive
                for u in units:
                    u.clauses.extend(cur.clauses)
                    cur.clauses = [*u.clauses]
                    cur.cue, cur.cue_clause = u.cue or cur.cue, u.cue_clause or cur.cue_clause
                units = []
            if not m.group().startswith("必须") or (
                cur.cue.word == "要" and cur.cue.start == cur.clauses[0].start
            ):  # 要A，必须B: the purpose and its condition
                cur.clauses.sort(key=lambda c: c.start)
                cur.add([*pending, seg])
                pending = []
                continue
        nxt = seg_cues[k + 1] if k + 1 < len(segs) else None
        opens_next = nxt is not None and nxt.start == segs[k + 1].start
        if (
            cue is not None
            and cur is not None
            and cur.cue is not None
            and cue.start == seg.start
            and cue.word in word_table("requirements.json")["elaborating_cues"]
            and cur.cue.word in word_table("modality.json")["strong"]
            and cur.cue.modality == "obligation"
            and k not in breaks
            and not (enum or split)
            and not opens_list(segs, seg_cues, k)
        ):
            cue = None  # 要抓好A，坚持B: how to carry out the directive before
        if cue is not None and not cue.weak:
            timed_cur = (
                cur is not None
                and timed is not None
                and timed.any_within(cur.clauses[0].start, cur.clauses[-1].end)
            )
            if cur is not None and (
                cur.cue is not None
                or timed_cur
                or _own_subject(seg, cue)
                or opens_list(segs, seg_cues, k)
            ):  # 公示期不少于5个工作日 after a clause without a cue: a directive of its own
                units.append(cur)
                cur = None
            if cur is None:
                cur = Unit(sent, kind="item" if (enum or split) else "cue")
            cur.add([*pending, seg])
            cur.cue, cur.cue_clause = cue, seg
            pending = []
        elif (
            cue is None
            and not enum
            and (
                _is_prefix(seg)
                or (
                    opens_next
                    and r["topic_clause"].search(body, len(body) - _reach()["topic_clause"])
                )
            )
        ):
            pending.append(seg)
        else:
            if cur is None:
                cur = Unit(sent, kind="item" if (enum or split) else "cue")
            cur.add([*pending, seg])
            if cue is not None and cur.cue is None:
                cur.cue, cur.cue_clause = cue, seg
            pending = []
    if pending:
        if cur is None:
            cur = Unit(sent, kind="item")
        cur.add(pending)
    if cur is not None:
        units.append(cur)
    opened = {segs[k].start for k in breaks if k < len(segs)}
    for a, b in pairwise(units):
        b.continues = b.clauses[0].start in opened  # the same directive goes on: same actors
        if a.cue is None and r["speech_quote"].match(b.clauses[0].text):
            a.speaker = True  # 总书记在…时，强调“…”: who speaks, not what is directed
    for u in units:  # only an enumerated item may lack a cue
        if u.kind == "item" and not (
            clauses_t["enum_item"].match(u.clauses[0].text)
            or clauses_t["enum_keep"].match(u.clauses[0].text)
        ):
            u.kind = "cue"
    return units


def _duty_units(sent: Sentence) -> list[Unit]:
    out, group = [], []
    for seg in sent.clauses:
        group.append(seg)
        if seg.text.endswith(("；", ";", "。")):
            out.append(Unit(sent, group, kind="duty"))
            group = []
    if group:
        out.append(Unit(sent, group, kind="duty"))
    return out


def _finish(u: Unit, text: str) -> None:
    s, e = u.clauses[0].start, u.clauses[-1].end
    if (m := opening_enumerator(text[s:e])) and m.lastgroup != "enum_keep":
        s += m.end()  # an enumerator of a heading or an item (not 首先, 一方面)
    while s < e and text[s] in _LEAD:
        s += 1
    if len(u.clauses) > 1 and (m := _r()["speech_lead"].match(text, s, e)):
        s += m.end() - m.start()  # 他强调，要…: the span starts after the speaker
    said, quoted = _r()["speech_quote"], False
    for c in u.clauses:  # 书记强调“要…”: the span is the quoted directive
        if u.cue is not None and c.start <= u.cue.start and (m := said.match(text, c.start, c.end)):
            close = text.find("”", m.end(), e + 1)
            if close < 0 or not _r()["quote_named"].match(text, close + 1):
                s, quoted = max(s, m.end()), True
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    s, e = trim_quote(text, s, e, quoted)
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    u.start, u.end, u.text = s, e, text[s:e]


def text_after(u: Unit) -> str:
    """The unit's text after its cue clause (where a report's 开展了… shows)."""
    assert u.cue_clause is not None
    return u.text[max(0, u.cue_clause.end - u.start) :]


def _filter(u: Unit, sent_has_strong: bool, sent_has_cue: bool) -> str:
    r = _r()
    sent = u.sent
    if sent.heading:
        return "topic heading" if sent.topic or sent.review else ""
    if u.speaker:
        return "speaker"
    if r["lead_in"].search(u.text) or r["lead_in_from"].search(u.text):
        u.lead_in = True
        return "lead-in"
    if u.duty_lead:
        u.lead_in = True  # 督导组的主要职责是：its subject carries to the items
        return "duty list lead-in"
    asked = sent.text.rstrip('”"’ ')
    if r["question_end"].search(asked, len(asked) - _reach()["question_end"]):
        return "question"
    if r["purpose_start"].match(sent.text) or r["significance"].search(u.text):
        return "purpose or significance"
    if u.kind == "duty":
        return ""
    if r["copula_frame"].match(sent.text) and not (
        u.cue is not None and u.cue.word in word_table("modality.json")["strong"]
    ):
        return "framing"  # 这就是坚持A，坚持B: what the experience is, not what to do
    if u.cue is None and r["progress_statement"].match(u.text):
        return "report"  # 三是现代化水平不断提升: how things went
    if u.cue is not None and u.cue_clause is not None:
        rel = u.cue.start - u.cue_clause.start
        if r["report_any"].search(text_after(u)) or r["report_before"].search(
            u.cue_clause.text[:rel]
        ):
            return "report"  # 截至目前累计开展不少于30场: what was done, wherever it stands
    if sent.review or sent.section == 0:
        submits = u.timed and regex_table("modality.json")["request_submit"].search(u.text)
        if not sent_has_strong and not (submits and not sent.review):
            # but 各支部于6月30日前上报…: a directive
            return "review without a strong cue" if sent.review else "opening without a strong cue"
        if r["criticism_start"].match(u.text) or r["criticism_start"].match(sent.text):
            return "criticism"
    if u.cue is None:
        if u.kind == "item" and not sent.review and sent.section > 0:
            return ""
        if u.timed and not sent.review:
            return "report" if r["report_mark"].search(u.text) else ""
        return "no cue"
    if u.cue_clause is not None and r["report_any"].search(text_after(u)):
        return "report"
    clause = u.cue_clause
    assert clause is not None
    rel = u.cue.start - clause.start
    if is_framing(
        clause.text, Cue(rel, u.cue.end - clause.start, u.cue.word, u.cue.modality, u.cue.weak)
    ):
        return "framing"
    if r["report_before"].search(clause.text[:rel]) or r["report_after"].match(
        clause.text[rel + len(u.cue.word) :]
    ):
        return "report"
    tail = u.text[u.cue.end - u.start :]
    if r["lead_in"].search(tail) or r["lead_in_from"].search(tail):
        u.lead_in = True
        return "lead-in"
    return ""


def directive_units(
    text: str,
    sents: list[Sentence] | None = None,
    timed: tuple[tuple[int, int], ...] = (),
    every_sentence: bool = False,
) -> list[Unit]:
    """Directive units of a normalized text, filtered (dropped ones have ``drop`` set).

    ``timed`` are the spans of deadline and schedule times: a unit holding one is a
    directive even without a modal cue (…从8月上旬开始到9月底基本结束). With
    ``every_sentence`` sentences without any cue give candidate units too.
    """
    r = _r()
    sents = sentences(text) if sents is None else sents
    out: list[Unit] = []
    quotes = Intervals(quoted_spans(text))
    timed_at = Intervals(timed)
    duty_next = False
    label_before = False
    duty, strong_words = r["duty"], word_table("modality.json")["strong"]
    for sent in sents:
        after_label, label_before = label_before, bool(r["label_sentence"].match(sent.text))
        cued = may_have_cue(sent.text)
        if (
            not every_sentence
            and not (sent.heading or duty_next or sent.enum or cued)
            and not timed_at.any_start_in(sent.start, sent.end)
        ):
            continue  # fast path: nothing here can make a directive
        units = (
            _duty_units(sent)
            if duty_next and not sent.heading
            else _sentence_units(sent, text, quotes, timed_at, cued)
        )
        sent_duty = duty.search(sent.text) is not None  # else none of its units names duties
        duty_next = sent_duty and not sent.heading
        all_cues = [c for seg in sent.clauses for c in cues(seg.text)] if cued else []
        strong = bool(all_cues) and any(
            c.word in strong_words and not (sent.review and c.word == "要求") for c in all_cues
        )
        for u in units:
            if not u.clauses:
                continue
            _finish(u, text)
            if not u.text:
                continue
            u.timed = timed_at.any_within(u.start, u.end)
            u.duty_lead = sent_duty and u.kind != "duty" and duty.search(u.text) is not None
            u.drop = _filter(u, strong, bool(all_cues))
            if after_label and u.cue is None and timed_at.any_start_in(u.start, u.start + 1):
                u.drop = "label value"  # 第一阶段：/ 3月1日至20日，主题是…: a schedule
            out.append(u)
    return out


def modality_of(u: Unit) -> str:
    """Modality of a kept unit (a cue-less heading, item or duty is an obligation).

    请 with a submission (请各支部于…前将…报送至…) is an administrative obligation.
    """
    if u.cue is None:
        return "obligation"
    if u.cue.word == "请" and regex_table("modality.json")["request_submit"].search(u.text):
        return "obligation"
    return u.cue.modality


def pronoun_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(first-person pronouns, audience words) from the data."""
    w = word_table("requirements.json")
    return w["pronoun_we"], w["audience"]
