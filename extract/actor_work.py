"""Where a mention shows an actor at work (DOMAIN.md section 2: an actor directs,
performs, supervises, approves, receives or evaluates campaign work).

:func:`at_work` reads the words right before and after each mention (or around a
chain of coordinated mentions) against the cues of ``actors.json`` ``agent``:
a verb, modal or cue of action after it, a cue that makes it an agent, causee or
recipient before it, or a salutation line. People outside the Party's own ranks
and the public count as actors only where one of their mentions is at work
(:mod:`extract.actors`); :mod:`extract.actor_filter` uses the same reading as a
feature.
"""

from __future__ import annotations

import functools
import re

from extract.lexicon import data_json


@functools.cache
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _qualifies_noun(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` is a noun the mention before it qualifies (干部|考察工作)."""
    from extract.tokenize import pos_tags, tokenizer

    freq, tags = tokenizer().FREQ, pos_tags()
    for n in range(min(4, len(text) - pos), 1, -1):
        w = text[pos : pos + n]
        if freq.get(w, 0) > 0:
            return tags.get(w, "")[:2] in ("n", "vn", "nz")
    return False


_CLAUSE_MARKS = "，,。；;：:！!？?\n"


def _after_a_verb(text: str, pos: int) -> bool:
    """Whether a verb stands in the clause before ``pos`` (选拔年轻干部，…): the mention
    there is an object, not the subject that the words after it describe."""
    from extract.tokenize import dictionary_words, pos_tags

    start = max((text.rfind(c, max(0, pos - 30), pos) for c in _CLAUSE_MARKS), default=-1) + 1
    prefix = text[max(start, pos - 30) : pos].rsplit("的", 1)[-1]  # 提任…的中层干部: a head
    if len(prefix) < 2:
        return False
    tags, aux = pos_tags(), _rx(data_json("actors.json")["agent"]["not_object_verbs_re"])
    return any(
        tags.get(w, "x").startswith("v") and tags.get(w) != "vn" and not aux.fullmatch(w)
        for w in dictionary_words(prefix)
    )


def _salutation(text: str, s0: int, e1: int, salute: re.Pattern[str]) -> bool:
    """Whether the mentions ``[s0, e1)`` open a salutation line (各支部：)."""
    line_start = text.rfind("\n", 0, s0) + 1
    if s0 - line_start > 2:
        return False
    line_end = text.find("\n", e1)
    return salute.match(text[line_start : len(text) if line_end < 0 else line_end]) is not None


def at_work(
    text: str, spans: list[tuple[int, int]], wanted: set[tuple[int, int]] | None = None
) -> set[tuple[int, int]]:
    """The mention spans that show an actor at work (``actors.json`` ``agent``).

    A mention counts when a verb, modal or cue of action follows it (区委要…,
    市教育局等4家单位作了发言, 王某某主持), when a cue before it makes it an agent,
    causee or recipient (由…审批, 引导…, 交给…, 根据…要求), or when it is a
    salutation line (各支部：). Coordinated mentions (甲、乙和丙要…) share the
    context of the whole chain. A body named only as an object, a topic or
    inside a title (学习省委精神, 学生, 市委书记某某) does not count, nor does a cue
    after the object of a verb (选拔年轻干部，落实…), a verb of attitude opening a
    relative clause or compound (群众关心的问题, 教师评价体系), a cue that opens a
    compound noun (干部考察工作), or a frame cue (在, 根据) before a mention that
    qualifies the noun after it or sits in a locative 在…中. With ``wanted``, only
    the chains holding one of those spans are read (the others are not returned).

    Examples
    --------
    >>> text = "群众普遍关心的问题。党员要带头。"
    >>> sorted(at_work(text, [(0, 2), (10, 12)]))
    [(10, 12)]
    """
    a = data_json("actors.json")["agent"]
    after, before = _rx(a["after_re"]), _rx(a["before_re"])
    qualifier = _rx(a["not_at_work_after_re"])
    frame, locative = _rx(a["frame_before_re"]), _rx(a["locative_after_re"])
    compound = _rx(a["compound_after_re"])
    salute, coord = _rx(a["salutation_re"]), _rx(f"(?:{a['coordinators']})+")
    spans = sorted(set(spans))
    chains: list[list[tuple[int, int]]] = []
    for sp in spans:
        if chains and (
            sp[0] <= chains[-1][-1][1] or coord.fullmatch(text[chains[-1][-1][1] : sp[0]])
        ):
            chains[-1].append(sp)
        else:
            chains.append([sp])
    out: set[tuple[int, int]] = set()
    for chain in chains:
        if wanted is not None and not wanted.intersection(chain):
            continue  # only chains holding a mention asked about are read
        s0, e1 = chain[0][0], max(e for _, e in chain)
        if (
            (
                (am := after.match(text[e1 : e1 + 12])) is not None
                and not qualifier.match(text[e1 : e1 + 12])
                and not (am.end() > 0 and compound.match(text, e1 + am.end()))
                and (am.group().endswith(("：", ":")) or not _after_a_verb(text, s0))
            )
            or (
                (bm := before.search(text[max(0, s0 - 4) : s0])) is not None
                and not (
                    frame.search(bm.group())
                    and (
                        _qualifies_noun(text, e1)
                        or (bm.group().endswith("在") and locative.match(text, e1))
                    )
                )
            )
            or _salutation(text, s0, e1, salute)
        ):
            out.update(chain)
    return out
