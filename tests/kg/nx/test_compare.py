"""kg.nx.compare: two documents' requirements side by side."""

from __future__ import annotations

import pytest

from kg.nx.common import UnknownItem
from kg.nx.compare import compare


def test_shared_rows(nx_graph):
    shared = [r for r in compare(nx_graph, "a.txt", "b.txt") if r["status"] == "shared"]
    assert [
        (r["start_a"], r["start_b"], r["quantity_a_vs_b"], r["deadline_a_vs_b"]) for r in shared
    ] == [
        (0, 0, None, "earlier"),
        (100, 18, "stricter", None),
    ]


def test_status_counts(nx_graph):
    rows = compare(nx_graph, "a.txt", "b.txt")
    assert [r["status"] for r in rows].count("only-a") == 6
    assert [r["quote_b"] for r in rows if r["status"] == "only-b"] == ["各乡镇要建立台账"]


def test_swapping_documents_swaps_verdicts(nx_graph):
    shared = [r for r in compare(nx_graph, "b.txt", "a.txt") if r["status"] == "shared"]
    assert {r["quantity_a_vs_b"] for r in shared} == {None, "looser"}
    assert {r["deadline_a_vs_b"] for r in shared} == {None, "later"}


def test_unknown_document(nx_graph):
    with pytest.raises(UnknownItem):
        compare(nx_graph, "a.txt", "zzz.txt")
