"""The relations of one document, collected without repeats (the first evidence wins).

Examples
--------
>>> doc = Document("a.txt", "区委督导组", "区委督导组")
>>> out = RelationSet(doc)
>>> out.add("subOrganizationOf", "actor", "区委督导组", "actor", "区委", (0, 5), "rel.suborg.name")
>>> [(r.type, r.source, r.target, r.prov.confidence) for r in out.sorted()]
[('subOrganizationOf', '区委督导组', '区委', 0.9)]
"""

from __future__ import annotations

from extract.records import Document, Relation, Span
from extract.rules import prov


class RelationSet:
    """Relations collected without repeats, keeping the first evidence of each."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.rel: dict[tuple[str, str, str, str, str], Relation] = {}

    def add(
        self,
        typ: str,
        sk: str,
        s: str,
        tk: str,
        t: str,
        span: tuple[int, int],
        rule: str,
    ) -> None:
        if s == t and sk == tk:
            return
        key = (typ, sk, s, tk, t)
        if key not in self.rel:
            self.rel[key] = Relation(typ, sk, s, tk, t, self.doc.span(*span), prov(rule))  # type: ignore[arg-type]

    def add_at(self, typ: str, sk: str, s: str, tk: str, t: str, evidence: Span, rule: str) -> None:
        """Like :meth:`add`, with an evidence span of the raw text."""
        if s == t and sk == tk:
            return
        self.rel.setdefault(
            (typ, sk, s, tk, t),
            Relation(typ, sk, s, tk, t, evidence, prov(rule)),  # type: ignore[arg-type]
        )

    def sorted(self) -> tuple[Relation, ...]:
        """The relations, sorted by (type, source kind, source, target kind, target)."""
        return tuple(self.rel[k] for k in sorted(self.rel))
