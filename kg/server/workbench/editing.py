"""What the workbench's editing controls need, given only when ``kg serve --allow-edits`` runs.

The pages of a read-only server carry no edit control at all. With
``--allow-edits`` the reader and the actor pages gain a JSON block ``edit``
and the scripts ``static/edit.js`` (the edit bar and the posting, shared) and
``static/edit-reader.js`` or ``static/edit-actor.js`` (:data:`READER_SCRIPTS`,
:data:`ACTOR_SCRIPTS`), which draw the controls and post each change to
``POST /corrections?apply=true`` (:mod:`kg.server.edits`). The
block says how to name every fact of the page as the target of a
correction (:class:`kg.corrections.records.Target`, as a dict) and what
values the controls offer: the document's actors, stages, steps and times,
modalities, actor types, and the relation types with the kinds of fact
their two ends may be (:data:`RELATION_ENDS`).

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> from kg.graph.nquads import to_nquads
>>> from kg.graph.rdf import iter_quads
>>> from kg.server.workbench.facts import parse_facts
>>> ex = extract(document_from_bytes("a.txt", "各党委要在3月15日前完成学习。".encode()))
>>> facts = parse_facts("a.txt", to_nquads(iter_quads(ex)))
>>> data = reader_edit("a.txt", facts, sorted(facts.entities), "王")
>>> req = next(t for t in data["targets"] if t and t["kind"] == "requirement")
>>> req["start"], req["end"], req["actors"], req["modality"], req["deadline"]
(0, 15, ['党委'], 'obligation', '5-11')
>>> data["times"]
[['5-11', '3月15日前']]
>>> data["relation_ends"]["reportsTo"], data["relation_ends"]["precedes"]
(['actor'], ['stage', 'step'])
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from extract.records import ACTOR_TYPES, MODALITIES, RELATION_TYPES
from kg.address import actor_href, doc_href
from kg.html.report_data import ACTOR_RELATIONS
from kg.server.settings import DEFAULT_AUTHOR
from kg.server.workbench.facts import DocFacts

READER_SCRIPTS = ("edit.js", "edit-reader.js")
"""The reader's edit scripts, in order (``edit.js`` gives ``window.kgEdit``)."""
ACTOR_SCRIPTS = ("edit.js", "edit-actor.js")
"""An actor page's edit scripts, in order."""

RELATION_ENDS: dict[str, list[str]] = {
    t: ["actor"] if t in ACTOR_RELATIONS else ["stage", "step"] for t in RELATION_TYPES
}
"""Relation type -> the kinds of fact its ends may be, as the shapes allow and a
correction can name them by label (``dependsOn`` may also join requirements,
which a correction cannot name by label)."""


@dataclass(frozen=True)
class Editing:
    """Editing is on: the author the pages propose (``kg serve --author``)."""

    author: str = DEFAULT_AUTHOR


def _key(entity: dict[str, Any]) -> str:
    s, e, _ = entity["spans"][0]
    return f"{s}-{e}"


def _labels(facts: DocFacts, kind: str) -> list[str]:
    return sorted({e["label"] for e in facts.entities.values() if e["kind"] == kind})


def _target(name: str, facts: DocFacts, fact_id: str) -> dict[str, Any] | None:
    """How a correction names the fact ``fact_id``, with its current values; None: it cannot."""
    ents = facts.entities
    e = ents.get(fact_id)
    if e is None:  # a relation assertion
        r = next(r for r in facts.relations if r["id"] == fact_id)
        if r["source"] not in ents or r["target"] not in ents:
            return None
        return {
            "document": name,
            "kind": "relation",
            "label": r["type"],
            "source": r["source_label"],
            "dest": r["target_label"],
        }
    if e["kind"] == "actor":
        return {"document": name, "kind": "actor", "label": e["label"]}
    if e["kind"] not in ("requirement", "time") or not e["spans"]:
        return None
    s, t, _ = e["spans"][0]
    out: dict[str, Any] = {"document": name, "kind": e["kind"], "start": s, "end": t}
    if e["kind"] == "requirement":
        links = e["links"]
        out["actors"] = sorted(
            ents[a]["label"] for a in links.get("responsibleActor", ()) if a in ents
        )
        out["modality"] = e["modality"]
        out["stage"] = next((ents[x]["label"] for x in links.get("stage", ()) if x in ents), "")
        out["deadline"] = next(
            (_key(ents[x]) for x in links.get("deadline", ()) if x in ents and ents[x]["spans"]), ""
        )
    return out


def reader_edit(name: str, facts: DocFacts, ids: list[str], author: str) -> dict[str, Any]:
    """The ``edit`` block of the reader of document ``name``; ``targets[i]`` names ``ids[i]``."""
    times = sorted(
        (_key(e), e["label"]) for e in facts.entities.values() if e["kind"] == "time" and e["spans"]
    )
    return {
        "page": "reader",
        "author": author,
        "document": name,
        "modalities": list(MODALITIES),
        "actor_types": list(ACTOR_TYPES),
        "actors": _labels(facts, "actor"),
        "stages": _labels(facts, "stage"),
        "steps": _labels(facts, "step"),
        "relation_types": list(RELATION_TYPES),
        "relation_ends": RELATION_ENDS,
        "times": [list(t) for t in sorted(set(times), key=lambda t: int(t[0].split("-")[0]))],
        "targets": [_target(name, facts, f) for f in ids],
    }


def actor_edit(
    db: sqlite3.Connection, iri: str, label: str, own: list[sqlite3.Row], author: str
) -> dict[str, Any]:
    """The ``edit`` block of the page of actor ``iri``: merge, split or reject it.

    ``documents`` maps each document the actor appears in to the other actors
    there (label and page), the actors it may be merged into; ``readers``
    maps each of those documents to its reader (where the page goes when the
    actor is rejected from every document); ``requirements`` are its own
    requirements (``own``), which a split may give to a new actor.
    """
    docs = [
        r[0]
        for r in db.execute(
            "SELECT document FROM actor_documents WHERE actor = ? ORDER BY document", (iri,)
        )
    ]
    others: dict[str, list[dict[str, str]]] = {}
    for doc in docs:
        rows = db.execute(
            "SELECT a.iri, a.label FROM actor_documents d JOIN actors a ON a.iri = d.actor "
            "WHERE d.document = ? AND a.iri != ? ORDER BY a.label, a.iri",
            (doc, iri),
        ).fetchall()
        others[doc] = [{"label": r["label"], "href": actor_href(r["iri"])} for r in rows]
    return {
        "page": "actor",
        "author": author,
        "actor": {"label": label, "href": actor_href(iri)},
        "actor_types": list(ACTOR_TYPES),
        "documents": others,
        "readers": {doc: doc_href(doc) for doc in docs},
        "requirements": [
            {"document": r["document"], "start": r["start"], "end": r["end"], "quote": r["quote"]}
            for r in own
            if r["start"] is not None
        ],
    }
