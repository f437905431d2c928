"""Relations read from how a text directs: frames, leadership, causees, receivers, names.

Rule families (rule ids in ``Provenance.rule``; cue patterns in
``extract/data/relations_directed.json``). The subject of a rule is the one the
requirement holding the cue was given (its responsible actors), else the actors
opening the sentence, else the document's default (addressee or issuer,
:mod:`extract.addressee`).

* instructions and leadership (根据X的要求, 在X领导下): :mod:`extract.relation_frames`;
* ``rel.supervises.causee``: the subject 引导/带领/教育引导/考察/评议 Y -> supervises Y;
* ``rel.supervises.visit``: X 到会指导 -> X supervises the body holding the meeting;
* ``rel.reports.handover``: 交给/发送给/报送至/上交 X -> the subject reportsTo X;
* sub-organizations read from names: :mod:`extract.relation_names`.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> text = "根据县教育局的部署，县一中党委召开专题会议。"
>>> ex = extract(document_from_bytes("a.txt", text.encode()))
>>> sorted((r.type, r.source, r.target) for r in ex.relations)
[('supervises', '县教育局', '县一中党委')]
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence

from extract.actors import ActorIndex, ActorMention
from extract.addressee import Defaults
from extract.clauses import Sentence, sentences
from extract.intervals import Intervals
from extract.lexicon import data_json
from extract.prefilter import any_required, fast
from extract.records import Document, Requirement
from extract.relation_names import addressed_branches, name_parts
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
    d = data_json("relations_directed.json")
    return {k: fast(v) if k.endswith("_re") else v for k, v in d.items()}


@functools.cache
def _sentence_cue():
    """Any word a causee, a visit or a handover match needs (None: no list): a
    sentence without one is not read by those rules."""
    c = _c()
    return any_required(c[k] for k in ("causee_re", "visit_re", "handover_re"))


class RequirementSubjects:
    """The responsible actors of the requirement holding a position of ``doc.text``."""

    def __init__(self, doc: Document, idx: ActorIndex, reqs: Sequence[Requirement]):
        where = doc.offsets
        spans = []
        for r in reqs:
            if where is None:
                a, b = r.span.start, r.span.end
            else:
                a = bisect.bisect_left(where, r.span.start)
                b = bisect.bisect_left(where, r.span.end)
            if r.actors:
                spans.append((a, b, r.actors))
        self.spans = sorted(spans)
        self._index = Intervals((a, b) for a, b, _ in self.spans)

    def of(self, pos: int) -> tuple[str, ...]:
        """Actors of the first requirement whose span holds ``pos`` (``()`` when none)."""
        i = self._index.index_of_first_holding(pos)
        return () if i is None else self.spans[i][2]


class Subjects:
    """Who acts at a position: a requirement's actors, the sentence's opening actors,
    or the document's default."""

    def __init__(self, doc: Document, idx: ActorIndex, reqs: Sequence[Requirement], defaults):
        self.doc, self.idx, self.defaults = doc, idx, defaults
        self.reqs = RequirementSubjects(doc, idx, reqs)

    def at(self, pos: int, sent_start: int, upto: int, fallback: bool = True) -> tuple[str, ...]:
        if actors := self.reqs.of(pos):
            return actors
        ms = self.idx.mentions_in(sent_start, upto)
        lead = chain(self.doc.text, ms, sent_start)
        if lead:
            return lead
        if fallback and self.defaults is not None:
            return self.defaults.at(pos) or self.defaults.issuer or ()
        return ()


def chain(text: str, ms: Sequence[ActorMention], start: int) -> tuple[str, ...]:
    """Coordinated actors opening ``text[start:]`` (after a quantifier or a time)."""
    c = _c()
    out: list[ActorMention] = []
    for m in ms:
        if not out:
            if not c["lead_gap_re"].fullmatch(text[start : m.start]):
                break
        elif not c["coord_re"].fullmatch(text[out[-1].end : m.start]):
            break
        out.append(m)
    return tuple(dict.fromkeys(m.key for m in out))


def _is_body(idx: ActorIndex, key: str, persons: bool = False) -> bool:
    a = idx.get(key)
    return a is not None and (a.type in _BODIES or (persons and a.type == "Person"))


