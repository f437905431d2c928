"""A correction from command-line options (``kg corrections add`` and ``review``).

The target's kind is guessed when not given: a relation type names a
relation, a span a requirement (``--kind time`` for a time), a label an
actor. The author defaults to the user's login name and the time to now
(UTC, to the second).

Examples
--------
>>> c = correction_from_options("modality", {"document": "a.txt", "span": "0-8",
...     "modality": "prohibition", "author": "王", "when": "2026-01-02T03:04:05Z"})
>>> c.target.kind, c.target.key, c.change.modality
('requirement', '0-8', 'prohibition')
>>> correction_from_options("reject", {"document": "a.txt", "relation": "reportsTo",
...     "source": "党支部", "dest": "党委", "author": "王"}).target.describe()
'a.txt relation 党支部 reportsTo 党委'
"""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from typing import Any

from kg.corrections.records import Amount, Change, Correction, CorrectionError, Target

_KIND_OF = {
    "add.actor": "actor",
    "merge": "actor",
    "split": "actor",
    "add.relation": "relation",
    "review": "document",
}


def now() -> str:
    """The current time, UTC, ISO 8601 to the second (``2026-01-02T03:04:05Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_span(text: str) -> tuple[int, int]:
    """``"3-9"`` -> ``(3, 9)``."""
    a, sep, b = text.partition("-")
    if not (sep and a.strip().isdigit() and b.strip().isdigit()):
        raise CorrectionError(f"span {text!r} is not START-END")
    return int(a), int(b)


def parse_quantity(text: str) -> Amount:
    """``">=,45,学时"`` -> an :class:`Amount` (an empty value is a redacted one)."""
    parts = text.split(",")
    if len(parts) != 3:
        raise CorrectionError(f"quantity {text!r} is not COMPARATOR,VALUE,UNIT")
    comparator, raw, unit = (p.strip() for p in parts)
    value: int | float | str | None = raw or None
    if raw.isdigit():
        value = int(raw)
    elif raw.replace(".", "", 1).isdigit():
        value = float(raw)
    return Amount(comparator, value, unit)


def _kind(action: str, o: dict[str, Any]) -> str:
    if o.get("kind"):
        return str(o["kind"])
    if action in _KIND_OF:
        return _KIND_OF[action]
    if o.get("relation"):
        return "relation"
    if o.get("span"):
        return "requirement"
    return "actor" if o.get("label") else "requirement"


def correction_from_options(action: str, o: dict[str, Any]) -> Correction:
    """The :class:`Correction` the options describe (missing options: None or absent)."""
    kind = _kind(action, o)
    start = end = None
    if o.get("span"):
        start, end = parse_span(o["span"])
    label = o.get("relation") if kind == "relation" else o.get("label")
    target = Target(
        document=o["document"],
        kind=kind,
        start=start,
        end=end,
        label=label,
        source=o.get("source"),
        dest=o.get("dest"),
    )
    quantities: tuple[Amount, ...] | None = None
    if o.get("quantities") or o.get("no_quantities"):
        quantities = tuple(parse_quantity(q) for q in o.get("quantities") or ())
    change = Change(
        actors=tuple(o.get("actors") or ()),
        modality=o.get("modality"),
        stage=o.get("stage"),
        deadline=o.get("deadline"),
        quantities=quantities,
        label=o.get("into"),
        actor_type=o.get("actor_type"),
        quote=o.get("quote"),
        requirements=tuple(o.get("requirements") or ()),
    )
    return Correction(
        action=action,
        target=target,
        author=o.get("author") or getpass.getuser(),
        time=o.get("when") or now(),
        change=change,
        memo=o.get("memo") or "",
    )
