"""Analysts' corrections: records, their file, how builds apply them, gold from them.

A correction is data (:mod:`kg.corrections.records`), kept one JSON line each
in the build's ``corrections.jsonl`` (:mod:`kg.corrections.ledger`), applied
to each document's graph after extraction and before publishing
(:mod:`kg.corrections.apply`, :mod:`kg.corrections.hook`), with PROV-O
provenance in the graph; reviewed documents become gold files
(:mod:`kg.corrections.gold`).
"""

from kg.corrections.records import (
    ACTIONS,
    KINDS,
    Amount,
    Change,
    Correction,
    CorrectionError,
    Target,
)

__all__ = ["ACTIONS", "KINDS", "Amount", "Change", "Correction", "CorrectionError", "Target"]