def directed_relations(
    doc: Document,
    idx: ActorIndex,
    requirements: Sequence[Requirement],
    defaults: Defaults | None,
    out: RelationSet,
    sents: Sequence[Sentence] = (),
) -> None:
    """Add the relations of the module docstring's families to ``out``."""
    c = _c()
    text = doc.text
    subjects = Subjects(doc, idx, requirements, defaults)
    spans = [(x.start, x.end) for x in (sents or sentences(text))]
    cue = _sentence_cue()
    for ss, se in spans:
        if cue is not None and cue.search(text, ss, se) is None:
            continue
        ments = idx.mentions_in(ss, se)
        if not ments:
            continue
        for m in c["causee_re"].finditer(text, ss, se):
            objs = chain(text, [x for x in ments if x.start >= m.end()], m.end())
            if not objs:
                continue
            near = [x for x in ments if x.end <= m.start() and m.start() - x.end <= 6]
            subj = (near[-1].key,) if near else subjects.at(m.start(), ss, m.start(), False)
            for s in subj:
                for o in objs:
                    if o not in subj and (a := idx.get(s)) is not None and a.type != "Public":
                        out.add(
                            "supervises",
                            "actor",
                            s,
                            "actor",
                            o,
                            (ss, se),
                            "rel.supervises.causee",
                        )
        for m in c["visit_re"].finditer(text, ss, se):
            near = [x for x in ments if x.end <= m.start() and m.start() - x.end <= 8]
            if not near:
                continue
            holder = defaults.issuer if defaults is not None else ()
            for h in holder:
                if h != near[-1].key:
                    out.add(
                        "supervises",
                        "actor",
                        near[-1].key,
                        "actor",
                        h,
                        (ss, se),
                        "rel.supervises.visit",
                    )
        for m in c["handover_re"].finditer(text, ss, se):
            got = idx.mentions_in(m.start("to"), m.end("to"))
            people = [x for x in got if (a := idx.get(x.key)) is not None and a.type == "Person"]
            # 交给某部部长某某: the person; 发送给党政办某某: the office and its staff member
            staff = [x.key for x in got for p in people if x.end == p.start]
            targets = [x.key for x in people] + staff if people else [x.key for x in got]
            targets = [t for t in dict.fromkeys(targets) if _is_body(idx, t, persons=True)]
            if not targets:
                continue
            for s in subjects.at(m.start(), ss, m.start(), False):
                for t in targets:
                    if s not in targets:
                        out.add(
                            "reportsTo",
                            "actor",
                            s,
                            "actor",
                            t,
                            (ss, se),
                            "rel.reports.handover",
                        )
    _approvals_of_the_supervised(doc, idx, out, spans)
    name_parts(idx, out)
    if defaults is not None:
        addressed_branches(idx, defaults.addressee, defaults.issuer, out)


def _leads(idx: ActorIndex, head: str, body: str) -> bool:
    """Whether ``head`` (督导组组长) names the head of ``body`` by its label or a short
    form of it (县委督导组, also called 督导组)."""
    a = idx.get(body)
    names = (body, *(a.aliases if a else ()))
    return any(head.startswith(n) and head != n for n in names)


def _approvals_of_the_supervised(
    doc: Document, idx: ActorIndex, out: RelationSet, spans: list[tuple[int, int]]
) -> None:
    """An approval with no object named (某组组长亲自审核…批准转段): the approver, or the
    body it leads, approves those it supervises in the document."""
    c = _c()
    text = doc.text
    supervised: dict[str, list[str]] = {}
    for (typ, _, s, _, t), rel in list(out.rel.items()):
        if typ == "supervises" and rel.prov.rule == "rel.supervises.name":
            supervised.setdefault(s, []).append(t)  # the units a group is assigned to
    if not supervised:
        return  # no one supervised by name: an approval has no one to approve
    for ss, se in spans:
        for m in c["approval_re"].finditer(text, ss, se):
            before = [x for x in idx.mentions_in(ss, m.start()) if m.start() - x.end <= 4]
            clause_end = min((k for k in (text.find("。", m.end()), se) if k >= 0), default=se)
            if not before or idx.mentions_in(m.end(), clause_end):
                continue
            who = before[-1].key
            bodies = [who] + [b for b in supervised if b != who and _leads(idx, who, b)]
            for b in bodies:
                for t in supervised.get(b, ()):
                    if t != who:
                        out.add(
                            "approves",
                            "actor",
                            who,
                            "actor",
                            t,
                            (ss, se),
                            "rel.approves.supervised",
                        )
