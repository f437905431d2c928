"""An analyst's correction as a frozen record, and its one-line JSON form.

A :class:`Correction` names its target by document and span (or, for an
actor, by label; for a relation, by type and end labels) and the fact's
kind (:class:`Target`), says what changes (:class:`Change`), who made it,
when (ISO 8601, UTC) and why (an optional memo). Its id is a hash of its
canonical JSON line, so the same correction always has the same id and the
file it lives in stays plain text with sorted keys.

Actions (:data:`ACTIONS`) and the target each takes:

================  ===========  ==============================================
action            target kind  change
================  ===========  ==============================================
actors.add        requirement  ``actors``: labels of actors of the document
actors.remove     requirement  ``actors``
modality          requirement  ``modality``
stage             requirement  ``stage``: a stage label, ``""`` clears it
deadline          requirement  ``deadline``: ``"start-end"`` of a time, ``""``
quantity          requirement  ``quantities`` (replace them all)
reject            requirement, time (span), actor (label), relation
add.requirement   requirement  ``quote``, ``modality``; optional ``actors``,
                               ``stage``, ``deadline``, ``quantities``
add.actor         actor        ``quote`` (span and label in the target),
                               ``actor_type``
add.relation      relation     optional span with ``quote``
merge             actor        ``label``: the actor it is merged into
split             actor        ``label`` of the new actor, ``requirements``
                               (``"start-end"``) that go to it
review            document     nothing: the document is marked reviewed
================  ===========  ==============================================

Examples
--------
>>> c = Correction(
...     action="modality",
...     target=Target(document="a.txt", kind="requirement", start=0, end=9),
...     change=Change(modality="prohibition"),
...     author="王", time="2026-01-02T03:04:05Z")
>>> line = c.to_line()
>>> line
'{"action":"modality","author":"王","change":{"modality":"prohibition"},"target":{"document":"a.txt","end":9,"kind":"requirement","start":0},"time":"2026-01-02T03:04:05Z"}'
>>> Correction.from_line(line) == c, len(c.id)
(True, 12)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from extract.records import ACTOR_TYPES, MODALITIES, RELATION_TYPES
from kg.errors import BuildError

ACTIONS: tuple[str, ...] = (
    "actors.add",
    "actors.remove",
    "modality",
    "stage",
    "deadline",
    "quantity",
    "reject",
    "add.requirement",
    "add.actor",
    "add.relation",
    "merge",
    "split",
    "review",
)
KINDS: tuple[str, ...] = ("requirement", "time", "actor", "relation", "document")
COMPARATORS: tuple[str, ...] = (">=", "<=", "=", "range", "approx")

_KINDS_OF = {
    "reject": ("requirement", "time", "actor", "relation"),
    "add.actor": ("actor",),
    "add.relation": ("relation",),
    "merge": ("actor",),
    "split": ("actor",),
    "review": ("document",),
}


class CorrectionError(BuildError, ValueError):
    """A correction that cannot be read or makes no sense (one line).

    A :class:`kg.errors.BuildError`: a bad corrections file stops a build with
    one line naming the file, the line and the cause.
    """


@dataclass(frozen=True, slots=True)
class Amount:
    """A quantity a correction gives: comparator, value (number, ``"1-2"`` or None), unit."""

    comparator: str
    value: int | float | str | None
    unit: str

    def __post_init__(self) -> None:
        if self.comparator not in COMPARATORS:
            raise CorrectionError(f"comparator {self.comparator!r} is not one of {COMPARATORS}")


@dataclass(frozen=True, slots=True)
class Target:
    """What a correction is about: a document, the kind of fact, and where it is.

    Requirements and times are named by span (``start``, ``end``); actors by
    ``label`` (with a span where the analyst selected a mention); relations
    by ``label`` (the relation type), ``source`` and ``dest`` labels.
    """

    document: str
    kind: str
    start: int | None = None
    end: int | None = None
    label: str | None = None
    source: str | None = None
    dest: str | None = None

    def __post_init__(self) -> None:
        if not self.document:
            raise CorrectionError("target: no document")
        if self.kind not in KINDS:
            raise CorrectionError(f"target: kind {self.kind!r} is not one of {KINDS}")
        if (self.start is None) != (self.end is None):
            raise CorrectionError("target: give both start and end, or neither")
        if self.start is not None and not 0 <= self.start < self.end:  # type: ignore[operator]
            raise CorrectionError(f"target: bad span {self.start}-{self.end}")
        if self.kind in ("requirement", "time") and self.start is None:
            raise CorrectionError(f"target: a {self.kind} is named by its span")
        if self.kind == "actor" and not self.label:
            raise CorrectionError("target: an actor is named by its label")
        if self.kind == "relation":
            if self.label not in RELATION_TYPES:
                raise CorrectionError(
                    f"target: relation type {self.label!r} is not one of {RELATION_TYPES}"
                )
            if not (self.source and self.dest):
                raise CorrectionError("target: a relation is named by its source and dest labels")

    @property
    def key(self) -> str | None:
        """``"start-end"``, the key of a requirement or time in its document."""
        return None if self.start is None else f"{self.start}-{self.end}"

    def describe(self) -> str:
        """One-line name of the target, e.g. ``a.txt requirement 0-9``."""
        where = self.key or ""
        if self.kind == "actor":
            where = self.label + (f"@{self.key}" if self.key else "")  # type: ignore[operator]
        elif self.kind == "relation":
            where = f"{self.source} {self.label} {self.dest}"
        return f"{self.document} {self.kind} {where}".rstrip()


@dataclass(frozen=True, slots=True)
class Change:
    """What a correction changes; fields an action does not use stay at their default."""

    actors: tuple[str, ...] = ()
    modality: str | None = None
    stage: str | None = None
    deadline: str | None = None
    quantities: tuple[Amount, ...] | None = None
    label: str | None = None
    actor_type: str | None = None
    quote: str | None = None
    requirements: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst's correction of one fact (see the module docstring for the actions)."""

    action: str
    target: Target
    author: str
    time: str
    change: Change = field(default_factory=Change)
    memo: str = ""

    def __post_init__(self) -> None:
        _check(self)

    @property
    def id(self) -> str:
        """Twelve hex digits of the SHA-1 of :meth:`to_line`: same correction, same id."""
        return hashlib.sha1(self.to_line().encode("utf-8")).hexdigest()[:12]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the correction: defaults left out."""
        out: dict[str, Any] = {
            "action": self.action,
            "author": self.author,
            "target": _compact(self.target),
            "time": self.time,
        }
        change = _compact(self.change)
        if change:
            out["change"] = change
        if self.memo:
            out["memo"] = self.memo
        return out

    def to_line(self) -> str:
        """One line of JSON, keys sorted, no spaces, non-ASCII kept (no newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Any) -> Correction:
        """Read a correction back from :meth:`to_dict`'s form.

        Raises
        ------
        CorrectionError
            On a missing or unknown field or a bad value.
        """
        if not isinstance(data, dict):
            raise CorrectionError("a correction is a JSON object")
        unknown = sorted(set(data) - {"action", "author", "target", "time", "change", "memo"})
        if unknown:
            raise CorrectionError(f"unknown field {unknown[0]!r}")
        try:
            change = dict(data.get("change") or {})
            if "quantities" in change and change["quantities"] is not None:
                change["quantities"] = tuple(Amount(**q) for q in change["quantities"])
            for name in ("actors", "requirements"):
                if name in change:
                    change[name] = tuple(change[name])
            return cls(
                action=data["action"],
                target=Target(**data["target"]),
                author=data["author"],
                time=data["time"],
                change=Change(**change),
                memo=data.get("memo", ""),
            )
        except KeyError as e:
            raise CorrectionError(f"missing field {e.args[0]!r}") from None
        except TypeError as e:
            raise CorrectionError(str(e).split("__init__() ")[-1]) from None

    @classmethod
    def from_line(cls, line: str) -> Correction:
        """Read one JSON line (:meth:`to_line`)."""
        try:
            data = json.loads(line)
        except ValueError as e:
            raise CorrectionError(f"not JSON ({e.msg})") from None
        return cls.from_dict(data)


