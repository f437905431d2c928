"""Instance IRIs: stable, derived from content, distinct where the facts differ."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.graph import iri
from ontology.namespaces import ID


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (iri.document_iri("a.txt"), ID["doc/a.txt"]),
        (iri.graph_iri("a.txt"), ID["graph/a.txt"]),
        (iri.requirement_iri("a.txt", "3-9"), ID["req/a.txt/3-9"]),
        (iri.time_iri("a.txt", "10-15"), ID["time/a.txt/10-15"]),
        (iri.evidence_iri("a.txt", 3, 9), ID["ev/a.txt/3-9"]),
        (iri.quantity_iri("a.txt", "3-9", 0), ID["qty/a.txt/3-9/0"]),
        (
            iri.document_iri("第 3 号#通知/附件.txt"),
            ID["doc/%E7%AC%AC%203%20%E5%8F%B7%23%E9%80%9A%E7%9F%A5%2F%E9%99%84%E4%BB%B6.txt"],
        ),
    ],
)
def test_iri_is_made_from_the_name_and_span(made: URIRef, expected: URIRef) -> None:
    assert made == expected


MAKERS = [
    lambda: iri.actor_iri("党员", scope="global", document="a.txt"),
    lambda: iri.actor_iri("县委", document="a.txt"),
    lambda: iri.actor_iri("县委督导组", jurisdiction="云溪县", document="a.txt"),
    lambda: iri.stage_iri("学习动员", "a.txt"),
    lambda: iri.step_iri("转段", "a.txt"),
    lambda: iri.phase_kind_iri("stage", "学习动员"),
    lambda: iri.actor_kind_iri("督导组"),
    lambda: iri.campaign_iri("先进性教育活动"),
    lambda: iri.relation_iri("a.txt", "reportsTo", str(ID["x"]), str(ID["y"])),
]


@pytest.mark.parametrize("make", MAKERS)
def test_iri_is_stable(make) -> None:
    assert make() == make() and str(make()).startswith(str(ID))


def test_global_actor_is_shared_across_documents() -> None:
    assert iri.actor_iri("群众", scope="global", document="a.txt") == iri.actor_iri(
        "群众", scope="global", document="b.txt"
    )


def test_local_actor_is_bound_to_its_document() -> None:
    assert iri.actor_iri("县委", document="a.txt") != iri.actor_iri("县委", document="b.txt")


def test_local_actor_with_a_jurisdiction_is_shared_by_it() -> None:
    a = iri.actor_iri("县委", jurisdiction="云溪县", document="a.txt")
    assert a == iri.actor_iri("县委", jurisdiction="云溪县", document="b.txt")
    assert a != iri.actor_iri("县委", jurisdiction="青岚县", document="a.txt")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (iri.stage_iri("转段", "a.txt"), iri.step_iri("转段", "a.txt")),
        (iri.stage_iri("学习动员", "a.txt"), iri.stage_iri("学习动员", "b.txt")),
        (iri.phase_kind_iri("stage", "转段"), iri.phase_kind_iri("step", "转段")),
        (iri.actor_iri("县委", scope="global"), iri.actor_iri("县委", document="")),
        (iri.requirement_iri("a.txt", "1-2"), iri.requirement_iri("b.txt", "1-2")),
        (iri.evidence_iri("a.txt", 1, 2), iri.evidence_iri("a.txt", 1, 3)),
        (
            iri.relation_iri("a.txt", "reportsTo", "x", "y"),
            iri.relation_iri("a.txt", "approves", "x", "y"),
        ),
        (iri.graph_iri("a.txt"), iri.document_iri("a.txt")),
    ],
)
def test_different_facts_get_different_iris(one: URIRef, other: URIRef) -> None:
    assert one != other
