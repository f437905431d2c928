"""Subjects a construction names, for one unit only: the agent of a passive 由
(由X负责, 请示由X批复) and the actors a directive starts with (要从X抓起).

Neither carries to the units after; :mod:`extract.requirements` applies them after
the carried subject is settled. Patterns are in ``extract/data/requirements.json``
(``agent_*``, ``begin_*``).
"""

from __future__ import annotations

from extract.actors import ActorIndex
from extract.directives import Unit
from extract.lexicon import regex_table
from extract.subjects import chain


def starting_with(u: Unit, text: str, idx: ActorIndex) -> tuple[str, ...]:
    """Actors the directive starts with (要从X特别是Y抓起/做起) or puts in the lead
    (要坚持X带头): they act first, in the rest of the sentence too, but do not carry
    past it.

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.actors import actor_index
    >>> from extract.directives import directive_units
    >>> doc = document_from_bytes("a.txt", "要从党员干部抓起，树立新风。".encode())
    >>> starting_with(directive_units(doc.text)[0], doc.text, actor_index(doc))
    ('党员干部',)
    """
    r = regex_table("requirements.json")
    if u.cue is None or u.cue_clause is None:
        return ()
    if not (m := r["begin_from"].match(text, u.cue.end)):
        return ()
    at = m.end()
    keys, end = chain(idx.mentions_in(at, u.cue_clause.end), at, text, 1)
    return keys if keys and r["begin_with"].match(text[end : end + 4]) else ()


def agent(u: Unit, text: str, idx: ActorIndex) -> tuple[tuple[str, ...], bool]:
    """The actors a passive 由 names as agent in the unit (由X负责, …请示由X批复), and
    whether it acts instead of any other subject (False for an alternative, …，或者由X决定,
    where the subject before acts too).

    Not 由于/由此/自由/理由, nor what a body is made of (由X组成). The agent does not
    carry to the units after.

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.actors import actor_index
    >>> from extract.directives import directive_units
    >>> doc = document_from_bytes("a.txt", "各支部的请示由党委批复。".encode())
    >>> agent(directive_units(doc.text)[0], doc.text, actor_index(doc))
    (('党委',), True)
    """
    r = regex_table("requirements.json")
    for m in r["agent_by"].finditer(text, u.start, u.end):
        ms = idx.mentions_in(m.end(), u.end)
        ms = [x for x in ms if not any(y.start == x.end for y in ms)]  # 学校|党委会: the head
        keys, end = chain(ms, m.end(), text, 1)
        partner = r["agent_partner"].search(text, m.end(), end)  # 由X与Y谈话: Y is met
        if partner:
            keys, end = chain([x for x in ms if x.end <= partner.start()], m.end(), text, 1)
        also = bool(r["agent_also"].search(text, max(u.start, m.start() - 3), m.start()))
        if u.cue_clause is not None and m.start() >= u.cue_clause.end and not also:
            continue  # …可借鉴…做法，由X提供…: another clause's agent, not the directive's
        if keys and not r["agent_not_after"].match(text[end : end + 4]):
            return keys, not also
    return (), False
