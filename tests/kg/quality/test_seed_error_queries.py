"""The wrong answers issue 16 names on the seeds, asked as an analyst asks them: a build of
small texts of our own with the same constructions, queried with SPARQL.

(a) who may not move on after 对…不合格的X，要责令…，不得…; (b) whom the public
supervises after 接受群众监督 in a list of questions; (c) X报A和B reports to both;
(d) 组长亲自审核…批准转段 approves the supervised units; (e) the order of a dated
timetable; (f) document titles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build.run import build
from kg.graph.store import open_store
from kg.sparql.query import execute

TEXTS = {
    "a.txt": "同志们：\n县委巡回指导组、县委活动办公室要严格把关，对整改不到位的支部，"
    "要责令返工，不得按期进入下一环节。",
    "b.txt": "同志们：\n中央和省委关于开展主题教育的文件，大家要认真学习。要把握好一些政策问题，"
    "比如：如何广泛听取群众意见，自觉接受群众监督，等等。",
    "c.txt": "同志们：\n根据县委巡回指导组要求，各党总支、直属支部的转段请示报机关党委和"
    "机关党委办公室，由机关党委批复。",
    "d.txt": "同志们：\n县委督导组要深入所督导的单位开展督导。为了把好转段关，督导组组长"
    "亲自审核，符合条件的批准转段，不符合条件的重新整改。",
    "e.txt": "同志们：\n1、5月4日—5月8日，做好集中学习工作。\n"
    "2、5月9日—5月10日，做好学习效果检验、阶段总结工作。\n"
    "3、5月11日—5月12日，做好阶段总结材料的报送及转段申请工作，召开转段动员会。\n"
    "在转段环节上，要认真做好阶段总结工作，按规定进行转段申请。",
    "f.txt": "某某网 资料文库 动员讲话范文\n\n动员讲话范文\n\n本站编辑为你精心准备了动员讲话"
    "参考范文，欢迎阅读。\n\n在全镇主题教育动员会上的讲话\n\n同志们：\n"
    "今天召开全镇主题教育动员会。各村党支部要认真学习。",
    "g.txt": "同志们：\n今天召开全县第二批主题教育工作会议。\n"
    "第二，要认真学习文件，搞好骨干培训。各乡镇党委要组织好培训。",
}

EDGES = """SELECT ?s ?o WHERE {
  GRAPH ?g { ?st a ck:RelationAssertion ; rdf:subject ?a ; rdf:predicate ck:PRED ; rdf:object ?b }
  FILTER(STRENDS(STR(?g), "/DOC"))
  ?a rdfs:label ?s . ?b rdfs:label ?o . }"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    src = tmp_path_factory.mktemp("seed-errors") / "in"
    src.mkdir()
    for name, text in TEXTS.items():
        (src / name).write_text(text, encoding="utf-8")
    out = src.parent / "out"
    build([src], out, progress=False, views=False)
    return open_store(Path(out))


def _rows(store, query: str) -> set[tuple[str, ...]]:
    return {tuple(t.value for t in row) for row in execute(store, query).rows}


def _edges(store, pred: str, doc: str) -> set[tuple[str, str]]:
    return _rows(store, EDGES.replace("PRED", pred).replace("DOC", doc))  # type: ignore[return-value]


def test_a_the_failed_units_may_not_move_on(store) -> None:
    q = """SELECT ?l WHERE { ?r ck:modality ck:prohibition ; ck:responsibleActor/rdfs:label ?l ;
                                ck:evidence/oa:exact ?q . FILTER(CONTAINS(?q, "不得按期")) }"""
    assert _rows(store, q) == {("支部",)}


def test_b_the_public_supervises_no_body(store) -> None:
    assert not {s for s, _ in _edges(store, "supervises", "b.txt")} & {"群众"}


def test_b_the_owner_of_the_documents_must_do_nothing(store) -> None:
    q = """SELECT ?l WHERE { ?r a ck:Requirement ; ck:responsibleActor/rdfs:label ?l ;
                            ck:evidence/ck:document/dcterms:identifier "b.txt" }"""
    assert not {r[0] for r in _rows(store, q)} & {"中央", "省委"}


def test_c_the_request_goes_to_both_bodies(store) -> None:
    assert {("党总支", "机关党委办公室"), ("直属支部", "机关党委办公室")} <= _edges(
        store, "reportsTo", "c.txt"
    )


def test_d_the_group_head_approves_the_supervised_units(store) -> None:
    assert ("督导组组长", "所督导的单位") in _edges(store, "approves", "d.txt")


@pytest.mark.parametrize(
    ("edge", "present"),
    [(("阶段总结", "转段"), True), (("转段", "阶段总结"), False)],
)
def test_e_the_timetable_order(store, edge, present: bool) -> None:
    assert (edge in _edges(store, "precedes", "e.txt")) is present


@pytest.mark.parametrize(
    ("doc", "titles"),
    [("f.txt", {("在全镇主题教育动员会上的讲话",)}), ("g.txt", set())],
)
def test_f_document_titles(store, doc: str, titles) -> None:
    q = 'SELECT ?t WHERE { ?d dcterms:identifier "DOC" ; dcterms:title ?t }'.replace("DOC", doc)
    assert _rows(store, q) == titles
