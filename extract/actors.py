"""Actors: bodies, groups and persons named in a document (DOMAIN.md section 2).

Public API (helper REQS codes against it):

* :func:`find_actors` ``(doc, meta) -> tuple[Actor, ...]``
* :func:`actor_index` ``(doc, meta) -> ActorIndex``: the actors plus every
  mention in normalized-text coordinates, for assigning responsible actors.

:class:`ActorIndex`:

* ``.actors``: the :class:`~extract.records.Actor` records (sorted by label);
* ``.mentions``: :class:`ActorMention` records sorted by ``start`` (a
  collective phrase such as 各党委、工委 gives one mention per member);
* ``.at(start, end)``: actor keys mentioned inside ``[start, end)`` of
  ``doc.text``, in text order, without repeats;
* ``.mentions_in(start, end)``: the mentions themselves;
* ``.resolve(surface)``: the key of the actor a surface form names
  (label, alias, or a generic form such as 督导组 / 各级党组织), else ``None``;
* ``.speaker``: the key of the body the speaker speaks for (我代表区委 -> 区委),
  else ``None``;
* ``.get(key)``: the :class:`Actor` of a key.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> doc = document_from_bytes("a.txt", "各党委、工委要督促各支部抓好学习。".encode())
>>> idx = actor_index(doc)
>>> idx.at(0, len(doc.text))
('党委', '工委', '党支部')
>>> idx.resolve("支部")
'党支部'
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.records import Actor, Document, DocumentMeta


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor: ``[start, end)`` of :attr:`Document.text`.

    ``surface`` is the normalized text of the mention; for a member of a
    collective phrase (工委 in 各党委、工委) the span covers that member only.
    """

    start: int
    end: int
    key: str
    surface: str


class ActorIndex:
    """The actors of one document and where they are mentioned (see module docstring)."""

    def __init__(
        self,
        actors: tuple[Actor, ...],
        mentions: tuple[ActorMention, ...],
        surfaces: dict[str, str],
        speaker: str | None = None,
    ):
        self.actors = actors
        self.mentions = mentions
        self.speaker = speaker
        self._surfaces = surfaces
        self._by_key = {a.key: a for a in actors}
        self._starts = [m.start for m in mentions]

    def get(self, key: str) -> Actor | None:
        """The actor with canonical label ``key``."""
        return self._by_key.get(key)

    def mentions_in(self, start: int, end: int) -> tuple[ActorMention, ...]:
        """Mentions lying entirely inside ``[start, end)`` of ``doc.text``."""
        import bisect

        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return tuple(out)

    def at(self, start: int, end: int) -> tuple[str, ...]:
        """Actor keys mentioned inside ``[start, end)``, in text order, no repeats."""
        seen: dict[str, None] = {}
        for m in self.mentions_in(start, end):
            seen.setdefault(m.key, None)
        return tuple(seen)

    def resolve(self, surface: str) -> str | None:
        """Key of the actor that ``surface`` (simplified) names in this document."""
        return self._surfaces.get(surface)


def actor_index(doc: Document, meta: DocumentMeta | None = None) -> ActorIndex:
    """Recognize the actors of ``doc`` and index their mentions."""
    raise NotImplementedError


def find_actors(doc: Document, meta: DocumentMeta | None = None) -> tuple[Actor, ...]:
    """The actors of ``doc`` (``actor_index(doc, meta).actors``)."""
    return actor_index(doc, meta).actors
