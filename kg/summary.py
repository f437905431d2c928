"""Counts per type and per document, and the build's ``summary.md``.

Examples
--------
>>> c = counts_from_nquads("")
>>> c.quads, c.types
(0, {})
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ontology.namespaces import CK, RDF

COUNTED = {
    "Document": CK.Document,
    "Actor": CK.Actor,
    "Stage": CK.Stage,
    "Step": CK.Step,
    "TimeExpression": CK.TimeExpression,
    "Requirement": CK.Requirement,
    "Quantity": CK.Quantity,
    "Relation": CK.RelationAssertion,
}
_TYPE_MARKERS = {f"<{RDF.type}> <{iri}> ": name for name, iri in COUNTED.items()}


@dataclass
class Counts:
    """Quads and typed subjects (distinct over the union of documents)."""

    quads: int = 0
    subjects: dict[str, set[str]] = field(default_factory=dict)
    per_document: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def types(self) -> dict[str, int]:
        return {k: len(v) for k, v in sorted(self.subjects.items())}

    def add(self, other: Counts) -> None:
        self.quads += other.quads
        for k, v in other.subjects.items():
            self.subjects.setdefault(k, set()).update(v)

    @classmethod
    def load(cls, out: Path) -> Counts:
        """Counts of the build in ``out`` (from its manifest and ``graph.nq``)."""
        c = counts_from_nquads((out / "graph.nq").read_text(encoding="utf-8"))
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        c.per_document = {n: e.get("counts", {}) for n, e in manifest["documents"].items()}
        return c


def counts_from_nquads(text: str) -> Counts:
    """Count quads and typed subjects in N-Quads text."""
    c = Counts()
    for line in text.splitlines():
        if not line:
            continue
        c.quads += 1
        if f"<{RDF.type}>" not in line:
            continue
        for marker, name in _TYPE_MARKERS.items():
            if marker in line:
                c.subjects.setdefault(name, set()).add(line.split(" ", 1)[0])
    return c


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render_summary(out: Path, entries: dict[str, dict], counts: Counts) -> str:
    """Markdown summary: totals per type, then one row per document."""
    names = [n for n in COUNTED if n != "Document"]
    totals = counts.types
    parts = [
        "# Build summary",
        "",
        f"{len(entries)} documents, {counts.quads} quads ({sum(totals.values())} typed nodes).",
        "",
        "## Per type (distinct over all documents)",
        "",
        _md_table(["type", "count"], [[n, str(totals.get(n, 0))] for n in COUNTED]),
        "",
        "## Per document",
        "",
        _md_table(
            ["document", *names],
            [
                [name] + [str(entries[name].get("counts", {}).get(n, 0)) for n in names]
                for name in sorted(entries)
            ],
        ),
        "",
    ]
    return "\n".join(parts)
