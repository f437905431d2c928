"""kg.nx.projection.project_quads: the node and edge attributes of hand-made quads."""

from __future__ import annotations

import pytest

from kg.graph.iri import graph_iri
from kg.nx.projection import nodes_of, project_quads
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS, SKOS

E = "https://example.org/"
GA, GB = str(graph_iri("a.txt")), str(graph_iri("b.txt"))


def _t(s: str, p, o, g: str = GA) -> tuple:
    return (E + s, str(p), E + o if isinstance(o, str) and not o.startswith("http") else o, g)


def _lit(s: str, p, o, g: str = GA) -> tuple:
    return (E + s, str(p), o, g)


def _evidence(owner: str, ev: str, doc: str, start: int, end: int, quote: str, g: str = GA):
    return [
        _t(owner, CK.evidence, ev, g),
        _t(ev, CK.document, doc, g),
        _lit(ev, OA.start, start, g),
        _lit(ev, OA.end, end, g),
        _lit(ev, OA.exact, quote, g),
    ]


QUADS = [
    _t("da", RDF.type, str(CK.Document)),
    _lit("da", DCTERMS.identifier, "a.txt"),
    _lit("da", DCTERMS.title, "讲话甲"),
    _t("db", RDF.type, str(CK.Document), GB),
    _lit("db", DCTERMS.identifier, "b.txt", GB),
    _t("dx", RDF.type, str(CK.Document)),
    _t("act", RDF.type, str(CK.Actor)),
    _t("act", RDF.type, str(CK.PartyCommittee)),
    _lit("act", RDFS.label, "某委"),
    _lit("act", SKOS.altLabel, "乙"),
    _lit("act", SKOS.altLabel, "甲"),
    _lit("act", CK.scope, "global"),
    _lit("act", CK.level, "district"),
    _t("act", CK.actorKind, "kind"),
    _lit("kind", SKOS.prefLabel, "委员会"),
    _t("act", CK.mentionedIn, "db", GB),
    _t("act", CK.mentionedIn, "da"),
    _t("act2", RDF.type, str(CK.Actor)),
    _lit("act2", RDFS.label, "某组"),
    _t("stage1", RDF.type, str(CK.Stage)),
    _lit("stage1", RDFS.label, "第一段"),
    _t("stage2", RDF.type, str(CK.Stage)),
    _lit("stage2", RDFS.label, "旧名"),
    _lit("stage2", RDFS.label, "第二段"),
    _t("time", RDF.type, str(CK.TimeExpression)),
    _lit("time", RDFS.label, "某日"),
    _lit("time", CK.normalized, "--03-15"),
    _t("time", CK.role, str(CK.deadline)),
    *_evidence("time", "ev-t", "da", 3, 5, "某日"),
    _t("req", RDF.type, str(CK.Requirement)),
    _lit("req", RDFS.label, "标签"),
    _t("req", CK.modality, str(CK.obligation)),
    *_evidence("req", "ev-r", "da", 0, 9, "某委要在某日前完成"),
    _t("req", CK.quantity, "q2"),
    _t("req", CK.quantity, "q1"),
    _lit("q1", CK.comparator, ">="),
    _lit("q1", CK.value, 3000),
    _lit("q1", CK.unit, "字"),
    *_evidence("q1", "ev-q1", "da", 1, 2, "三千"),
    _lit("q2", CK.comparator, "<="),
    _lit("q2", CK.unit, "次"),
    *_evidence("q2", "ev-q2", "da", 6, 7, "次"),
    _t("req", CK.responsibleActor, "act"),
    _t("req", CK.deadline, "time"),
    _t("req", CK.stage, "stage1"),
    _t("req", CK.stage, "nowhere"),
    _t("req2", RDF.type, str(CK.Requirement)),
    _lit("req2", RDFS.label, "无引文"),
    _t("stage1", CK.precedes, "stage2"),
    _t("stage1", CK.precedes, "stage2", GB),
    _t("rel", RDF.type, str(CK.RelationAssertion)),
    _t("rel", RDF.subject, "stage1"),
    _t("rel", RDF.predicate, str(CK.precedes)),
    _t("rel", RDF.object, "stage2"),
    *_evidence("rel", "ev-rel", "da", 10, 14, "先后"),
    _t("act", CK.reportsTo, "act2"),
    _lit("act", CK.rule, "actor.b", GB),
    _lit("act", CK.rule, "actor.a"),
    _lit("act", CK.confidence, 0.8),
    _lit("act", CK.confidence, 0.9, GB),
    *_evidence("act", "ev-a2", "db", 4, 6, "某委", GB),
    *_evidence("act", "ev-a1", "da", 0, 2, "某委"),
    _t("ev-x", CK.document, "da"),
    _lit("ev-x", OA.start, 7),
    _t("stage1", CK.evidence, "ev-x"),
    _lit("other", RDFS.label, "不是节点"),
]


@pytest.fixture(scope="module")
def G():
    return project_quads(QUADS)


@pytest.fixture(scope="module")
def D():
    return project_quads(QUADS, detail=True)