def _compact(obj: Any) -> dict[str, Any]:
    """The fields of ``obj`` without defaults (``quantities=()`` kept: it clears them)."""
    out: dict[str, Any] = {}
    for f in fields(obj):
        v = getattr(obj, f.name)
        if v is None or (v == () and f.name != "quantities"):
            continue
        if isinstance(v, tuple):
            v = [
                {"comparator": x.comparator, "unit": x.unit, "value": x.value}
                if isinstance(x, Amount)
                else x
                for x in v
            ]
        out[f.name] = v
    return out


def _check(c: Correction) -> None:
    """Raise :class:`CorrectionError` unless ``c`` is complete and consistent."""
    if c.action not in ACTIONS:
        raise CorrectionError(f"action {c.action!r} is not one of {', '.join(ACTIONS)}")
    if not c.author.strip():
        raise CorrectionError("no author")
    try:
        when = datetime.fromisoformat(c.time.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise CorrectionError(f"time {c.time!r} is not ISO 8601") from None
    if when.tzinfo is None:
        raise CorrectionError(f"time {c.time!r} has no time zone (write Z for UTC)")
    kinds = _KINDS_OF.get(c.action, ("requirement",))
    if c.target.kind not in kinds:
        raise CorrectionError(f"{c.action} applies to {' or '.join(kinds)}, not {c.target.kind}")
    ch = c.change
    if c.action in ("actors.add", "actors.remove") and not ch.actors:
        raise CorrectionError(f"{c.action}: name the actors")
    if c.action in ("modality", "add.requirement") and ch.modality not in MODALITIES:
        raise CorrectionError(f"{c.action}: modality {ch.modality!r} is not one of {MODALITIES}")
    if c.action == "stage" and ch.stage is None:
        raise CorrectionError("stage: give a stage label (empty to clear)")
    if c.action == "deadline" and ch.deadline is None:
        raise CorrectionError("deadline: give the time's span start-end (empty to clear)")
    if ch.deadline and not _is_key(ch.deadline):
        raise CorrectionError(f"deadline {ch.deadline!r} is not a span start-end")
    if c.action == "quantity" and ch.quantities is None:
        raise CorrectionError("quantity: give the quantities (none to clear)")
    if c.action.startswith("add.") and c.target.start is not None and ch.quote is None:
        raise CorrectionError(f"{c.action}: give the quote of the span")
    if c.action == "add.actor":
        if c.target.start is None:
            raise CorrectionError("add.actor: give the span of a mention")
        if ch.actor_type not in ACTOR_TYPES:
            raise CorrectionError(f"add.actor: type {ch.actor_type!r} is not one of {ACTOR_TYPES}")
    t = c.target
    if ch.quote is not None and t.start is not None and len(ch.quote) != t.end - t.start:  # type: ignore[operator]
        raise CorrectionError("quote: its length differs from the span's")
    if c.action in ("merge", "split") and not ch.label:
        raise CorrectionError(f"{c.action}: give the other actor's label")
    if c.action == "split":
        if not ch.requirements or not all(_is_key(k) for k in ch.requirements):
            raise CorrectionError("split: name the requirements (start-end) the new actor takes")
        if ch.actor_type is not None and ch.actor_type not in ACTOR_TYPES:
            raise CorrectionError(f"split: type {ch.actor_type!r} is not one of {ACTOR_TYPES}")


def _is_key(text: str) -> bool:
    a, sep, b = text.partition("-")
    return bool(sep) and a.isdigit() and b.isdigit() and int(a) < int(b)
