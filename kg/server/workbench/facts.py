"""One document's facts, read from its cached N-Quads: what the reader highlights and explains.

A build keeps each document's named graph in ``BUILD/cache/<key>.nq``
(:mod:`kg.build`). :func:`document_facts` parses that one small file (never
the store) into a :class:`DocFacts`: the document's metadata, every entity it
mentions with its fields, rule and confidence, its relations in and out with
their quotes, and the spans to highlight (:class:`Mark`: actors, stages,
steps, times, quantities, requirements by modality, relations).

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> from extract.pipeline import extract
>>> from kg.graph.nquads import to_nquads
>>> from kg.graph.rdf import iter_quads
>>> ex = extract(document_from_bytes("a.txt", "各党委要在3月15日前完成学习。".encode()))
>>> facts = parse_facts("a.txt", to_nquads(iter_quads(ex)))
>>> sorted({m.kind for m in facts.marks})
['actor', 'requirement', 'time']
>>> [m.css for m in facts.marks if m.kind == "requirement"]
['req-obligation']
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.builddir import BuildDir
from kg.graph import iri
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS, SKOS

_LOCAL = {
    str(RDF.type): "type",
    str(RDFS.label): "label",
    str(SKOS.altLabel): "aliases",
    str(DCTERMS.title): "title",
    str(DCTERMS.date): "date",
    str(DCTERMS.creator): "issuer",
    str(DCTERMS.identifier): "identifier",
    str(OA.start): "start",
    str(OA.end): "end",
    str(OA.exact): "exact",
    str(RDF.subject): "subject",
    str(RDF.predicate): "predicate",
    str(RDF.object): "object",
}
_CK = str(CK._NS)
KINDS = {
    str(CK.Actor): "actor",
    str(CK.Stage): "stage",
    str(CK.Step): "step",
    str(CK.TimeExpression): "time",
    str(CK.Quantity): "quantity",
    str(CK.Requirement): "requirement",
    str(CK.RelationAssertion): "relation",
}
"""Class IRI -> the kind of fact the reader shows."""

KIND_NAMES = {
    "actor": "主体",
    "stage": "阶段",
    "step": "环节",
    "time": "时间",
    "quantity": "数量",
    "requirement": "要求",
    "relation": "关系",
}
"""Chinese names of the kinds, for legends and panels."""

_FIELDS = (
    "label",
    "aliases",
    "actorType",
    "level",
    "jurisdiction",
    "scope",
    "position",
    "actorKind",
    "modality",
    "responsibleActor",
    "stage",
    "deadline",
    "quantity",
    "normalized",
    "role",
    "comparator",
    "value",
    "unit",
    "phaseKind",
    "rule",
    "confidence",
)


def local_name(value: str) -> str:
    """The short name of a vocabulary IRI (``ck:``, ``rdfs:label`` -> ``label``...).

    Examples
    --------
    >>> local_name(str(CK.modality)), local_name(str(RDFS.label))
    ('modality', 'label')
    """
    if value in _LOCAL:
        return _LOCAL[value]
    if value.startswith(_CK):
        return value[len(_CK) :]
    return iri.local_name(value)


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to highlight: ``[start, end)`` of the text, the fact's IRI, kind and CSS class."""

    start: int
    end: int
    fact: str
    kind: str
    css: str


