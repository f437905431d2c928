"""Each kind of correction on a hand-made document's graph: facts after, provenance, orphans."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.corrections.apply import apply_document, read_graph
from kg.corrections.records import Amount, Target
from kg.graph import iri
from ontology.namespaces import CK, OA, PROV, RDF, RDFS, SKOS, XSD
from tests.kg.corrections_data import (
    NAME,
    R_CHECK,
    R_FORBID,
    R_SELF,
    T_DEADLINE,
    TEXT,
    WHEN,
    nquads,
    on_requirement,
    on_target,
    span,
)

DOC = iri.document_iri(NAME)


def req(s) -> URIRef:
    return iri.requirement_iri(NAME, s.key)


def actor(label: str) -> URIRef:
    return iri.actor_iri(label, scope="local", document=NAME)


TIME = iri.time_iri(NAME, T_DEADLINE.key)
STAGE = iri.stage_iri("自查", NAME)
QTY = iri.quantity_iri(NAME, R_SELF.key, 0)
REL = iri.relation_iri(NAME, "reportsTo", str(actor("支部")), str(actor("党委")))


def facts(g: Graph) -> Graph:
    """The graph without provenance: no correction or agent node, no ck:correctedBy."""
    out = Graph()
    prov_nodes = set(g.subjects(RDF.type, CK.Correction)) | set(g.subjects(RDF.type, PROV.Agent))
    for s, p, o in g:
        if s not in prov_nodes and p != CK.correctedBy:
            out.add((s, p, o))
    return out


def applied(*corrections, text=None) -> Graph:
    done = apply_document(nquads(), NAME, corrections, text)
    assert [o.reason for o in done.outcomes] == [""] * len(corrections)
    return read_graph(done.nquads)


def expected(removed=(), added=()) -> Graph:
    g = read_graph(nquads())
    for t in removed:
        g.remove(t)
    for t in added:
        g.add(t)
    return g


def without(g: Graph, node) -> list:
    return list(g.triples((node, None, None))) + list(g.triples((None, None, node)))


def ev(start: int, end: int, quote: str) -> list:
    e = iri.evidence_iri(NAME, start, end)
    return [
        (e, RDF.type, CK.Evidence),
        (e, CK.document, DOC),
        (e, OA.start, Literal(start, datatype=XSD.integer)),
        (e, OA.end, Literal(end, datatype=XSD.integer)),
        (e, OA.exact, Literal(quote)),
    ]


def added_fact(node, cls, s, quote) -> list:
    e = iri.evidence_iri(NAME, s.start, s.end)
    return [
        (node, RDF.type, cls),
        (node, CK.mentionedIn, DOC),
        (node, CK.evidence, e),
        (node, CK.rule, Literal("correction")),
        (node, CK.confidence, Literal("1", datatype=XSD.decimal)),
        *ev(s.start, s.end, quote),
    ]


QTY_CORRECTION = on_requirement("quantity", R_SELF, quantities=(Amount(">=", 5, "篇"),))
NEW_QTY = iri.corrected_quantity_iri(QTY_CORRECTION.id, 0)
ADDED = span("支部报党委审批")
NEW_REQ = iri.requirement_iri(NAME, ADDED.key)
MENTION = span("督导组", 1)
NEW_REL = iri.relation_iri(NAME, "supervises", str(actor("县委督导组")), str(actor("支部")))

CASES = {
    "modality": (
        [on_requirement("modality", R_FORBID, modality="exhortation")],
        [(req(R_FORBID), CK.modality, CK.prohibition)],
        [(req(R_FORBID), CK.modality, CK.exhortation)],
    ),
    "actors.add": (
        [on_requirement("actors.add", R_CHECK, actors=("党委",))],
        [],
        [(req(R_CHECK), CK.responsibleActor, actor("党委"))],
    ),
    "actors.add by alias": (
        [on_requirement("actors.add", R_SELF, actors=("督导组",))],
        [],
        [(req(R_SELF), CK.responsibleActor, actor("县委督导组"))],
    ),
    "actors.remove": (
        [on_requirement("actors.remove", R_SELF, actors=("支部",))],
        [(req(R_SELF), CK.responsibleActor, actor("支部"))],
        [],
    ),
    "stage": (
        [on_requirement("stage", R_CHECK, stage="自查")],
        [],
        [(req(R_CHECK), CK.stage, STAGE)],
    ),
    "deadline set": (
        [on_requirement("deadline", R_CHECK, deadline=T_DEADLINE.key)],
        [],
        [(req(R_CHECK), CK.deadline, TIME)],
    ),
    "deadline cleared": (
        [on_requirement("deadline", R_SELF, deadline="")],
        [(req(R_SELF), CK.deadline, TIME)],
        [],
    ),
    "quantity": (
        [QTY_CORRECTION],
        [(req(R_SELF), CK.quantity, QTY)],
        [
            (req(R_SELF), CK.quantity, NEW_QTY),
            (NEW_QTY, RDF.type, CK.Quantity),
            (NEW_QTY, CK.comparator, Literal(">=")),
            (NEW_QTY, CK.value, Literal(5, datatype=XSD.integer)),
            (NEW_QTY, CK.unit, Literal("篇")),
            (NEW_QTY, CK.evidence, iri.evidence_iri(NAME, R_SELF.start, R_SELF.end)),
        ],
    ),
    "add.requirement": (
        [
            on_target(
                "add.requirement",
                Target(NAME, "requirement", ADDED.start, ADDED.end),
                quote=ADDED.text,
                modality="obligation",
                actors=("支部",),
                deadline=T_DEADLINE.key,
            )
        ],
        [],
        [
            *added_fact(NEW_REQ, CK.Requirement, ADDED, ADDED.text),
            (NEW_REQ, CK.modality, CK.obligation),
            (NEW_REQ, CK.responsibleActor, actor("支部")),
            (NEW_REQ, CK.deadline, TIME),
        ],
    ),
    "add.actor": (
        [
            on_target(
                "add.actor",
                Target(NAME, "actor", MENTION.start, MENTION.end, label="督导组"),
                quote="督导组",
                actor_type="SupervisoryGroup",
            )
        ],
        [],
        [
            *added_fact(actor("督导组"), CK.Actor, MENTION, "督导组"),
            (actor("督导组"), RDF.type, CK.SupervisoryGroup),
            (actor("督导组"), RDFS.label, Literal("督导组", lang="zh")),
            (actor("督导组"), CK.scope, Literal("local")),
        ],
    ),
    "add.relation": (
        [
            on_target(
                "add.relation",
                Target(NAME, "relation", label="supervises", source="县委督导组", dest="支部"),
            )
        ],
        [],
        [
            (actor("县委督导组"), CK.supervises, actor("支部")),
            (NEW_REL, RDF.type, CK.RelationAssertion),
            (NEW_REL, RDF.type, RDF.Statement),
            (NEW_REL, RDF.subject, actor("县委督导组")),
            (NEW_REL, RDF.predicate, CK.supervises),
            (NEW_REL, RDF.object, actor("支部")),
            (NEW_REL, CK.mentionedIn, DOC),
            (NEW_REL, CK.rule, Literal("correction")),
            (NEW_REL, CK.confidence, Literal("1", datatype=XSD.decimal)),
        ],
    ),
    "review": ([on_target("review", Target(NAME, "document"))], [], []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_correction_changes_exactly_its_facts(name):
    corrections, removed, added = CASES[name]
    assert isomorphic(facts(applied(*corrections)), expected(removed, added))


REJECTS = {
    "requirement": (Target(NAME, "requirement", R_FORBID.start, R_FORBID.end), req(R_FORBID)),
    "time": (Target(NAME, "time", T_DEADLINE.start, T_DEADLINE.end), TIME),
}


@pytest.mark.parametrize("kind", sorted(REJECTS))
def test_rejected_fact_leaves_the_graph_with_the_edges_to_it(kind):
    target, node = REJECTS[kind]
    after = facts(applied(on_target("reject", target)))
    assert isomorphic(after, expected(without(read_graph(nquads()), node)))


def test_rejected_requirement_takes_its_quantities():
    g = applied(on_target("reject", Target(NAME, "requirement", R_SELF.start, R_SELF.end)))
    assert list(g.triples((QTY, None, None))) == []


def test_rejected_relation_leaves_with_its_assertion():
    target = Target(NAME, "relation", label="reportsTo", source="支部", dest="党委")
    before = read_graph(nquads())
    gone = [(actor("支部"), CK.reportsTo, actor("党委")), *before.triples((REL, None, None))]
    assert isomorphic(facts(applied(on_target("reject", target))), expected(gone))


def test_rejected_actor_leaves_requirements_and_relations():
    g = applied(on_target("reject", Target(NAME, "actor", label="党委")))
    assert without(facts(g), actor("党委")) == []
    assert list(g.triples((REL, None, None))) == []


def test_merge_moves_every_fact_to_the_actor_kept():
    g = facts(applied(on_target("merge", Target(NAME, "actor", label="党委"), label="支部")))
    kept, gone = actor("支部"), actor("党委")
    assert without(g, gone) == []
    assert (kept, SKOS.altLabel, Literal("党委", lang="zh")) in g
    assert (kept, CK.evidence, iri.evidence_iri(NAME, *_at("党委"))) in g
    assert (kept, CK.reportsTo, kept) not in g
    assert list(g.triples((REL, None, None))) == []


def test_merge_keeps_the_edges_to_other_actors():
    c = on_target("merge", Target(NAME, "actor", label="支部"), label="县委督导组")
    g = facts(applied(c))
    kept = actor("县委督导组")
    assert (kept, CK.reportsTo, actor("党委")) in g
    assert (REL, RDF.subject, kept) in g


def _at(sub: str) -> tuple[int, int]:
    s = span(sub)
    return s.start, s.end


def test_split_gives_the_named_requirements_to_a_new_actor():
    c = on_target(
        "split",
        Target(NAME, "actor", label="县委督导组"),
        label="市委督导组",
        requirements=(R_FORBID.key,),
    )
    g = facts(applied(c))
    new, old = actor("市委督导组"), actor("县委督导组")
    assert (req(R_FORBID), CK.responsibleActor, new) in g
    assert (req(R_FORBID), CK.responsibleActor, old) not in g
    assert (req(R_CHECK), CK.responsibleActor, old) in g
    assert {o for o in g.objects(new, RDF.type)} == {CK.Actor, CK.SupervisoryGroup}
    assert list(g.objects(new, CK.evidence)) == [iri.evidence_iri(NAME, MENTION.start, MENTION.end)]


def test_provenance_names_agent_time_memo_and_the_value_replaced():
    c = on_requirement("modality", R_FORBID, author="李", memo="是号召", modality="exhortation")
    g = applied(c)
    node, agent = iri.correction_iri(c.id), iri.agent_iri("李")
    want = Graph()
    for t in [
        (node, RDF.type, CK.Correction),
        (node, CK.correctionKind, Literal("modality")),
        (node, PROV.used, req(R_FORBID)),
        (node, PROV.wasAssociatedWith, agent),
        (node, PROV.endedAtTime, Literal(WHEN, datatype=XSD.dateTime)),
        (node, RDFS.comment, Literal("是号召", lang="zh")),
        (node, CK.correctedProperty, CK.modality),
        (node, CK.extractedValue, CK.prohibition),
        (node, CK.correctedValue, CK.exhortation),
        (agent, RDF.type, PROV.Agent),
        (agent, RDFS.label, Literal("李")),
        (req(R_FORBID), CK.correctedBy, node),
    ]:
        want.add(t)
    got = Graph()
    for t in g:
        if node in (t[0], t[2]) or t[0] == agent:
            got.add(t)
    assert isomorphic(got, want)


def test_rejection_keeps_where_the_fact_was_read():
    c = on_target("reject", Target(NAME, "requirement", R_FORBID.start, R_FORBID.end))
    g = applied(c)
    e = iri.evidence_iri(NAME, R_FORBID.start, R_FORBID.end)
    assert (iri.correction_iri(c.id), CK.evidence, e) in g
    assert (e, OA.exact, Literal(R_FORBID.text)) in g


ORPHANS = {
    "no requirement at the span": (
        on_requirement("modality", span("检查"), modality="exhortation"),
        "no requirement at",
    ),
    "unknown actor": (on_requirement("actors.add", R_CHECK, actors=("区委",)), "no actor '区委'"),
    "actor not responsible": (
        on_requirement("actors.remove", R_CHECK, actors=("党委",)),
        "is not responsible",
    ),
    "unknown stage": (on_requirement("stage", R_CHECK, stage="整改提高"), "no stage"),
    "no time at the span": (on_requirement("deadline", R_CHECK, deadline="1-3"), "no time at 1-3"),
    "no such relation": (
        on_target("reject", Target(NAME, "relation", label="approves", source="支部", dest="党委")),
        "no approves",
    ),
    "merge into unknown": (
        on_target("merge", Target(NAME, "actor", label="党委"), label="县委"),
        "no actor '县委'",
    ),
    "split of a requirement not its": (
        on_target(
            "split",
            Target(NAME, "actor", label="党委"),
            label="镇党委",
            requirements=(R_CHECK.key,),
        ),
        "is not responsible",
    ),
    "other document": (on_target("review", Target("other.txt", "document")), "no document"),
}


@pytest.mark.parametrize("name", sorted(ORPHANS))
def test_correction_without_its_target_is_orphaned_and_changes_nothing(name):
    c, reason = ORPHANS[name]
    done = apply_document(nquads(), NAME, [c])
    assert reason in done.outcomes[0].reason
    assert isomorphic(read_graph(done.nquads), read_graph(nquads()))


QUOTED = on_target(
    "add.requirement",
    Target(NAME, "requirement", ADDED.start, ADDED.end),
    quote=ADDED.text,
    modality="obligation",
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [(TEXT, ""), ("。" + TEXT, "is no longer"), (None, "")],
)
def test_an_added_span_is_checked_against_the_text_when_given(text, reason):
    done = apply_document(nquads(), NAME, [QUOTED], text)
    assert (reason in done.outcomes[0].reason) and (bool(reason) == bool(done.outcomes[0].reason))


def test_corrections_apply_in_order():
    first = on_requirement("modality", R_FORBID, modality="exhortation")
    second = on_requirement("modality", R_FORBID, modality="permission", author="李")
    g = applied(first, second)
    assert list(g.objects(req(R_FORBID), CK.modality)) == [CK.permission]
    assert (iri.correction_iri(second.id), CK.extractedValue, CK.exhortation) in g


def test_same_corrections_give_the_same_bytes():
    cs = [c for k in sorted(CASES) for c in CASES[k][0]]
    assert apply_document(nquads(), NAME, cs).nquads == apply_document(nquads(), NAME, cs).nquads


SHAPED = {
    **{name: corrections for name, (corrections, _, _) in CASES.items()},
    "merge": [on_target("merge", Target(NAME, "actor", label="党委"), label="支部")],
    "split": [
        on_target(
            "split",
            Target(NAME, "actor", label="县委督导组"),
            label="市委督导组",
            requirements=(R_FORBID.key,),
        )
    ],
    **{f"reject {kind}": [on_target("reject", target)] for kind, (target, _) in REJECTS.items()},
    "reject actor": [on_target("reject", Target(NAME, "actor", label="党委"))],
}


@pytest.mark.parametrize("name", sorted(SHAPED))
def test_corrected_graph_conforms_to_the_shapes(name):
    from kg.quality.validate import validate_graph

    conforms, problems = validate_graph(applied(*SHAPED[name]))
    assert conforms, problems
