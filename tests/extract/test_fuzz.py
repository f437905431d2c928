"""Property-based tests of ingest and extraction (few examples; see benchmarks/fuzz_extract.py)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from extract.ingest.reader import document_from_bytes
from extract.records import Document
from tests.extract.fuzz import any_bytes, any_text, check_extract, check_ingest, names

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(names(), any_bytes())
def test_bytes_give_a_document_or_an_ingest_error(name, data):
    doc = check_ingest(name, data)
    assert doc is None or isinstance(doc, Document)


@FUZZ
@given(names(), any_bytes())
def test_extraction_of_any_readable_bytes_is_valid_and_deterministic(name, data):
    doc = check_ingest(name, data)
    if doc is not None:
        check_extract(doc)


@FUZZ
@given(any_text())
def test_extraction_of_any_text_is_valid_and_deterministic(text):
    doc = Document("a.txt", text, text)
    check_extract(doc)


@FUZZ
@given(any_text())
def test_ingest_is_deterministic(text):
    data = text.encode("utf-8")
    assert check_ingest("a.txt", data) == check_ingest("a.txt", data)


def test_traditional_text_keeps_offsets():
    doc = document_from_bytes("a.txt", "區委督導組必須於3月15日前完成學習動員。".encode("big5"))
    check_extract(doc)
