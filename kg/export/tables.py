"""CSV export: a folder with ``nodes.csv``, ``edges.csv`` and ``requirements.csv``.

``nodes.csv`` and ``edges.csv`` are the NetworkX projection of
:mod:`kg.export.graphs` (Gephi's spreadsheet import reads them as they are);
``requirements.csv`` has one row per requirement, ready for pandas:

``requirement, document, modality, actor, stage, deadline, deadline_normalized,
quantities, offsets, start, end, quote``

Several actors or quantities are joined with ``"; "``. Rows are sorted, files
written atomically with LF line ends.

Examples
--------
>>> import csv, io, pyoxigraph as ox
>>> from ontology.namespaces import CK, RDF
>>> n = lambda u: ox.NamedNode(str(u))
>>> r = ox.NamedNode("http://e/r")
>>> triples = [(r, n(RDF.type), n(CK.Requirement)), (r, n(CK.modality), n(CK.obligation))]
>>> rows = requirement_rows(triples)
>>> rows[0]["modality"]
'obligation'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg import atomic
from kg.errors import ExportError
from kg.export.graphs import _first_value, _index, local_name, project
from ontology.namespaces import CK, DCTERMS, OA, RDF, RDFS

NODE_COLUMNS = ["id", "label", "type", "types"]
EDGE_COLUMNS = ["source", "target", "label", "predicate"]
REQUIREMENT_COLUMNS = [
    "requirement",
    "document",
    "modality",
    "actor",
    "stage",
    "deadline",
    "deadline_normalized",
    "quantities",
    "offsets",
    "start",
    "end",
    "quote",
]


def _iris(props: dict[str, list], prop: object) -> list[str]:
    return sorted(o.value for o in props.get(str(prop), []) if isinstance(o, ox.NamedNode))


def _labels(idx: dict, iris: list[str], prop: object = RDFS.label) -> list[str]:
    return sorted({v for i in iris if (v := _first_value(idx.get(i, {}), str(prop))) is not None})


def _quantity(idx: dict, q: str) -> str:
    props = idx.get(q, {})
    parts = [_first_value(props, str(p)) or "" for p in (CK.comparator, CK.value, CK.unit)]
    return " ".join(x for x in parts if x)


def requirement_rows(triples: Iterable) -> list[dict[str, object]]:
    """One row per ``ck:Requirement``, sorted by document and offsets."""
    idx = _index(triples)
    rows = []
    for req, props in idx.items():
        if str(CK.Requirement) not in _iris(props, RDF.type):
            continue
        docs = _iris(props, CK.mentionedIn)
        deadlines = _iris(props, CK.deadline)
        evidence = [
            (int(s), int(e), _first_value(idx.get(ev, {}), str(OA.exact)) or "")
            for ev in _iris(props, CK.evidence)
            if (s := _first_value(idx.get(ev, {}), str(OA.start))) is not None
            and (e := _first_value(idx.get(ev, {}), str(OA.end))) is not None
        ]
        start, end, quote = min(evidence) if evidence else (None, None, "")
        rows.append(
            {
                "requirement": req,
                "document": "; ".join(_labels(idx, docs, DCTERMS.identifier)),
                "modality": "; ".join(local_name(m) for m in _iris(props, CK.modality)),
                "actor": "; ".join(_labels(idx, _iris(props, CK.responsibleActor))),
                "stage": "; ".join(_labels(idx, _iris(props, CK.stage))),
                "deadline": "; ".join(_labels(idx, deadlines)),
                "deadline_normalized": "; ".join(_labels(idx, deadlines, CK.normalized)),
                "quantities": "; ".join(_quantity(idx, q) for q in _iris(props, CK.quantity)),
                "offsets": f"{start}-{end}" if start is not None else "",
                "start": start,
                "end": end,
                "quote": quote,
            }
        )
    return sorted(
        rows, key=lambda r: (r["document"], r["start"] or 0, r["end"] or 0, r["requirement"])
    )


def _csv(columns: list[str], rows: Iterable[dict[str, object]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
    return buf.getvalue()


def write_tables(triples: list, dest: Path) -> int:
    """Write the three CSV files into the folder ``dest``; return the number of requirements."""
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ExportError(f"{dest}: exists and is not a folder (csv writes a folder)")
    dest.mkdir(parents=True, exist_ok=True)
    g = project(triples)
    nodes = [{"id": n, **{c: d.get(c) for c in NODE_COLUMNS[1:]}} for n, d in g.nodes(data=True)]
    edges = [
        {"source": u, "target": v, "label": d["label"], "predicate": d["predicate"]}
        for u, v, d in g.edges(data=True)
    ]
    reqs = requirement_rows(triples)
    atomic.write_text(dest / "nodes.csv", _csv(NODE_COLUMNS, nodes))
    atomic.write_text(dest / "edges.csv", _csv(EDGE_COLUMNS, edges))
    atomic.write_text(dest / "requirements.csv", _csv(REQUIREMENT_COLUMNS, reqs))
    return len(reqs)