@pytest.mark.parametrize(
    ("node", "attr", "expected"),
    [
        ("da", "type", "Document"),
        ("da", "label", "a.txt"),
        ("da", "name", "a.txt"),
        ("da", "title", "讲话甲"),
        ("dx", "label", E + "dx"),
        ("act", "type", "Actor"),
        ("act", "label", "某委"),
        ("act", "aliases", ("乙", "甲")),
        ("act", "actor_type", "PartyCommittee"),
        ("act", "scope", "global"),
        ("act", "level", "district"),
        ("act", "kind", "委员会"),
        ("act", "documents", ("a.txt", "b.txt")),
        ("act2", "aliases", ()),
        ("act2", "documents", ()),
        ("stage2", "label", "第二段"),
        ("time", "normalized", "--03-15"),
        ("time", "role", "deadline"),
        ("time", "document", "a.txt"),
        ("time", "start", 3),
        ("time", "end", 5),
        ("time", "quote", "某日"),
        ("req", "modality", "obligation"),
        ("req", "label", "某委要在某日前完成"),
        ("req", "quote", "某委要在某日前完成"),
        ("req", "document", "a.txt"),
        ("req", "quantities", ((">=", 3000, "字"), ("<=", None, "次"))),
        ("req2", "label", "无引文"),
        ("req2", "quantities", ()),
    ],
)
def test_node_attribute(G, node, attr, expected):
    assert G.nodes[E + node][attr] == expected


@pytest.mark.parametrize(
    ("node_type", "nodes"),
    [
        ("Document", ["da", "db", "dx"]),
        ("Actor", ["act", "act2"]),
        ("Stage", ["stage1", "stage2"]),
        ("TimeExpression", ["time"]),
        ("Requirement", ["req", "req2"]),
        ("Quantity", []),
    ],
)
def test_nodes_of_each_type(G, node_type, nodes):
    assert nodes_of(G, node_type) == [E + n for n in nodes]


@pytest.mark.parametrize(
    ("u", "v", "key", "attr", "expected"),
    [
        ("req", "act", "responsibleActor", "documents", ("a.txt",)),
        ("stage1", "stage2", "precedes", "documents", ("a.txt", "b.txt")),
        ("stage1", "stage2", "precedes", "evidence", (("a.txt", 10, 14, "先后"),)),
        ("act", "act2", "reportsTo", "evidence", ()),
        ("act", "db", "mentionedIn", "documents", ("b.txt",)),
    ],
)
def test_edge_attribute(G, u, v, key, attr, expected):
    assert G.edges[E + u, E + v, key][attr] == expected


@pytest.mark.parametrize(
    ("u", "v", "key"),
    [
        ("req", "nowhere", "stage"),
        ("rel", "stage1", "subject"),
        ("q1", "ev-q1", "evidence"),
    ],
)
def test_edges_to_or_from_non_nodes_are_dropped(G, u, v, key):
    assert not G.has_edge(E + u, E + v, key)


@pytest.mark.parametrize("node", ["other", "kind", "q1", "rel", "ev-r", "nowhere"])
def test_what_is_not_a_node(G, node):
    assert E + node not in G


def test_documents_of_the_graph(G):
    assert G.graph["documents"] == {E + "da": "a.txt", E + "db": "b.txt", E + "dx": E + "dx"}


def test_quad_order_matters_only_between_two_values_of_one_property(G):
    old = _lit("stage2", RDFS.label, "旧名")
    H = project_quads(reversed([q for q in QUADS if q != old]))
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))


@pytest.mark.parametrize(
    ("node", "attr", "expected"),
    [
        ("act", "evidence", (("a.txt", 0, 2, "某委"), ("b.txt", 4, 6, "某委"))),
        ("req", "evidence", (("a.txt", 0, 9, "某委要在某日前完成"),)),
        ("stage1", "evidence", ()),
        ("act2", "detail", ()),
        ("time", "detail", (("normalized", "--03-15"), ("role", "deadline"))),
        ("req", "detail", (("modality", "obligation"),)),
        ("da", "detail", (("title", "讲话甲"),)),
    ],
)
def test_detail_attribute(D, node, attr, expected):
    assert D.nodes[E + node][attr] == expected


@pytest.mark.parametrize(
    ("key", "values"),
    [
        ("rule", ["actor.a", "actor.b"]),
        ("confidence", [0.8, 0.9]),
        ("aliases", ["乙", "甲"]),
        ("actor_type", ["PartyCommittee"]),
        ("scope", ["global"]),
        ("level", ["district"]),
    ],
)
def test_detail_keeps_every_value(D, key, values):
    assert [v for k, v in D.nodes[E + "act"]["detail"] if k == key] == values


def test_detail_leaves_the_other_attributes_as_they_are(G, D):
    strip = ("evidence", "detail")
    assert {
        n: {k: v for k, v in d.items() if k not in strip} for n, d in D.nodes(data=True)
    } == dict(G.nodes(data=True))


@pytest.mark.parametrize("attr", ["evidence", "detail"])
def test_default_graph_has_no_detail(G, attr):
    assert not any(attr in d for _, d in G.nodes(data=True))
