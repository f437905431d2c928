"""Relations between actors, stages, steps and requirements (DOMAIN.md section 2).

:func:`find_relations` ``(doc, actors, stages, steps, requirements)`` returns
``reportsTo``, ``approves``, ``supervises``, ``subOrganizationOf``,
``precedes`` and ``dependsOn`` edges, each with an evidence span and a
:class:`~extract.records.Provenance` naming the rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.actors import ActorIndex
from extract.records import Document, Phase, Relation, Requirement


def find_relations(
    doc: Document,
    actors: ActorIndex,
    stages: Sequence[Phase] = (),
    steps: Sequence[Phase] = (),
    requirements: Sequence[Requirement] = (),
) -> tuple[Relation, ...]:
    """Find the relations of one document (sorted, deterministic)."""
    raise NotImplementedError
