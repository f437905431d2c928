"""Gold files from corrected documents (DOMAIN.md section 5): ``kg corrections gold DIR``.

For every document an analyst marked reviewed (a ``review`` correction),
the facts of the last build, corrections applied, are written as
``DIR/<document>.json`` in the gold format: actors (label, aliases, type),
stages, steps, times, requirements (span, quote, modality, responsible
actors, stage, deadline, quantities) and relations. The facts are read
from ``graph.nq`` through the RDF contract (:class:`RdfView`, with the
meta data, actor classes and relation assertions the projection folds away),
so a build scored against gold written from it scores 1.0. The build must be
current: a document whose corrections changed since it was built is refused
(run ``kg build``).

Examples
--------
>>> import json, tempfile, pathlib
>>> from kg.build.run import build
>>> from kg.corrections import ledger
>>> from kg.corrections.records import Correction, Target
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
>>> _ = ledger.append(d / "out", [Correction(action="review", author="王",
...     target=Target(document="a.txt", kind="document"), time="2026-01-02T03:04:05Z")])
>>> _ = build([d / "in"], d / "out", progress=False)
>>> write_gold(d / "out", d / "gold")
['a.txt']
>>> gold = json.loads((d / "gold" / "a.txt.json").read_text(encoding="utf-8"))
>>> [(r["quote"], r["modality"], r["actors"]) for r in gold["requirements"]]
[('各党委要认真学习', 'obligation', ['党委'])]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg import atomic
from kg.builddir import Manifest
from kg.corrections import ledger
from kg.errors import BuildError
from kg.graph.iri import local_name
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS, SKOS


class RdfView:
    """A build's ``graph.nq`` as one rdflib graph, with its documents by file name."""

    def __init__(self, path: Path):
        from rdflib import Dataset, Graph

        ds = Dataset()
        ds.parse(str(path), format="nquads")
        self.g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            self.g.add((s, p, o))
        self.docs = {
            Path(str(ident)).name: d
            for d in self.g.subjects(RDF.type, CK.Document)
            for ident in self.g.objects(d, DCTERMS.identifier)
        }

    def mentioned(self, cls: Any, doc: Any) -> list:
        """The nodes of class ``cls`` mentioned in ``doc``."""
        return [n for n in self.g.subjects(RDF.type, cls) if (n, CK.mentionedIn, doc) in self.g]

    def literal(self, node: Any, prop: Any) -> str | None:
        """A value of ``prop`` on ``node`` as a string, or None."""
        v = self.g.value(node, prop)
        return None if v is None else str(v)

    def local(self, node: Any, prop: Any) -> str | None:
        """The local name of a value of ``prop`` on ``node``, or None."""
        v = self.literal(node, prop)
        return None if v is None else local_name(v)


