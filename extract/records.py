"""Typed, frozen records that the extractor produces and ``kg`` consumes.

Every record that points at text carries :class:`Span` objects whose ``start``
and ``end`` are Python ``str`` indices into :attr:`Document.raw`, the decoded
source text exactly as read (DOMAIN.md section 3). Records hold no RDF, graph
or HTML objects: ``kg`` turns them into triples.

Records reference each other by *keys* that are unique inside one document:

* an actor by its canonical label (:attr:`Actor.key`),
* a stage or step by its canonical label,
* a time expression or requirement by ``"start-end"`` of its span.

Examples
--------
>>> span = Span(3, 5, "县委")
>>> span.key
'3-5'
>>> Quantity(">=", 45, "学时", Span(0, 7, "不少于45个学时")).value
45
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

Modality = Literal["obligation", "prohibition", "permission", "exhortation"]
TimeRole = Literal["deadline", "schedule", "event"]
Comparator = Literal[">=", "<=", "=", "range", "approx"]
RelationType = Literal[
    "reportsTo", "approves", "supervises", "subOrganizationOf", "precedes", "dependsOn"
]
NodeKind = Literal["actor", "stage", "step", "requirement", "time"]
ActorType = Literal[
    "PartyCommittee",
    "LeadingGroup",
    "CampaignOffice",
    "SupervisoryGroup",
    "GovernmentBody",
    "PartyBranch",
    "MemberGroup",
    "Person",
    "Public",
]
Level = Literal["中央", "省", "市", "县", "乡镇", "单位"]

MODALITIES: tuple[str, ...] = get_args(Modality)
TIME_ROLES: tuple[str, ...] = get_args(TimeRole)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character span ``[start, end)`` of :attr:`Document.raw`.

    ``text`` must equal ``raw[start:end]``; :func:`extract.records.check_spans`
    verifies that for a whole extraction.
    """

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """The span as ``"start-end"``, used as a record key."""
        return f"{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class Document:
    """One input document, decoded and normalized.

    Attributes
    ----------
    name : str
        The file name (basename); ``dcterms:identifier`` in the graph.
    raw : str
        The decoded text exactly as read (for HTML pages: the main text taken
        from the page). All spans index into it.
    text : str
        The normalized text (traditional folded to simplified, line breaks a
        scraper put inside sentences left out). Same length as ``raw`` when
        ``offsets`` is ``None``.
    offsets : tuple of int or None
        ``offsets[i]`` is the index in ``raw`` of ``text[i]``; one more entry
        than ``len(text)`` so that end offsets map too. ``None`` means the
        identity map.
    excluded : tuple of Span
        Boilerplate (site names, 上一篇/下一篇, copyright lines...) to ignore,
        in ``raw`` coordinates. Nothing is removed from ``raw``.
    encoding : str
        The detected encoding of the source bytes (``"utf-8"``, ``"gb18030"``...).
    sha256 : str
        Hex digest of the source bytes; drives incremental builds.
    media_type : str
        ``"text/plain"`` or ``"text/html"``.
    """

    name: str
    raw: str
    text: str
    offsets: tuple[int, ...] | None = None
    excluded: tuple[Span, ...] = ()
    encoding: str = "utf-8"
    sha256: str = ""
    media_type: str = "text/plain"

    def to_raw(self, i: int) -> int:
        """Map an index of :attr:`text` to an index of :attr:`raw`."""
        return i if self.offsets is None else self.offsets[i]

    def span(self, start: int, end: int) -> Span:
        """Build a raw :class:`Span` from ``[start, end)`` of the normalized text.

        The end maps through the last character, so a line break the normalized
        text left out after it is not part of the span.
        """
        o = self.offsets  # to_raw, read inline (a span is built for every record)
        if o is None:
            rs, re_ = start, (end if end > start else start)
        else:
            rs = o[start]
            re_ = o[end - 1] + 1 if end > start else rs
        return Span(rs, re_, self.raw[rs:re_])

    def raw_span(self, start: int, end: int) -> Span:
        """Build a :class:`Span` from ``[start, end)`` of :attr:`raw`."""
        return Span(start, end, self.raw[start:end])


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the document says about itself.

    ``date`` is the speech's own date, normalized like a time expression
    (``"2005-08-08"`` or ``"--02-23"``); ``year`` the year the document states
    (from a date, a document number such as ``[2005]41号``), if any;
    ``batch`` the campaign batch (``"第二批"``) when the text names one.
    """

    title: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    level: str | None = None
    campaign: str | None = None
    batch: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which rule produced a fact and how sure it is (0..1)."""

    rule: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Actor:
    """A body, group or person (DOMAIN.md section 2).

    ``scope`` decides merging across documents: ``"global"`` actors (中央,
    its organs, generic categories such as 党员 or 群众) share one node across
    the corpus; ``"local"`` ones (区委, 县委督导组...) are bound to a
    jurisdiction: ``jurisdiction`` when the text names it, else the document.
    ``kind`` is the generic type (督导组 for 区委督导组) that stays queryable.
    """

    label: str
    type: ActorType
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    level: str | None = None
    scope: Literal["global", "local"] = "local"
    jurisdiction: str | None = None
    kind: str | None = None
    role: str | None = None
    prov: Provenance = Provenance("actor.lexicon")

    @property
    def key(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class Phase:
    """A stage (``kind="stage"``) or step (``kind="step"``) with its mentions."""

    label: str
    kind: Literal["stage", "step"]
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    prov: Provenance = Provenance("phase.lexicon")

    @property
    def key(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date, range or named period; ``normalized`` is ``None`` when redacted."""

    span: Span
    normalized: str | None
    role: TimeRole
    prov: Provenance = Provenance("time.pattern")

    @property
    def key(self) -> str:
        return self.span.key


@dataclass(frozen=True, slots=True)
class Quantity:
    """A bound such as 不少于45个学时 -> (``>=``, 45, 学时); ``value`` None when redacted."""

    comparator: Comparator
    value: int | float | str | None
    unit: str
    span: Span


@dataclass(frozen=True, slots=True)
class Requirement:
    """A directive clause (DOMAIN.md section 2).

    ``actors`` are actor keys; ``stage`` a stage key; ``deadline`` a time key.
    """

    span: Span
    modality: Modality
    actors: tuple[str, ...] = ()
    stage: str | None = None
    deadline: str | None = None
    quantities: tuple[Quantity, ...] = ()
    prov: Provenance = Provenance("requirement.cue")

    @property
    def key(self) -> str:
        return self.span.key


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two records of the same document, by kind and key."""

    type: RelationType
    source_kind: NodeKind
    source: str
    target_kind: NodeKind
    target: str
    evidence: Span | None = None
    prov: Provenance = Provenance("relation.pattern")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    actors: tuple[Actor, ...] = ()
    stages: tuple[Phase, ...] = ()
    steps: tuple[Phase, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    relations: tuple[Relation, ...] = ()


def iter_spans(ex: Extraction):
    """Yield every :class:`Span` an extraction holds."""
    yield from ex.document.excluded
    for a in ex.actors:
        yield from a.mentions
    for p in (*ex.stages, *ex.steps):
        yield from p.mentions
    for t in ex.times:
        yield t.span
    for r in ex.requirements:
        yield r.span
        for q in r.quantities:
            yield q.span
    for rel in ex.relations:
        if rel.evidence is not None:
            yield rel.evidence


def check_spans(ex: Extraction) -> list[Span]:
    """Return the spans whose text is not ``raw[start:end]`` (empty when all hold).

    Examples
    --------
    >>> doc = Document("a.txt", "县委要抓好", "县委要抓好")
    >>> actor = Actor("县委", "PartyCommittee", (Span(0, 2, "县委"),))
    >>> check_spans(Extraction(doc, actors=(actor,)))
    []
    """
    raw = ex.document.raw
    return [
        s
        for s in iter_spans(ex)
        if not (0 <= s.start <= s.end <= len(raw) and raw[s.start : s.end] == s.text)
    ]
