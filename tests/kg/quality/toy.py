"""A toy extraction with its gold file, and how the quality tests write them out."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from extract.records import (
    Actor,
    Document,
    Extraction,
    Provenance,
    Quantity,
    Relation,
    Requirement,
    TimeExpression,
)

TEXT = "各级党委要在3月15日前完成学习，学习时间不少于45个学时。督导组可以参加。今年1月召开了会议。"


FORMATS = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".jsonld": "json-ld"}
"""The triple formats the toy graph is written in (rdflib's names, by extension)."""


def toy() -> tuple[Extraction, dict]:
    """Two actors, two times, three requirements and two relations; gold that differs."""
    doc = Document("toy.txt", TEXT, TEXT)
    sp = doc.raw_span
    actors = (
        Actor("党委", "PartyCommittee", (sp(2, 4),), aliases=("各级党委",)),
        Actor("督导组", "SupervisoryGroup", (sp(29, 32),)),
    )
    times = (
        TimeExpression(sp(6, 12), "2005-03-15", "deadline"),
        TimeExpression(sp(40, 44), "--02", "event"),  # wrong value: not a match
    )
    reqs = (
        Requirement(sp(0, 18), "obligation", ("党委",), None, "6-12", prov=Provenance("test")),
        Requirement(
            sp(19, 28),
            "prohibition",
            ("党委",),
            None,
            None,
            (Quantity(">=", 45, "学时", sp(23, 28)),),
        ),
        Requirement(sp(29, 37), "permission", ("督导组", "党委")),
    )
    relations = (
        Relation("supervises", "actor", "督导组", "actor", "党委", sp(29, 32), Provenance("rel.a")),
        Relation("reportsTo", "actor", "党委", "actor", "督导组", sp(0, 18), Provenance("rel.b")),
    )
    ex = Extraction(doc, actors=actors, times=times, requirements=reqs, relations=relations)
    gold = {
        "document": "toy.txt",
        "actors": [
            {"label": "党委", "aliases": ["黨委"], "type": "PartyCommittee"},
            {"label": "党员", "aliases": [], "type": "MemberGroup"},
        ],
        "stages": [],
        "steps": ["转段"],
        "times": [
            {
                "start": 6,
                "end": 13,
                "text": TEXT[6:13],
                "normalized": "--03-15",
                "role": "deadline",
            },
            {"start": 40, "end": 44, "text": TEXT[40:44], "normalized": "--01", "role": "event"},
        ],
        "requirements": [
            {
                "start": 0,
                "end": 18,
                "quote": TEXT[0:18],
                "modality": "obligation",
                "actors": ["党委"],
                "stage": None,
                "deadline": "--03-15",
                "quantities": [],
            },
            {
                "start": 19,
                "end": 28,
                "quote": TEXT[19:28],
                "modality": "obligation",
                "actors": [],
                "stage": None,
                "deadline": None,
                "quantities": [{"comparator": ">=", "value": 45, "unit": "学时"}],
            },
        ],
        "relations": [{"type": "supervises", "from": "督导组", "to": "党委"}],
    }
    return ex, gold


def write(
    tmp_path: Path, graphs: list[Graph], golds: list[dict], name: str = "graph.ttl"
) -> tuple[Path, Path]:
    """The graphs as one RDF file (format from ``name``) and the golds as a gold folder."""
    g = Graph()
    for part in graphs:
        for t in part:
            g.add(t)
    graph_path = tmp_path / name
    g.serialize(graph_path, format=FORMATS[graph_path.suffix], encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(exist_ok=True)
    for gold in golds:
        (gold_dir / f"{gold['document']}.json").write_text(
            json.dumps(gold, ensure_ascii=False), encoding="utf-8"
        )
    return gold_dir, graph_path