@dataclass
class DocFacts:
    """What one document's graph says: metadata, entities, relations and marks."""

    name: str
    meta: dict[str, str] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Entities per kind."""
        out: dict[str, int] = defaultdict(int)
        for e in self.entities.values():
            out[e["kind"]] += 1
        out["relation"] = len(self.relations)
        return dict(sorted(out.items()))


def _value(term: Any) -> str:
    return term.value


def parse_facts(name: str, nquads: str) -> DocFacts:
    """The facts of document ``name`` from the N-Quads text of its graph."""
    props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        props[q.subject.value][local_name(q.predicate.value)].append(q.object)
    facts = DocFacts(name=name)
    labels = {s: _value(p["label"][0]) for s, p in props.items() if p.get("label")}
    doc = str(iri.document_iri(name))
    if doc in props:
        d = props[doc]
        for key in ("title", "date", "issuer", "level", "batch", "year", "mediaType"):
            if d.get(key):
                facts.meta[key] = _value(d[key][0])
        if d.get("campaign"):
            facts.meta["campaign"] = labels.get(d["campaign"][0].value, d["campaign"][0].value)
    for s, p in props.items():
        types = [t.value for t in p.get("type", ())]
        kind = next((KINDS[t] for t in types if t in KINDS), None)
        if kind is None or kind == "relation":
            continue
        facts.entities[s] = _entity(s, kind, types, p, props, labels)
    for s, p in props.items():
        if any(t.value == str(CK.RelationAssertion) for t in p.get("type", ())):
            facts.relations.append(_relation(s, p, props, labels))
    facts.relations.sort(key=lambda r: (r["start"] if r["start"] is not None else -1, r["id"]))
    for r in facts.relations:
        for end in ("source", "target"):
            e = facts.entities.get(r[end])
            if e is not None:
                e["relations"].append(r)
    for e in facts.entities.values():
        css = "req-" + e["modality"] if e["kind"] == "requirement" else e["kind"]
        for start, end, _quote in e["spans"]:
            facts.marks.append(Mark(start, end, e["id"], e["kind"], css))
    for r in facts.relations:
        if r["start"] is not None:
            facts.marks.append(Mark(r["start"], r["end"], r["id"], "relation", "relation"))
    facts.marks.sort(key=lambda m: (m.start, -m.end, m.kind, m.fact))
    return facts


def _spans(p: dict[str, list[Any]], props: dict) -> list[tuple[int, int, str]]:
    out = []
    for ev in p.get("evidence", ()):
        e = props.get(ev.value, {})
        if e.get("start") and e.get("end"):
            quote = _value(e["exact"][0]) if e.get("exact") else ""
            out.append((int(e["start"][0].value), int(e["end"][0].value), quote))
    return sorted(out)


def _entity(
    s: str, kind: str, types: list[str], p: dict, props: dict, labels: dict[str, str]
) -> dict[str, Any]:
    fields: list[tuple[str, str]] = []
    for key in _FIELDS:
        if key == "actorType":
            values = [local_name(t) for t in types if kind == "actor" and t != str(CK.Actor)]
        else:
            values = [_show(o, props, labels) for o in p.get(key, ())]
        for v in sorted(values):
            fields.append((key, v))
    spans = _spans(p, props)
    entity: dict[str, Any] = {
        "id": s,
        "kind": kind,
        "label": labels.get(s) or (spans[0][2] if spans else s),
        "fields": fields,
        "spans": spans,
        "relations": [],
        "links": {
            key: sorted(o.value for o in p.get(key, ()))
            for key in ("responsibleActor", "stage", "deadline", "quantity")
            if p.get(key)
        },
    }
    if kind == "requirement":
        mod = p.get("modality")
        entity["modality"] = local_name(mod[0].value) if mod else "obligation"
    return entity


def _show(term: Any, props: dict, labels: dict[str, str]) -> str:
    """A field value as text: a node by its label (a quantity by its parts), a literal as is."""
    if isinstance(term, ox.NamedNode):
        if term.value in labels:
            return labels[term.value]
        q = props.get(term.value, {})
        if q.get("unit"):
            parts = [q.get("comparator"), q.get("value"), q.get("unit")]
            return " ".join(_value(v[0]) for v in parts if v)
        return local_name(term.value)
    return term.value


def _relation(s: str, p: dict, props: dict, labels: dict[str, str]) -> dict[str, Any]:
    spans = _spans(p, props)
    source = p["subject"][0].value if p.get("subject") else ""
    target = p["object"][0].value if p.get("object") else ""
    prop = local_name(p["predicate"][0].value) if p.get("predicate") else ""
    rule = _value(p["rule"][0]) if p.get("rule") else ""
    confidence = _value(p["confidence"][0]) if p.get("confidence") else ""
    return {
        "id": s,
        "type": prop,
        "source": source,
        "source_label": labels.get(source, local_name(source)),
        "target": target,
        "target_label": labels.get(target, local_name(target)),
        "start": spans[0][0] if spans else None,
        "end": spans[0][1] if spans else None,
        "quote": spans[0][2] if spans else "",
        "rule": rule,
        "confidence": confidence,
    }


def document_facts(out: Path, name: str, entry: dict) -> DocFacts:
    """The facts of document ``name`` of the build in ``out`` (``entry``: its manifest entry).

    Raises
    ------
    FileNotFoundError
        When the document's cache file is gone.
    """
    return _cached_facts(str(BuildDir(Path(out)).cache_file(entry["cache"])), name)


@functools.lru_cache(maxsize=64)
def _cached_facts(path: str, name: str) -> DocFacts:
    """A cache file's content never changes (its name is a hash of what made it)."""
    return parse_facts(name, Path(path).read_text(encoding="utf-8"))
