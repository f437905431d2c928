"""Relations between actors, stages, steps and requirements (DOMAIN.md section 2).

:func:`find_relations` returns ``reportsTo``, ``approves``, ``supervises``,
``subOrganizationOf``, ``precedes`` and ``dependsOn`` edges, each with an
evidence span and a :class:`~extract.records.Provenance` naming the rule.
Cue words and patterns are in ``extract/data/relations.json``.

Rule families (rule ids in ``Provenance.rule``):

* ``rel.suborg.name``: a body named after its parent (区委督导组 -> 区委,
  先教办指导协调组 -> 县委先教办, 州先教办 -> 州…领导小组);
* ``rel.suborg.dispatch`` / ``rel.suborg.establish``: 督导组是…领导小组派出的,
  各单位成立了领导小组;
* ``rel.supervises.verb``: subject + 督导/指导/督促/检查/联系/协助… + object;
  ``rel.supervises.passive``: 接受群众监督; ``rel.supervises.name``: 督导单位;
* ``rel.reports``: 向…汇报/反映, 报…备案; ``rel.approves.by``: 由…批复,
  经…批复同意 (a following 报…备案 is the approver's filing);
  ``rel.approves.submit``: 须报…审核同意后, 报请…批准 (the subject's request);
  both also give ``rel.reports.request`` (the requester reportsTo the approver);
  由X决定 is no approval: X is the one who then asks (由X决定…，并报Y批准 -> X reportsTo Y);
  ``rel.approves.verb``: 严格把关/批准 over the units named after it;
* ``rel.precedes.stage``: canonical stage order; ``rel.precedes.sequence``:
  steps in order inside one sentence or across enumerated items;
  ``rel.precedes.entry``: 转段 -> the stage it enters;
* ``rel.depends.cue``: steps in a sentence with a gate cue (基础上, 合格后,
  不要急于…) depend on the ones before them.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.actors import actor_index
>>> text = "各支部转段请示由各党委批复，并报区委督导组备案。区委要加强领导。"
>>> doc = document_from_bytes("a.txt", text.encode())
>>> rels = find_relations(doc, actor_index(doc))
>>> sorted((r.type, r.source, r.target) for r in rels)  # doctest: +NORMALIZE_WHITESPACE
[('approves', '党委', '支部'), ('reportsTo', '党委', '区委督导组'), ('reportsTo', '支部', '党委'),
 ('subOrganizationOf', '区委督导组', '区委')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from extract.actors import ActorIndex, ActorMention
from extract.addressee import Defaults
from extract.clauses import Sentence, sentences
from extract.lexicon import data_json, word_alternation
from extract.phase_relations import phase_relations
from extract.prefilter import any_required, fast
from extract.records import Actor, Document, Phase, Relation, Requirement
from extract.relation_frames import frame_relations
from extract.relation_names import independent_keys
from extract.relation_set import RelationSet
from extract.relations_directed import RequirementSubjects, directed_relations
from extract.rules import prov

_LEVEL_WORDS = frozenset({"中央", "国家", "全国", "省", "市", "县", "区"})
_BODY = {"PartyCommittee", "LeadingGroup", "CampaignOffice", "SupervisoryGroup"}
_FILED = {"GovernmentBody"}  # 报送至组织部: an office one files with
_APPROVER = _BODY | {"Person", "GovernmentBody"}  # who can approve a request


@functools.cache
def _cues() -> dict:
    d = data_json("relations.json")
    c = {
        **d,
        "supervise": re.compile(word_alternation(d["supervise_verbs"])),
        "passive": re.compile(d["supervise_passive_re"]),
        "report": fast(d["report_re"]),  # read clause by clause: skipped without its words
        "approve_by": fast(d["approve_by_re"]),
        "approve_submit": re.compile(d["approve_submit_re"]),
        "approve": re.compile(d["approve_verbs_re"]),
        "dispatch": fast(d["dispatch_re"]),  # slow to fail: skipped on units without its word
        "establish": fast(d["establish_re"]),
        "entry": re.compile(d["stage_entry_re"]),
        "joiners": re.compile(d["slot_joiners_re"]),
        "item": re.compile(d["item_re"]),
        "lead_gap": re.compile(d["lead_gap_re"]),
        "modal_after": re.compile(d["modal_after_subject_re"]),
        "coordinate_rest": re.compile(d["coordinate_rest_re"]),
        "decision_words": tuple(d["decision_words"]),
        "speaker_after": re.compile(d["speaker_after_re"]),
        "object_residue": re.compile(d["object_residue_re"]),
    }
    # a clause holding none of the words the clause rules need is not read by them
    c["clause_cue"] = any_required(
        c[k] for k in ("approve_by", "approve_submit", "report", "passive", "supervise", "approve")
    )
    return c


def _coordinated(text: str, a: ActorMention, b: ActorMention) -> bool:
    gap = text[a.end : b.start]
    if gap:
        return bool(re.fullmatch(r"[、和及与（）()或“”\"]+", gap))
    return b.surface.startswith("各") or text[a.end - 1 : a.end] in ")）"


def _lead(mentions: Sequence[ActorMention], text: str, start: int, limit: int = 10) -> list[str]:
    """Coordinated actor keys opening ``text[start:]`` (各党委、工委要… -> 党委, 工委)."""
    c = _cues()
    out: list[ActorMention] = []
    for m in mentions:
        if m.start < start:
            continue
        if not out:
            if m.start - start > limit or not c["lead_gap"].match(text[start : m.start]):
                break
        elif text[out[-1].end : m.start] == "等":
            out = [m]
            break
        elif not _coordinated(text, out[-1], m):
            break
        out.append(m)
    return list(dict.fromkeys(m.key for m in out))


def _after(mentions: Sequence[ActorMention], text: str, pos: int, limit: int = 4) -> list[str]:
    """Coordinated actor keys starting within ``limit`` chars after ``pos``."""
    out: list[ActorMention] = []
    for m in mentions:
        if m.start < pos:
            continue
        if not out:
            if m.start - pos > limit or re.search(r"[，。；,;]", text[pos : m.start]):
                break
        elif not _coordinated(text, out[-1], m):
            break
        out.append(m)
    return list(dict.fromkeys(m.key for m in out))


def _modal_subject(mentions: Sequence[ActorMention], text: str) -> list[str]:
    """The first actor directly followed by a modal (…，县委督导组要建立… -> 县委督导组)."""
    rx = _cues()["modal_after"]
    for m in mentions:
        if rx.match(text, m.end):
            return [m.key]
    return []


def _object_list(mentions: Sequence[ActorMention], text: str, start: int, end: int) -> list[str]:
    """The actors of 对X、Y特别是“Z”的 (``text[start:end]``) when it names nothing else."""
    cut = text.rfind("的", start, end)
    inside = [m for m in mentions if start <= m.start and m.end <= (cut if cut >= 0 else end)]
    if not inside:
        return []
    rest, pos = [], start
    for m in inside:
        rest.append(text[pos : m.start])
        pos = m.end
    rest.append(text[pos : cut if cut >= 0 else end])
    ok = _cues()["object_residue"].fullmatch("".join(rest))
    return list(dict.fromkeys(m.key for m in inside)) if ok else []


def _speaks(mentions: Sequence[ActorMention], lead: list[str], text: str) -> bool:
    """Whether the actors ``lead`` are followed by a speech verb (某某强调，)."""
    last = mentions[0].end
    for m in mentions:  # the end of the opening chain
        if m.key not in lead:
            break
        last = m.end
    return bool(_cues()["speaker_after"].match(text, last))


def _supervision_ok(a, b) -> bool:
    """Whether actor ``a`` can supervise ``b`` (types of DOMAIN's supervises)."""
    if a is None or b is None or b.type == "Public" or a.type in {"Public", "MemberGroup"}:
        return False
    if b.type == "Person" or (b.type == "MemberGroup" and b.kind == "党员"):
        return False
    if a.type == "PartyCommittee" and a.kind in {"中央", "省委"}:
        return False
    if a.type in {"GovernmentBody", "PartyBranch"}:
        return b.type == "MemberGroup" and b.kind != "党员"
    if b.type in {"LeadingGroup", "SupervisoryGroup", "CampaignOffice"}:
        return a.type in {"LeadingGroup", "CampaignOffice"} and b.level != "中央"
    return not (
        b.type == "PartyCommittee"
        and b.kind in {"中央", "省委", "市委"}
        and a.type != "SupervisoryGroup"
    )


def _units(sents: Sequence[Sentence]) -> list[tuple[int, int, list]]:
    """Sentences cut again after each semicolon: (start, end, clauses)."""
    out: list[tuple[int, int, list]] = []
    for sent in sents:
        group: list = []
        for cl in sent.clauses:
            group.append(cl)
            if cl.text.endswith(("；", ";")):
                out.append((group[0].start, group[-1].end, group))
                group = []
        if group:
            out.append((group[0].start, group[-1].end, group))
    return out


def _approvers(idx: ActorIndex, m: re.Match[str], group: str) -> list[str]:
    """Bodies and persons named in the approver slot ``group`` of an approval match."""
    keys = [x.key for x in idx.mentions_in(m.start(group), m.end(group))]
    return [k for k in dict.fromkeys(keys) if (a := idx.get(k)) is not None and a.type in _APPROVER]


def _actor_relations(
    doc: Document,
    idx: ActorIndex,
    out: RelationSet,
    responsible=lambda pos: (),
    sents: Sequence[Sentence] | None = None,
) -> None:
    c = _cues()
    clause_cue = c["clause_cue"]
    text = doc.text
    topic: list[str] = []
    for us, ue, unit_clauses in _units(sentences(text) if sents is None else sents):
        u_ments = idx.mentions_in(us, ue)
        if not u_ments:
            continue  # every rule below needs an actor mention inside the unit
        lead = _lead(u_ments, text, us) or _modal_subject(u_ments, text)
        if lead and _speaks(u_ments, lead, text):
            lead = topic = []  # 某某强调，要…: the speaker directs, he is no subject
        subj_unit = lead or list(responsible(us)) or topic
        approver: list[str] = []
        decider: list[str] = []
        requester: list[str] = subj_unit
        for cl in unit_clauses:
            if clause_cue is not None and clause_cue.search(text, cl.start, cl.end) is None:
                continue
            ments = idx.mentions_in(cl.start, cl.end)
            subj = _lead(ments, text, cl.start, 6) or subj_unit
            span = (cl.start, cl.end)
            for m in c["approve_by"].finditer(text, cl.start, cl.end):
                g = "obj" if m.group("obj") is not None else "obj2"
                if m.group(0).endswith(c["decision_words"]):  # 由X决定…，并报Y批准: X asks Y
                    decider = [x.key for x in idx.mentions_in(m.start(g), m.end(g))]
                    continue
                before = _lead(ments, text, cl.start, 6)
                requester = before or requester
                approver = _approvers(idx, m, g)
                for a in approver:
                    for r in requester:
                        out.add("approves", "actor", a, "actor", r, span, "rel.approves.by")
                        out.add("reportsTo", "actor", r, "actor", a, span, "rel.reports.request")
            for m in c["approve_submit"].finditer(text, cl.start, cl.end):
                for a in _approvers(idx, m, "obj"):
                    for r in decider or subj:
                        out.add("approves", "actor", a, "actor", r, span, "rel.approves.submit")
                        out.add("reportsTo", "actor", r, "actor", a, span, "rel.reports.request")
            for m in c["report"].finditer(text, cl.start, cl.end):
                g = "obj" if m.group("obj") is not None else "obj2"
                slot = idx.mentions_in(m.start(g), m.end(g))
                targets = [x.key for x in slot]
                upper = {
                    x.key
                    for x in slot
                    if x.surface.startswith("上级") or text.endswith("上级", 0, x.start)
                }
                who = approver if approver and g == "obj2" else decider or subj
                for r in who:
                    for t in targets:
                        b = idx.get(t)
                        receiver = _BODY | {"Person"} | (_FILED if g == "obj2" else set())
                        if b is not None and (b.type in receiver or t in upper):  # 报送至组织部
                            out.add("reportsTo", "actor", r, "actor", t, span, "rel.reports")
            for m in c["passive"].finditer(text, cl.start, cl.end):
                own = _lead(ments, text, cl.start, 6)  # 接受X监督 needs its own subject
                for x in idx.mentions_in(m.start("obj"), m.end("obj")):
                    for s_ in own:
                        out.add(
                            "supervises",
                            "actor",
                            x.key,
                            "actor",
                            s_,
                            span,
                            "rel.supervises.passive",
                        )
            for m in c["supervise"].finditer(text, cl.start, cl.end):
                if any(x.start <= m.start() < x.end for x in ments) or re.match(
                    r"[组员点]", text[m.end() : m.end() + 1]
                ):
                    continue
                before = text[cl.start : m.start()]
                k = cl.start + before.rindex("对") + 1 if "对" in before else cl.start
                near = [x for x in ments if k <= x.end <= m.start() and m.start() - x.end <= 4]
                if k > cl.start:  # 对X的监督: X is led, not the one who leads
                    near = [x for x in near if x.start < k]
                who = [near[-1].key] if near else subj
                if text[m.start() - 1 : m.start()] == "我" and idx.speaker:
                    who = [idx.speaker]
                objs = _after(ments, text, m.end())
                if k > cl.start:
                    objs = _object_list(ments, text, k, m.start()) or _after(ments, text, k, 1)
                    objs += [o for o in _after(ments, text, m.end()) if o not in objs]
                elif not objs and cl.end - m.end() <= 6:
                    nxt = idx.mentions_in(cl.end, min(ue, cl.end + 14))
                    objs = _after(nxt, text, nxt[0].start) if nxt else []
                for s_ in who:
                    for o in objs:
                        if o not in who and _supervision_ok(idx.get(s_), idx.get(o)):
                            out.add(
                                "supervises", "actor", s_, "actor", o, span, "rel.supervises.verb"
                            )
            if c["approve"].search(text, cl.start, cl.end):
                after = [x for x in idx.mentions_in(cl.end, ue)]
                objs = _after(after, text, after[0].start) if after else []
                for s_ in subj:
                    a = idx.get(s_)
                    if a is None or a.type not in _BODY:
                        continue
                    for o in objs:
                        b = idx.get(o)
                        if b is not None and b.type in {"GovernmentBody", "PartyBranch"}:
                            out.add("approves", "actor", s_, "actor", o, span, "rel.approves.verb")
        for m in c["dispatch"].finditer(text, us, ue):
            if m.group("child") is not None:
                kids = [x.key for x in idx.mentions_in(m.start("child"), m.end("child"))]
                parents = [x.key for x in idx.mentions_in(m.start("parent"), m.end("parent"))]
            else:
                kids = [x.key for x in idx.mentions_in(m.start("child2"), m.end("child2"))]
                parents = [
                    p
                    for p in _lead(idx.mentions_in(us, m.start()), text, us)
                    if (a := idx.get(p)) is not None
                    and a.type in {"PartyCommittee", "LeadingGroup"}
                ]
            for k in kids:
                a = idx.get(k)
                if a is None or a.type not in _BODY:
                    continue
                for p in parents:
                    out.add(
                        "subOrganizationOf", "actor", k, "actor", p, (us, ue), "rel.suborg.dispatch"
                    )
        for m in c["establish"].finditer(text, us, ue):
            kids = [x for x in idx.mentions_in(m.end(), min(ue, m.end() + 16))]
            body = [k for k in kids if (a := idx.get(k.key)) is not None and a.type in _BODY][:1]
            for k in body:
                for p in lead:
                    out.add(
                        "subOrganizationOf",
                        "actor",
                        k.key,
                        "actor",
                        p,
                        (us, ue),
                        "rel.suborg.establish",
                    )
        if lead:  # a person's words carry to no later sentence: he directs others
            topic = [k for k in lead if (a := idx.get(k)) is not None and a.type != "Person"]


def _name_relations(doc: Document, idx: ActorIndex, out: RelationSet) -> None:
    c = _cues()
    free = independent_keys(idx)
    by_form: dict[str, list[Actor]] = {}  # the bodies' names, in the actors' order
    for b in idx.actors:
        if b.type not in _BODY or b.key not in free:
            continue  # 市委 named only inside 市委宣传部 is related to nothing
        for form in (b.label, *b.aliases):
            if len(form) >= 2 and form not in _LEVEL_WORDS:  # 中央纪委 is no part of 中央
                by_form.setdefault(form, []).append(b)
    for a in idx.actors:
        if a.type not in _BODY | {"GovernmentBody"}:
            continue
        best = None
        for n in range(len(a.label) - 1, 1, -1):  # the longest name the label opens with
            bodies = [b for b in by_form.get(a.label[:n], ()) if b is not a]
            if bodies and not c["coordinate_rest"].match(a.label, n):
                best = (bodies[0].key, n)
                break
        if best is None and a.type == "CampaignOffice" and a.level and "委" not in a.label[:3]:
            lg = [
                b
                for b in idx.actors
                if b.type == "LeadingGroup" and b.level == a.level and b.label[:1] == a.label[:1]
            ]
            best = (lg[0].key, 0) if len(lg) == 1 else None
        if best is not None:
            s = a.mentions[0]
            out.add(
                "subOrganizationOf",
                "actor",
                a.key,
                "actor",
                best[0],
                (0, 0),
                "rel.suborg.name",
            )
            out.rel[("subOrganizationOf", "actor", a.key, "actor", best[0])] = Relation(
                "subOrganizationOf",
                "actor",
                a.key,
                "actor",
                best[0],
                s,
                prov("rel.suborg.name"),
            )
    for a in idx.actors:
        for kind in c["supervised_by_name"].get(a.kind or "", ()):
            for b in idx.actors:
                if b.type == "SupervisoryGroup" and b.kind == kind and b.level != "中央":
                    out.rel.setdefault(
                        ("supervises", "actor", b.key, "actor", a.key),
                        Relation(
                            "supervises",
                            "actor",
                            b.key,
                            "actor",
                            a.key,
                            a.mentions[0],
                            prov("rel.supervises.name"),
                        ),
                    )


def find_relations(
    doc: Document,
    actors: ActorIndex,
    stages: Sequence[Phase] = (),
    steps: Sequence[Phase] = (),
    requirements: Sequence[Requirement] = (),
    defaults: Defaults | None = None,
    sents: Sequence[Sentence] | None = None,
) -> tuple[Relation, ...]:
    """Find the relations of one document (sorted, deterministic).

    Parameters
    ----------
    doc : Document
        The document.
    actors : ActorIndex
        Its actors (:func:`extract.actors.actor_index`).
    stages, steps : sequence of Phase
        Its stages and steps; relation endpoints use their labels.
    requirements : sequence of Requirement
        Its requirements: their responsible actors are the subjects of the relations
        their clauses state (:mod:`extract.relations_directed`).
    defaults : Defaults, optional
        The document's addressee and issuer (:mod:`extract.addressee`).
    sents : list of Sentence, optional
        Its sentences (:func:`extract.clauses.sentences`; cut when omitted).

    Returns
    -------
    tuple of Relation
        Sorted by (type, source, target).
    """
    out = RelationSet(doc)
    _name_relations(doc, actors, out)
    subjects = RequirementSubjects(doc, actors, requirements)
    _actor_relations(doc, actors, out, subjects.of, sents)
    directed_relations(doc, actors, requirements, defaults, out, sents or ())
    sents = sents or sentences(doc.text)
    spans = [(x.start, x.end) for x in sents]
    frame_relations(doc, actors, requirements, defaults, out, spans)
    phase_relations(doc, stages, steps, out, sents)
    return out.sorted()
