"""Counts per type and per document, and the build's ``summary.md``.

Examples
--------
>>> c = counts_from_nquads("")
>>> c.quads, c.types
(0, {})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.builddir import Manifest
from kg.graph import schema
from ontology.namespaces import RDF

COUNTED = {c.kind: c.iri for c in schema.CLASSES if c.counted}
"""Kind -> class of the nodes counted per document (:data:`kg.graph.schema.CLASSES`)."""
_TYPE_MARKERS = {f"<{RDF.type}> <{iri}> ": name for name, iri in COUNTED.items()}
_RDF_TYPE = f"<{RDF.type}>"


def type_of_line(line: str) -> str | None:
    """The counted type a triple or quad line asserts (``rdf:type ck:X``), if any.

    Examples
    --------
    >>> from ontology.namespaces import CK
    >>> type_of_line(f"<http://e/a> <{RDF.type}> <{CK.Actor}> .")
    'Actor'
    """
    if _RDF_TYPE not in line:
        return None
    for marker, name in _TYPE_MARKERS.items():
        if marker in line:
            return name
    return None


@dataclass
class Counts:
    """Quads, and typed nodes per type (distinct over the union of documents).

    Holds integers only, so its size does not grow with the corpus (except
    ``per_document``, one small dict per document, read from the manifest).
    """

    quads: int = 0
    types: dict[str, int] = field(default_factory=dict)
    per_document: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Counts:
        """Counts of the build in ``out``, from its manifest."""
        manifest = Manifest.read(out)
        totals = manifest.totals
        return cls(
            quads=int(totals.get("quads", 0)),
            types=dict(totals.get("types", {})),
            per_document={n: e.get("counts", {}) for n, e in manifest.documents.items()},
        )


def counts_from_nquads(text: str) -> Counts:
    """Count quads and distinct typed subjects in N-Quads text (one document's).

    The sets of subjects live only while counting ``text``.
    """
    quads = 0
    subjects: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line:
            continue
        quads += 1
        name = type_of_line(line)
        if name is not None:
            subjects.setdefault(name, set()).add(line.split(" ", 1)[0])
    return Counts(quads, {k: len(v) for k, v in sorted(subjects.items())})


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
