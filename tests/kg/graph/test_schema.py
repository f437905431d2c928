"""The node schema: one row per class of node, read by every reader of a finished graph."""

from __future__ import annotations

import pytest

from kg.graph import schema
from kg.quality import summary
from ontology.namespaces import OWL, RDF, load_ontology


@pytest.mark.parametrize("row", schema.CLASSES, ids=lambda c: c.kind)
def test_each_row_is_a_class_of_the_ontology(row: schema.NodeClass) -> None:
    assert (row.iri, RDF.type, OWL.Class) in load_ontology()


@pytest.mark.parametrize("column", ["iri", "kind", "view"])
def test_a_column_names_each_class_once(column: str) -> None:
    values = [getattr(c, column) for c in schema.CLASSES if getattr(c, column) is not None]
    assert len(values) == len(set(values))


@pytest.mark.parametrize("row", [c for c in schema.CLASSES if c.counted], ids=lambda c: c.kind)
def test_the_summary_counts_each_counted_class_under_its_kind(row: schema.NodeClass) -> None:
    assert summary.type_of_line(f"<http://e/x> <{RDF.type}> <{row.iri}> .") == row.kind


@pytest.mark.parametrize("row", [c for c in schema.CLASSES if not c.counted], ids=lambda c: c.kind)
def test_the_summary_leaves_other_classes_uncounted(row: schema.NodeClass) -> None:
    assert summary.type_of_line(f"<http://e/x> <{RDF.type}> <{row.iri}> .") is None
