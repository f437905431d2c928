"""Rows of ``kg corrections list``: every correction, or the orphaned ones with why.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.corrections import ledger
>>> from kg.corrections.records import Correction, Target
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = ledger.append(d, [Correction(action="review", author="王",
...     target=Target(document="a.txt", kind="document"), time="2026-01-02T03:04:05Z")])
>>> [(r["action"], r["target"]) for r in rows(d)]
[('review', 'a.txt document')]
>>> [r["reason"] for r in orphan_rows(d)]
['document not in the build']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.corrections import ledger
from kg.corrections.hook import current_orphans


def rows(out: Path) -> list[dict[str, Any]]:
    """One row per correction of the build in ``out``, in the order they were made."""
    return [
        {
            "id": c.id,
            "time": c.time,
            "author": c.author,
            "action": c.action,
            "document": c.target.document,
            "target": c.target.describe(),
            "change": json.dumps(c.to_dict().get("change", {}), ensure_ascii=False, sort_keys=True),
            "memo": c.memo,
        }
        for c in ledger.read(out)
    ]


def orphan_rows(out: Path) -> list[dict[str, Any]]:
    """One row per orphaned correction (:func:`kg.corrections.hook.current_orphans`)."""
    return [
        {
            "id": o.correction.id,
            "action": o.correction.action,
            "document": o.correction.target.document,
            "target": o.correction.target.describe(),
            "reason": o.reason,
        }
        for o in current_orphans(out)
    ]
