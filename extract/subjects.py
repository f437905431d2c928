"""Who must act: the explicit subject of a directive unit and what carries to others.

The explicit subject of a unit (:func:`explicit_subject`): actors before the cue in
its clause, 希望X…, 对于X，…, an organ opening the clause before the cue; 我们 gives
none unless the text says whom it stands for (我们督导组); 大家/同志们 the audience a
speech addresses; a quoted directive keeps the subject stated inside it.
:func:`item_lead`, :func:`enumeration_run` and :func:`lookahead` carry a subject to
the items of an enumeration (or the numbered phases a subject announces) and to a
heading from its body. Subjects for one unit only (由X, 要从X抓起) are in
:mod:`extract.subject_frames`; document-level defaults (addressee, issuer) in
:mod:`extract.addressee`.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.actors import actor_index
>>> from extract.directives import directive_units
>>> doc = document_from_bytes("a.txt", "各党委要抓好学习。".encode())
>>> u = directive_units(doc.text)[0]
>>> explicit_subject(u, doc.text, actor_index(doc), (), ())
('党委',)
"""

from __future__ import annotations

import functools
import re

from extract.actors import ActorIndex
from extract.clauses import Sentence
from extract.directives import Unit, pronoun_words
from extract.lexicon import regex_table
from extract.modality import cues
from extract.prefilter import Prefiltered, required_literals

Subject = tuple[str, ...] | None


def leading(ms, at: int, text: str, slack: int = 0) -> tuple[str, ...]:
    """Keys of the actors named in a chain (X、Y和Z) starting at ``at`` (+ ``slack`` chars)."""
    return chain(ms, at, text, slack)[0]


def chain(ms, at: int, text: str, slack: int = 0) -> tuple[tuple[str, ...], int]:
    """:func:`leading`, with the offset where the chain ends."""
    r = regex_table("requirements.json")
    found = []
    pos = at
    for m in ms:
        gap = text[pos : m.start]
        if found and (m.start, m.end) == (found[-1].start, found[-1].end):
            found.append(m)  # another member of one collective (县、乡两级党委)
            continue
        if m.start < pos:
            continue
        if (
            not found and m.start - at > slack and not r["quantifier"].fullmatch(text, at, m.start)
        ) or (found and not r["connector"].match(gap)):
            break
        found.append(m)
        pos = m.end
    return keys_of(found), pos


