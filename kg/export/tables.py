"""CSV export: a folder with ``nodes.csv``, ``edges.csv`` and ``requirements.csv``.

All three are read from the projection of the selected documents
(:mod:`kg.export.graphs`). ``nodes.csv`` and ``edges.csv`` are its nodes and
edges with their string attributes (Gephi's spreadsheet import reads them as
they are): ``id, label, type`` and then every other node attribute in name
order; ``source, target, label, predicate, documents``. ``requirements.csv``
has one row per requirement, ready for pandas:

``requirement, document, modality, actor, stage, deadline, deadline_normalized,
quantities, offsets, start, end, quote``

Several actors or quantities are joined with ``"; "``. Rows are sorted, files
written atomically with LF line ends.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> row = requirement_rows(example_graph())[0]
>>> row["actor"], row["stage"], row["deadline_normalized"], row["offsets"]
('督导组', '学习动员', '--03-15', '0-17')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg import atomic
from kg.errors import ExportError
from kg.export.graphs import attribute_names, flat, text

NODE_COLUMNS = ["id", "label", "type"]
"""The first columns of ``nodes.csv``; the other attributes follow in name order."""
EDGE_COLUMNS = ["source", "target", "label", "predicate", "documents"]
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


def _targets(G: nx.MultiDiGraph, n: str, key: str, attr: str = "label") -> str:
    """The ``attr`` of ``n``'s ``key`` targets, sorted, no duplicates, ``"; "``-joined."""
    values = {
        text(G.nodes[v].get(attr))
        for v, keys in G.succ[n].items()
        if key in keys and G.nodes[v].get(attr) is not None
    }
    return "; ".join(sorted(values))


def requirement_rows(G: nx.MultiDiGraph) -> list[dict[str, object]]:
    """One row per requirement of the projection ``G``, sorted by document and offsets."""
    rows = []
    for n, d in G.nodes(data=True):
        if d.get("type") != "Requirement":
            continue
        start, end = d.get("start"), d.get("end")
        rows.append(
            {
                "requirement": n,
                "document": _targets(G, n, "mentionedIn"),
                "modality": text(d.get("modality")),
                "actor": _targets(G, n, "responsibleActor"),
                "stage": _targets(G, n, "stage"),
                "deadline": _targets(G, n, "deadline"),
                "deadline_normalized": _targets(G, n, "deadline", "normalized"),
                "quantities": text(d.get("quantities", ())),
                "offsets": f"{start}-{end}" if start is not None and end is not None else "",
                "start": start,
                "end": end,
                "quote": d.get("quote", ""),
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


def write_tables(G: nx.MultiDiGraph, dest: Path) -> int:
    """Write the three CSV files of the projection ``G`` into the folder ``dest``.

    Returns the number of requirements.
    """
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ExportError(f"{dest}: exists and is not a folder (csv writes a folder)")
    dest.mkdir(parents=True, exist_ok=True)
    g = flat(G)
    node_columns = NODE_COLUMNS + [
        c for c in attribute_names(g, "node") if c not in NODE_COLUMNS and c != "iri"
    ]
    nodes = [{"id": n, **d} for n, d in g.nodes(data=True)]
    edges = [{"source": u, "target": v, **d} for u, v, d in g.edges(data=True)]
    reqs = requirement_rows(G)
    atomic.write_text(dest / "nodes.csv", _csv(node_columns, nodes))
    atomic.write_text(dest / "edges.csv", _csv(EDGE_COLUMNS, edges))
    atomic.write_text(dest / "requirements.csv", _csv(REQUIREMENT_COLUMNS, reqs))
    return len(reqs)