def write_gold(out: Path, folder: Path) -> list[str]:
    """Write a gold file in ``folder`` for each reviewed document of the build in ``out``.

    Returns
    -------
    list of str
        The documents written, sorted.

    Raises
    ------
    BuildError
        No build, a reviewed document not in it, or corrections changed since it was built.
    """
    out, folder = Path(out), Path(folder)
    names = ledger.reviewed(out)
    if not names:
        return []
    _check_current(out, names)
    gv = RdfView(out / "graph.nq")
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        gold = document_gold(gv, name)
        text = json.dumps(gold, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        atomic.write_text(folder / f"{name}.json", text)
    return names


def _check_current(out: Path, names: list[str]) -> None:
    """Raise unless every reviewed document was built with its current corrections."""
    entries = Manifest.read(out).documents
    wanted: dict[str, set[str]] = {n: set() for n in names}
    reviews = set()  # a review changes no fact: marking a document needs no rebuild
    for c in ledger.read(out):
        if c.action == "review":
            reviews.add(c.id)
        elif c.target.document in wanted:
            wanted[c.target.document].add(c.id)
    for name in names:
        entry = entries.get(name)
        if entry is None:
            raise BuildError(f"{out}: reviewed document {name} is not in the build")
        built = (set(entry.get("corrections", [])) | set(entry.get("orphaned", []))) - reviews
        if built != wanted[name]:
            raise BuildError(
                f"{out}: the corrections of {name} changed since the last build; run `kg build`"
            )


def _label(gv: RdfView, node: Any) -> str:
    labels = sorted(str(x) for x in gv.g.objects(node, RDFS.label))
    return labels[0] if labels else ""


def _span(gv: RdfView, node: Any, doc: Any) -> tuple[int, int, str] | None:
    for ev in sorted(gv.g.objects(node, CK.evidence)):
        if (ev, CK.document, doc) in gv.g:
            return (
                int(gv.g.value(ev, OA.start)),
                int(gv.g.value(ev, OA.end)),
                str(gv.g.value(ev, OA.exact) or ""),
            )
    return None


def _number(text: str | None) -> int | float | str | None:
    if text is None:
        return None
    try:
        v = float(text)
    except ValueError:
        return text
    return int(v) if v == int(v) else v


def document_gold(gv: RdfView, name: str) -> dict[str, Any]:
    """The gold record of document ``name`` as the graph gives it (DOMAIN.md section 5)."""
    doc = gv.docs.get(name)
    if doc is None:
        raise BuildError(f"{name}: not in the graph")
    g = gv.g
    campaign = g.value(doc, CK.campaign)
    meta = {
        "campaign": _label(gv, campaign) if campaign is not None else None,
        "batch": gv.literal(doc, CK.batch),
        "level": gv.literal(doc, CK.level),
        "issuer": gv.literal(doc, DCTERMS.creator),
        "date": gv.literal(doc, CK.speechDate),
    }
    actors = []
    for a in sorted(gv.mentioned(CK.Actor, doc)):
        label = _label(gv, a)
        types = sorted(local_name(str(t)) for t in g.objects(a, RDF.type) if t != CK.Actor)
        aliases = sorted({str(x) for x in g.objects(a, SKOS.altLabel)} - {label})
        actors.append({"label": label, "aliases": aliases, "type": types[0] if types else None})
    times = []
    for t in sorted(gv.mentioned(CK.TimeExpression, doc)):
        span = _span(gv, t, doc)
        if span:
            times.append(
                {
                    "start": span[0],
                    "end": span[1],
                    "text": span[2],
                    "normalized": gv.literal(t, CK.normalized),
                    "role": gv.local(t, CK.role),
                }
            )
    requirements = []
    for r in sorted(gv.mentioned(CK.Requirement, doc)):
        span = _span(gv, r, doc)
        if not span:
            continue
        dl = g.value(r, CK.deadline)
        stage = g.value(r, CK.stage)
        quantities = [
            {
                "comparator": gv.literal(q, CK.comparator),
                "value": _number(gv.literal(q, CK.value)),
                "unit": gv.literal(q, CK.unit),
            }
            for q in sorted(g.objects(r, CK.quantity))
        ]
        requirements.append(
            {
                "start": span[0],
                "end": span[1],
                "quote": span[2],
                "modality": gv.local(r, CK.modality),
                "actors": sorted(_label(gv, a) for a in g.objects(r, CK.responsibleActor)),
                "stage": _label(gv, stage) if stage is not None else None,
                "deadline": gv.literal(dl, CK.normalized) if dl is not None else None,
                "quantities": quantities,
            }
        )
    relations = []
    for n in sorted(gv.mentioned(CK.RelationAssertion, doc)):
        s, p, o = g.value(n, RDF.subject), g.value(n, RDF.predicate), g.value(n, RDF.object)
        if s is None or p is None or o is None or (s, p, o) not in g:
            continue
        relations.append({"type": local_name(str(p)), "from": _label(gv, s), "to": _label(gv, o)})
    return {
        "document": name,
        "meta": meta,
        "actors": actors,
        "stages": sorted({_label(gv, s) for s in gv.mentioned(CK.Stage, doc)}),
        "steps": sorted({_label(gv, s) for s in gv.mentioned(CK.Step, doc)}),
        "times": sorted(times, key=lambda x: (x["start"], x["end"])),
        "requirements": sorted(requirements, key=lambda x: (x["start"], x["end"])),
        "relations": sorted(relations, key=lambda x: (x["type"], x["from"], x["to"])),
    }
