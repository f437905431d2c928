"""Sub-organizations read from names: members and parts named after their body.

Rule families (rule ids in ``Provenance.rule``; cues in ``extract/data/relation_names.json``):

* ``rel.suborg.member``: a member group named after its body. The head decides
  which body can own it: …成员 belongs to a leadership team (学校领导班子成员 ->
  学校领导班子), …委员 and …常委 to a committee, …联系领导 / …主要领导 to a body,
  …的同志 to any body;
* ``rel.suborg.prefix``: a body named by its parent's name and a head of its own
  (某局政治处 -> 某局) when the parent is a body of the document. A Party branch is
  no part of a government body it is named after (机关党总支 is the Party branch of
  the 机关, not one of its offices);
* ``rel.suborg.inner``: a body whose full name holds another body's name, with a
  head of its own after it (中共某市委办公室 -> 市委), or opens with a fixed other
  name of it (中共中央政治局 -> 党中央);
* ``rel.suborg.addressee``: the branches a Party committee addresses in its own
  document (各支部：… signed by the committee) belong to it.

A parent must be mentioned on its own somewhere in the document: a body named
only inside the names of its organs (市委 in 市委宣传部) is no actor the text
relates anything to.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> text = "市委要加强领导。中共江北市委办公室负责协调。"
>>> ex = extract(document_from_bytes("a.txt", text.encode()))
>>> sorted((r.type, r.source, r.target) for r in ex.relations)
[('subOrganizationOf', '中共江北市委办公室', '市委')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from extract.actors import ActorIndex, ActorMention
from extract.lexicon import data_json
from extract.records import Actor
from extract.relation_set import RelationSet

_BODIES = {
    "PartyCommittee",
    "LeadingGroup",
    "CampaignOffice",
    "SupervisoryGroup",
    "GovernmentBody",
    "PartyBranch",
}


@functools.cache
def _c() -> dict:
    d = data_json("relation_names.json")
    return {k: re.compile(v) if k.endswith("_re") else v for k, v in d.items()}


def independent(idx: ActorIndex, key: str) -> bool:
    """Whether actor ``key`` is mentioned somewhere on its own (not inside another name).

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.actors import actor_index
    >>> idx = actor_index(document_from_bytes("a.txt", "市委宣传部要加强指导。".encode()))
    >>> independent(idx, "市委宣传部"), independent(idx, "市委")
    (True, False)
    """
    return any(m.key == key and not m.nested for m in idx.mentions)


def independent_keys(idx: ActorIndex) -> set[str]:
    """The keys of the actors :func:`independent` holds for, read in one pass.

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.actors import actor_index
    >>> idx = actor_index(document_from_bytes("a.txt", "市委宣传部要加强指导。".encode()))
    >>> sorted(independent_keys(idx))
    ['市委宣传部']
    """
    own = {m.key for m in idx.mentions if not m.nested}
    return {a.key for a in idx.actors if a.key in own}


def _owner_ok(head: str, a: Actor, b: Actor) -> bool:
    """Whether ``b`` can own the member group ``a`` whose name ends in ``head``."""
    c = _c()
    if head in c["team_heads"]:
        return b.label.endswith(tuple(c["team_suffixes"]))
    if head in c["committee_heads"]:
        return b.type == "PartyCommittee" or b.label.endswith(tuple(c["committee_suffixes"]))
    return b.type in _BODIES


def _forms(idx: ActorIndex) -> list[tuple[str, Actor]]:
    """Names of possible parents, longest first: labels, aliases, and 中共… without 中共."""
    c = _c()
    forms = []
    for b in idx.actors:
        if b.type in ("Person", "Public"):
            continue
        names = {b.label, *b.aliases}
        names |= {n[len(p) :] for n in names for p in c["party_prefixes"] if n.startswith(p)}
        for f in names:
            if len(f) >= 2 and f not in c["not_parents"]:
                forms.append((f, b))
    forms.sort(key=lambda fb: (-len(fb[0]), fb[0], fb[1].label))
    return forms


def _edge(out: RelationSet, a: Actor, b: Actor, rule: str) -> None:
    out.add_at("subOrganizationOf", "actor", a.key, "actor", b.key, a.mentions[0], rule)


def addressed_branches(
    idx: ActorIndex, addressee: tuple[str, ...], issuer: tuple[str, ...], out: RelationSet
) -> None:
    """Branches a Party committee addresses in its own document (各支部： under the
    school committee's signature) belong to it: ``rel.suborg.addressee``.

    Examples
    --------
    >>> from extract.ingest.reader import document_from_bytes
    >>> from extract.pipeline import extract
    >>> text = "关于召开组织生活会的通知\\n各党支部：\\n要认真准备。\\n"
    >>> text += "中共杭州市第二中学委员会\\n2021年7月5日"
    >>> ex = extract(document_from_bytes("a.txt", text.encode()))
    >>> [(r.type, r.source, r.target) for r in ex.relations]
    [('subOrganizationOf', '党支部', '中共杭州市第二中学委员会')]
    """
    if len(issuer) != 1 or (parent := idx.get(issuer[0])) is None:
        return
    if parent.type != "PartyCommittee":
        return
    for key in addressee:
        if (a := idx.get(key)) is not None and a.type == "PartyBranch":
            _edge(out, a, parent, "rel.suborg.addressee")


def name_parts(idx: ActorIndex, out: RelationSet) -> None:
    """Add the ``rel.suborg.member``, ``rel.suborg.prefix`` and ``rel.suborg.inner`` edges."""
    c = _c()
    by_first: dict[str, list[tuple[str, Actor]]] = {}  # a prefix opens with the name's first
    for f, b in _forms(idx):
        by_first.setdefault(f[0], []).append((f, b))
    free = independent_keys(idx)
    own: dict[str, list[ActorMention]] = {}  # the mentions of each actor on its own
    for m in idx.mentions:
        if not m.nested:
            own.setdefault(m.key, []).append(m)
    inside = [  # the bodies named inside other names that a part can belong to
        (n, b)
        for n in idx.mentions
        if n.nested and (b := idx.get(n.key)) is not None and b.type in _BODIES and n.key in free
    ]
    for a in idx.actors:
        if a.type in ("Person", "Public"):
            continue
        for f, b in by_first.get(a.label[:1], ()):
            if b is a or a.label == f or not a.label.startswith(f) or b.key not in free:
                continue
            rest = a.label[len(f) :]
            if (mm := c["member_rest_re"].fullmatch(rest)) and _owner_ok(mm.group("head"), a, b):
                rule = "rel.suborg.member"
            elif (
                c["part_rest_re"].fullmatch(rest)
                and b.type in _BODIES
                and not (a.type == "PartyBranch" and b.type == "GovernmentBody")
            ):
                rule = "rel.suborg.prefix"
            else:
                continue
            _edge(out, a, b, rule)
            break
        else:
            _inner(idx, a, own.get(a.key, ()), inside, out)


def _inner(
    idx: ActorIndex,
    a: Actor,
    own: Sequence[ActorMention],
    inside: Sequence[tuple[ActorMention, Actor]],
    out: RelationSet,
) -> None:
    """``rel.suborg.inner`` for ``a``: a fixed other name of a body opening its name, or
    another body's name inside it (``own``: the mentions of ``a`` on its own; ``inside``:
    the nested mentions of the bodies that may be a parent, with their actors)."""
    c = _c()
    if a.type not in _BODIES:
        return
    for other, parents in c["other_names"].items():
        if a.label.startswith(other) and c["organ_rest_re"].fullmatch(a.label[len(other) :]):
            for b in idx.actors:
                if b.label in parents and b is not a:
                    _edge(out, a, b, "rel.suborg.inner")
                    return
    if not own:
        return
    for n, b in inside:
        if b is a:
            continue
        for m in own:
            if m.start < n.start and n.end < m.end:
                rest = re.sub(r"\s+", "", m.surface[n.end - m.start :])
                if c["part_rest_re"].fullmatch(rest):
                    _edge(out, a, b, "rel.suborg.inner")
                    return
