"""Whom a document's subjectless directives bind, when nothing nearer says.

DOMAIN.md ("Later campaigns and other genres") settles the order of responsible
actors: the explicit subject of the clause, a subject carried from a lead-in or
heading, then the document's *addressee* (its salutation: 各支部：, 全校教工：, or
the audience a speech names; before it, the body a notice's preamble says will run
the event the notice passes on, 我市将组织开展…, whose subject the arrangements
carry), then the *issuing body* where the document sets out
its own work (its own 方案 or 通知 without a salutation), else none. A salutation
covers the document's own text, not the speech or article it relays: from the
first line that introduces relayed words (…在…会上的讲话, 讲话摘要, 按：, a news
dateline) on, no default applies.

:func:`document_defaults` finds the three candidates once per document;
:meth:`Defaults.at` gives the default for a position. Patterns are in
``extract/data/addressee.json``.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.actors import actor_index
>>> from extract.clauses import sentences
>>> doc = document_from_bytes("a.txt", "关于开展学习的通知\\n各支部：\\n请认真组织学习。".encode())
>>> d = document_defaults(doc.text, actor_index(doc), sentences(doc.text))
>>> d.addressee, d.at(20)
(('支部',), ('支部',))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from extract.actors import ActorIndex
from extract.clauses import Sentence
from extract.lexicon import data_json
from extract.prefilter import fast
from extract.records import DocumentMeta
from extract.subjects import speech_audience, we_stands_for


@functools.cache
def _d() -> dict:
    d = data_json("addressee.json")
    return {k: fast(v) if k.endswith("_re") else v for k, v in d.items()}


@dataclass(frozen=True)
class Defaults:
    """The document-level candidates for subjectless directives."""

    addressee: tuple[str, ...] = ()
    issuer: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    own_work: bool = False
    relay_from: int = 1 << 62
    participants: tuple[str, ...] = ()
    organiser: tuple[str, ...] = ()

    def speech_at(self, pos: int) -> bool:
        """Whether the text at ``pos`` is a speech to an audience (no salutation to a
        body, not the issuer's own plan, not relayed words)."""
        return pos < self.relay_from and not self.addressee and not self.own_work

    def at(self, pos: int) -> tuple[str, ...] | None:
        """The default responsible actors of a unit at ``pos`` (None: nobody)."""
        if pos >= self.relay_from:
            return None
        if self.organiser:
            return self.organiser
        if self.addressee:
            return self.addressee
        if self.own_work and self.issuer:
            return self.issuer
        return self.audience or None


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for ln in text.splitlines(keepends=True):
        if ln.strip():
            out.append((pos + len(ln) - len(ln.lstrip()), ln.strip()))
        pos += len(ln)
    return out


def _salutation(lines: list[tuple[int, str]], idx: ActorIndex) -> tuple[str, ...]:
    d = _d()
    for pos, ln in lines[:8]:
        start = 0
        if not d["salutation_re"].match(ln) and (m := d["salutation_tail_re"].search(ln)):
            start = m.start("who")  # a title run into its salutation (…的通知全体教师：)
        elif not d["salutation_re"].match(ln):
            continue
        if not d["not_salutation_re"].search(ln, start):
            keys = idx.at(pos + start, pos + len(ln))
            if keys:
                return keys
    return ()


def _issuer(
    lines: list[tuple[int, str]], idx: ActorIndex, meta: DocumentMeta | None
) -> tuple[str, ...]:
    """The issuing body: a signature line, a letterhead line, a title opening on it,
    else the issuer the metadata names."""
    d = _d()

    def only_body(pos: int, ln: str) -> tuple[str, ...]:
        ms = idx.mentions_in(pos, pos + len(ln))
        if ms and ms[0].start == pos and ms[-1].end >= pos + len(ln) - 1:
            return (ms[0].key,)
        return ()

    for pos, ln in reversed(lines[-4:]):  # a signature: a line that names a body only
        if d["date_line_re"].match(ln):
            continue
        if got := only_body(pos, ln):
            return got
        break
    for pos, ln in lines[:3]:  # a letterhead, or a title that opens on its issuer
        if got := only_body(pos, ln):
            return got
        ms = idx.mentions_in(pos, pos + len(ln))
        if ms and ms[0].start == pos and d["title_issuer_re"].match(ln[ms[0].end - pos :]):
            return (ms[0].key,)
    if meta is not None and meta.issuer and (key := idx.resolve(meta.issuer)):
        return (key,)
    return ()


def meeting_voice(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` speaks in a meeting's voice (会议强调…, 会上还要求…)."""
    return bool(_d()["meeting_voice_re"].search(text, start, end))


def _participants(text: str, idx: ActorIndex) -> tuple[str, ...]:
    """Who took part in the meeting a report tells of (…等6人参加了会议): the bodies or
    groups named before 参加/列席, persons only when no group is named."""
    for m in _d()["participants_re"].finditer(text):
        ms = [x for x in idx.mentions_in(max(0, m.start() - 60), m.start())]
        line = max(text.rfind(ch, 0, m.start()) for ch in "。；\n")
        ms = [x for x in ms if x.start > line]
        if not ms:
            continue
        groups = [x.key for x in ms if (a := idx.get(x.key)) is not None and a.type != "Person"]
        return tuple(dict.fromkeys(groups or [x.key for x in ms]))
    return ()


def _organiser(
    text: str, idx: ActorIndex, sents: list[Sentence], skip: tuple[str, ...]
) -> tuple[str, ...]:
    """The body a notice's preamble says will run the event it passes on (…，我市将组织开展
    …大赛。现将有关事项通知如下：): the lead-in subject of the arrangements that follow.
    A body of a city, province, district or county (我市, 市委, 省教育厅), not the
    issuer or the addressee (学校党委将组织…: the notice's own work)."""
    rx, body = _d()["organiser_re"], _d()["organiser_body_re"]
    for s in sents:
        if s.section > 0:
            break
        for m in idx.mentions_in(s.start, s.end):
            opens = m.start == s.start or text[m.start - 1] in "，,；;：:"
            if opens and m.key not in skip and body.match(m.surface) and rx.match(text, m.end):
                return (m.key,)
    return ()


def document_defaults(
    text: str, idx: ActorIndex, sents: list[Sentence], meta: DocumentMeta | None = None
) -> Defaults:
    """The addressee, issuer and speech audience of a document (see the module docstring)."""
    d = _d()
    lines = _lines(text)
    head = " ".join(ln for _, ln in lines[:3])
    title = lines[0][1] if lines else ""
    relay = next((pos for pos, ln in lines[3:] if d["relay_line_re"].search(ln)), 1 << 62)
    addressee = _salutation(lines, idx)
    if (
        d["relay_doc_re"].search(title)
        and not d["salutation_open_re"].match(title)
        and not addressee  # 关于召开…会议的通知 / 各支部： is a notice, not a news report
    ):
        relay = 0  # a news report or a study page relays from its first line
    own = (
        bool(d["own_work_title_re"].search(title))
        and not addressee
        and not d["salutation_open_re"].match(title)
        and not d["speech_title_re"].search(head)
    )
    issuer = _issuer(lines, idx, meta)
    return Defaults(
        participants=_participants(text, idx),
        addressee=addressee,
        issuer=issuer,
        organiser=_organiser(text, idx, sents, (*addressee, *issuer)) if addressee else (),
        audience=we_stands_for(text, idx) or speech_audience(text, sents, idx),
        own_work=own,
        relay_from=relay,
    )
