"""The one place the workbench's addresses are made: a span of a document, an actor, a table.

Every quote shown anywhere (workbench pages, ``kg who --format md/json``)
points to :func:`span_href`, ``/doc/NAME#START-END``: the reader scrolls to
that span and highlights it. Names are percent-encoded whole (a JSON Lines
document is called ``file.jsonl#7``), so a name never breaks the address.

Examples
--------
>>> span_href("a.txt", 3, 9)
'/doc/a.txt#3-9'
>>> span_href("news.jsonl#7", 0, 4)
'/doc/news.jsonl%237#0-4'
>>> parse_fragment("3-9"), parse_fragment("x")
((3, 9), None)
>>> actor_href("https://w3id.org/campaign-kg/id/actor/01ff")
'/actor/01ff'
>>> document_name("https://w3id.org/campaign-kg/id/doc/news.jsonl%237")
'news.jsonl#7'
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from ontology.namespaces import ID

_FRAGMENT = re.compile(r"^(\d+)-(\d+)$")
_ACTOR_BASE = str(ID["actor/"])
_DOC_BASE = str(ID["doc/"])


def doc_href(name: str) -> str:
    """The reader's address of document ``name``."""
    return "/doc/" + quote(name, safe="")


def document_name(document_iri: str) -> str | None:
    """The name of the document whose ``ck:Document`` IRI is ``document_iri``, or ``None``."""
    if not document_iri.startswith(_DOC_BASE):
        return None
    key = document_iri[len(_DOC_BASE) :]
    return unquote(key) if key and "/" not in key else None


def span_href(name: str, start: int, end: int) -> str:
    """The reader's address of the span ``[start, end)`` of document ``name``."""
    return f"{doc_href(name)}#{int(start)}-{int(end)}"


def parse_fragment(fragment: str) -> tuple[int, int] | None:
    """``(start, end)`` of a ``START-END`` fragment, or ``None``."""
    m = _FRAGMENT.match(fragment)
    return (int(m.group(1)), int(m.group(2))) if m else None


def actor_key(actor_iri: str) -> str | None:
    """The short key of an actor IRI (its last path segment), or ``None`` for another IRI."""
    if not actor_iri.startswith(_ACTOR_BASE):
        return None
    key = actor_iri[len(_ACTOR_BASE) :]
    return key if key and "/" not in key else None


def actor_iri(key: str) -> str:
    """The actor IRI of a short key (inverse of :func:`actor_key`)."""
    return str(ID["actor/" + key])


def actor_href(actor_iri: str) -> str:
    """The address of an actor's page."""
    return "/actor/" + quote(actor_key(actor_iri) or "", safe="")