def explicit_subject(
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
        at = u.start
        if len(u.clauses) > 1 and r["short_adverbial"].fullmatch(
            text[u.start : u.clauses[1].start]
        ):
            at = u.clauses[1].start  # 会上，X报告…: the subject follows a short adverbial
        elif m := r["invite_verb"].match(text, u.start):
            at = m.end()  # 欢迎全体教师积极报名: the invited act
        found, end = chain(idx.mentions_in(at, u.end), at, text)
        if found and r["owner_of_topic"].match(text[end : end + 2]):
            found = ()  # 市委关于…的通知: the owner of a document, no subject
        opening = u.start + (text.startswith("“", u.start))
        if not found and len(u.clauses) > 1 and r["as_role"].match(text, opening):
            found = role_named(u.clauses[0], text, idx)  # 做县委书记，就要…
        if not found and text.startswith("“", u.start):
            found = quoted_subject(u, text, idx)  # “…，X一定要…”: a cited directive's own subject
        return found if found else person(text[u.start : u.start + 2])
    seg_s, seg_e = u.cue_clause.start, u.cue.start
    if u.cue.word in ("希望", "要求", "请", "需要"):
        lead_pron = next(
            (w for w in sorted(pron, key=len, reverse=True) if text.startswith(w, u.cue.end)), ""
        )
        after = leading(  # 希望(我们)各级党组织…: the appositive names the subject
            idx.mentions_in(u.cue.end, u.cue_clause.end), u.cue.end, text, 1 + len(lead_pron)
        )
        before = idx.mentions_in(seg_s, seg_e) if u.cue.word in ("要求", "请") else ()
        if after or before:
            return tuple(dict.fromkeys(keys_of(before) + after))
        head = text[u.cue.end : u.cue.end + 3]
        return person(head) if person(head) is not None or head.startswith(pron) else None
    seg = text[seg_s:seg_e]
    if r["subject_block_start"].match(seg):
        seg_s = seg_e  # 对X要…: X is an object
    ms = idx.mentions_in(seg_s, seg_e)
    if ms and r["topic_pronoun"].search(text[u.cue.end : u.end]):
        return None  # 年老体弱的党员要…组织他们学习: a topic, not the agent
    if ms:  # the first chain: 其中各单位组织党员… -> 单位
        keys, end = chain(ms, ms[0].start, text)
        if r["owner_of_topic"].match(text[end : end + 2]):
            return None  # 县委关于…的部署要落实好: the owner of a plan, not the agent
        after = [m for m in ms if m.start == end + 1] if text.startswith("的", end) else []
        return leading(ms, after[0].start, text) if after else keys  # 各单位的党员要… -> 党员
    found = person(text[seg_s:seg_e])
    if found is not None or any(w in text[seg_s:seg_e] for w in pron):
        return found
    if r["we_object"].search(text[u.cue.end : u.cue_clause.end]):
        return we  # 务必引起我们高度重视: the speaker's side must act
    if prefix_subject(u, text, idx):
        return prefix_subject(u, text, idx)
    for c in u.clauses:  # 对于教育系统，要…
        if c is u.cue_clause:
            break
        if text.startswith("对于", c.start) and (  # not 对于推动X…具有重要作用 (a purpose)
            found := leading(idx.mentions_in(c.start, c.end), c.start + 2, text, 1)
        ):
            return found
        opens = c.start + text.startswith("“", c.start)  # “做县委书记，就要…”
        if r["as_role"].match(text, opens) and (found := role_named(c, text, idx)):
            return found  # 作为…的领导骨干和督导组成员，一定要…; 做县委书记，就要…
    return None


def role_named(c, text: str, idx: ActorIndex) -> tuple[str, ...]:
    """The actors a 作为X， clause names: a chain of them that closes the clause."""
    ms = idx.mentions_in(c.start, c.end)
    close = len(text[c.start : c.end].rstrip("，,、 "))
    for i, m in enumerate(ms):
        keys, end = chain(ms[i:], m.start, text)
        if end == c.start + close:
            return keys
    return ()


def quoted_subject(u: Unit, text: str, idx: ActorIndex) -> tuple[str, ...]:
    """The subject before the first modal cue of a quoted unit (cues inside a quotation
    are cited, so the unit has none of its own): actors opening that clause.

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.actors import actor_index
    >>> from extract.directives import Unit
    >>> from extract.clauses import sentences
    >>> doc = document_from_bytes("a.txt", "“面对新任务，各级党委一定要勇于担当。”".encode())
    >>> s = sentences(doc.text)[0]
    >>> u = Unit(s, list(s.clauses), start=s.start, end=s.end)
    >>> quoted_subject(u, doc.text, actor_index(doc))
    ('党委',)
    """
    for c in u.clauses:
        if found := cues(text[c.start : c.end]):
            at = c.start + len(text[c.start : c.end]) - len(text[c.start : c.end].lstrip("“‘ "))
            ms = idx.mentions_in(at, c.start + found[0].start)
            return leading(ms, at, text, 2)
    return ()


def prefix_subject(u: Unit, text: str, idx: ActorIndex) -> tuple[str, ...]:
    """An organ opening the clause before the cue clause (各级党组织在制定方案时，要…).

    Not a topic (…的党员，可…; 新组织中的党员), not the public, not a speaker
    (中央和市委要求，要…). A member group acts (党员干部做事情、干工作，要做到…).
    """
    r = regex_table("requirements.json")
    if u.cue_clause is None or u.clauses[0] is u.cue_clause:
        return ()
    ms = idx.mentions_in(u.start, u.cue_clause.start)
    lead = leading(ms, u.start, text)
    if not lead:
        return ()
    last = max((m for m in ms if m.key in lead), key=lambda m: m.end)
    first = u.clauses[0]
    if (
        r["topic_after"].match(text[last.end : last.end + 2])
        or r["speech_clause"].search(text[first.start : u.cue_clause.start].rstrip())
        or any((a := idx.get(k)) is not None and a.type == "Public" for k in lead)
    ):
        return ()
    return lead


def quote_end(text: str, pos: int) -> int:
    """Where the quotation around ``pos`` closes (…“X要…”…), else past the text's end.

    A subject stated inside a quotation belongs to the quoted words and does not
    carry beyond them.

    Examples
    --------
    >>> t = "他要求“各单位要抓好学习”；倡导节约。"
    >>> quote_end(t, t.index("各")), quote_end(t, t.index("倡"))
    (12, 20)
    """
    line = text.rfind("\n", 0, pos) + 1  # quotations are read within their paragraph
    opened = text.rfind("“", line, pos)
    if opened < 0 or text.rfind("”", line, pos) > opened:
        return len(text) + 1
    end = text.find("\n", pos)
    closed = text.find("”", pos, len(text) if end < 0 else end)
    return len(text) + 1 if closed < 0 else closed


def keys_of(ms) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in ms:
        seen.setdefault(m.key, None)
    return tuple(seen)


def we_stands_for(text: str, idx: ActorIndex) -> tuple[str, ...]:
    """Whom 我们 stands for: the actor the text appends to it (我们督导组), else nobody."""
    for m in regex_table("requirements.json")["we_actor"].finditer(text):
        ms = idx.mentions_in(m.end(), m.end() + 12)
        if ms and ms[0].start == m.end() and not ms[0].surface.startswith("各"):
            return (ms[0].key,)  # 我们督导组 (but not 我们各级党组织, a distributive)
    return ()


@functools.cache
def _audience_sentence() -> re.Pattern[str]:
    """The audience pattern, skipping a sentence without a word every match holds (it
    opens with ``^``, so the engine tries one place, but there it reads the sentence
    to its end for each candidate verb)."""
    rx = regex_table("requirements.json")["audience_sentence"]
    words = required_literals(rx.pattern)
    return rx if words is None else Prefiltered(rx, words)  # type: ignore[return-value]


def speech_audience(text: str, sents, idx: ActorIndex) -> tuple[str, ...]:
    """Actors the speech addresses: the object of the opening 召开…会/对…进行培训."""
    rx = _audience_sentence()
    for s in sents:
        if s.section > 0:
            break
        if m := rx.search(s.text):
            keys = idx.at(s.start + m.start("who"), s.start + m.end("who"))
            if keys:
                return keys
    return ()


def opens_with_actor(u: Unit, idx: ActorIndex) -> bool:
    """Whether the unit opens on an actor (after a quantifier such as 各)."""
    ms = idx.mentions_in(u.start, u.start + 12)
    return bool(ms) and ms[0].start - u.start <= 2


def item_lead(
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


_LEVEL = {"enum_l1": 1, "enum_l2": 2, "enum_l3": 3, "phase": 3, "enum_item": 4, "enum_keep": 4}


def _kind(s: Sentence) -> str:
    """The sentence's enumerator kind; a line naming a numbered phase (第一阶段：) is one."""
    if not s.enum_kind and regex_table("requirements.json")["phase_enumerator"].match(s.text):
        return "phase"
    return s.enum_kind


def enumeration_run(sents: list[Sentence], k: int) -> range:
    """Sentences of the enumeration that a paragraph's last sentence ``k`` leads into.

    A sentence with a subject that closes its paragraph, followed by paragraphs
    opening on one kind of enumerator below the top level (第一，…第二，…; （一）…;
    一要…二要…; 第一阶段：…第二阶段：…), leads them: the run takes the items and
    their bodies (the rest of an item's paragraph, or the paragraphs after an item
    that stands alone on its line) and ends at a paragraph of another kind, a
    top-level heading or a new section. Empty when no enumeration follows.

    Examples
    --------
    >>> from extract.clauses import sentences
    >>> ss = sentences("各单位要做好两件事。\\n一要学习。\\n读书。\\n二要整改。抓落实。\\n另起。")
    >>> [ss[i].text for i in enumeration_run(ss, 0)]
    ['一要学习。', '读书。', '二要整改。', '抓落实。']
    """
    if k + 1 >= len(sents) or sents[k + 1].para == sents[k].para:
        return range(0)
    first = sents[k + 1]
    kind = _kind(first)
    level = _LEVEL.get(kind, 1)
    if (
        level == 1
        or first.heading == 1
        or not regex_table("requirements.json")["first_enumerator"].search(first.enum or first.text)
    ):
        return range(0)
    end, alone = k + 1, False
    for j in range(k + 1, len(sents)):
        t = sents[j]
        if t.para != sents[j - 1].para:  # a new paragraph: an item, a body, or the end
            if t.heading == 1 or t.section != first.section:
                break
            if _kind(t) == kind:
                alone = j + 1 >= len(sents) or sents[j + 1].para != t.para
            elif not alone or (_kind(t) and _LEVEL.get(_kind(t), 1) < level):
                break
        end = j
    return range(k + 1, end + 1)


def lookahead(
    u: Unit, first_of_sentence: dict[int, Unit], explicit: dict[int, Subject], order: dict[int, int]
) -> Subject:
    """Subject of the directive (or lead-in) opening the next sentence."""
    nxt = first_of_sentence.get(order[id(u.sent)] + 1)
    if nxt is None or (u.sent.heading and 0 < nxt.sent.heading <= u.sent.heading):
        return None  # the next heading of the same rank is no body of this one
    return explicit[id(nxt)]


def causees(u: Unit, text: str, idx: ActorIndex) -> tuple[str, ...]:
    """Actors whose work the unit directs (推动/引导/组织X做Y): responsible with the subject.

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.actors import actor_index
    >>> from extract.directives import directive_units
    >>> doc = document_from_bytes("a.txt", "各支部要引导党员教师积极参加学习。".encode())
    >>> causees(directive_units(doc.text)[0], doc.text, actor_index(doc))
    ('党员教师',)
    """
    r = regex_table("requirements.json")
    out: list[str] = []
    start = u.start if u.cue_clause is None else u.cue_clause.start  # not in a topic before
    for m in r["causative"].finditer(text, start, u.end):
        ms = [x for x in idx.mentions_in(m.end(), u.end) if x.start - m.end() <= 24]
        if ms and r["causee_gap"].fullmatch(text[m.end() : ms[0].start]):
            keys, end = chain(idx.mentions_in(ms[0].start, u.end), ms[0].start, text)
            if r["possessor_after"].match(text[end : end + 2]):
                continue  # 推动党中央关于…的部署落实: X owns the object, it is not directed
            out.extend(k for k in keys if (a := idx.get(k)) is None or a.type != "Person")
    return tuple(dict.fromkeys(out))
