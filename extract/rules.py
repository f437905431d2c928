"""Every rule id the extractor names, declared in one place with its confidence.

``extract/data/rules.json`` maps each rule id (``rel.supervises.frame``) or family
(``requirement.cue.*``) to ``[confidence, description]``. Components ask
:func:`prov` for the :class:`~extract.records.Provenance` of a rule instead of
writing confidences themselves, so a rule's confidence is changed in one place and
an id no one declared fails at once.

Examples
--------
>>> prov("rel.supervises.frame")
Provenance(rule='rel.supervises.frame', confidence=0.8)
>>> prov("requirement.cue.要").confidence
0.8
>>> prov("rel.no.such.rule")
Traceback (most recent call last):
...
KeyError: "undeclared rule id 'rel.no.such.rule' (extract/data/rules.json)"
"""

from __future__ import annotations

import functools

from extract.lexicon import data_json
from extract.records import Provenance


@functools.cache
def _table() -> dict[str, tuple[float, str]]:
    return {k: (float(v[0]), str(v[1])) for k, v in data_json("rules.json").items() if k[0] != "_"}


@functools.cache
def prov(rule: str) -> Provenance:
    """The provenance of ``rule``: its id and declared confidence.

    Raises
    ------
    KeyError
        When neither the id nor a family (``prefix.*``) covering it is declared.
    """
    table = _table()
    if rule in table:
        return Provenance(rule, table[rule][0])
    parts = rule.split(".")
    for k in range(len(parts) - 1, 0, -1):
        family = ".".join(parts[:k]) + ".*"
        if family in table:
            return Provenance(rule, table[family][0])
    raise KeyError(f"undeclared rule id {rule!r} (extract/data/rules.json)")


def declared() -> list[tuple[str, float, str]]:
    """All declared rules and families: (id, confidence, description), sorted by id."""
    return sorted((k, c, d) for k, (c, d) in _table().items())
