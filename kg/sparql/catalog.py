"""The catalog of saved analyst questions: commented ``.rq`` files shipped in the package.

Each ``catalog/NAME.rq`` starts with comment lines: the first is a one-line
description; ``# param: NAME (description)`` lines declare parameters. A
parameter is bound by a ``VALUES`` block placed first in the query's outermost
``{ ... }`` group, built from terms escaped by pyoxigraph (``str()`` of a
``Literal`` or ``NamedNode``): the value can never change the query's shape.
Parameters named ``iri`` (or ``..._iri``) are IRIs; all others are plain
strings: compare them with ``STR(?label) = ?param``, or use them as the object
of a triple pattern where the stored literal is a plain string too (document
identifiers), which Oxigraph answers by an index lookup. The binding works in
any SPARQL 1.1 engine, so a bound query means the same from the CLI, over HTTP
and in rdflib.

Examples
--------
>>> entry = get("actor-responsibilities")
>>> entry.description.startswith("Responsibilities of an actor")
True
>>> [p.name for p in entry.params]
['actor']
>>> text = bind(entry, {"actor": 'x" } ; DROP ALL #'})
>>> 'VALUES ?actor { "x\\\\" } ; DROP ALL #" }' in text
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pyoxigraph as ox

from kg.errors import KgError
from kg.sparql.text import group_start

_PARAM = re.compile(r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*$")


class CatalogError(KgError, ValueError):
    """An unknown query name, a missing or unknown parameter, or a bad value (one line)."""


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter of a saved query."""

    name: str
    description: str

    @property
    def is_iri(self) -> bool:
        """True when the value is bound as an IRI rather than a string."""
        return self.name == "iri" or self.name.endswith("_iri")


@dataclass(frozen=True, slots=True)
class Entry:
    """One saved query: its name (file stem), description, parameters and text."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str


def parse_entry(name: str, text: str) -> Entry:
    """Read the description and parameters from the leading comment lines of ``text``.

    Examples
    --------
    >>> e = parse_entry("x", "# Count things.\\n# param: actor (an actor)\\nSELECT * {}")
    >>> e.description, e.params
    ('Count things.', (Param(name='actor', description='an actor'),))
    """
    description = ""
    params: list[Param] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params.append(Param(m.group(1), (m.group(2) or "").strip()))
        elif not description:
            description = line.lstrip("#").strip()
    return Entry(name, description, tuple(params), text)


def _read_dir(folder: str) -> dict[str, Entry]:
    root = files("kg.sparql").joinpath(folder)
    out = {}
    for res in root.iterdir():
        if res.name.endswith(".rq"):
            name = res.name[: -len(".rq")]
            out[name] = parse_entry(name, res.read_text(encoding="utf-8"))
    return dict(sorted(out.items()))


@cache
def load_catalog() -> dict[str, Entry]:
    """All saved queries of ``kg/sparql/catalog/``, by name, sorted."""
    return _read_dir("catalog")


@cache
def internal_queries() -> dict[str, Entry]:
    """The queries the server's pages run (``kg/sparql/queries/``), by name."""
    return _read_dir("queries")


def get(name: str) -> Entry:
    """The saved query ``name``.

    Raises
    ------
    CatalogError
        When there is no such query.
    """
    catalog = load_catalog()
    if name not in catalog:
        raise CatalogError(
            f"no saved query named {name!r} (kg query --list shows them: {', '.join(catalog)})"
        )
    return catalog[name]


def term(param: Param, value: str) -> str:
    """The SPARQL term for ``value``: an escaped string literal or a checked IRI.

    Raises
    ------
    CatalogError
        When an IRI parameter's value is not a valid IRI.

    Examples
    --------
    >>> term(Param("actor", ""), 'a"b\\n}')
    '"a\\\\"b\\\\n}"'
    >>> term(Param("iri", ""), "http://e/x>")
    Traceback (most recent call last):
    ...
    kg.sparql.catalog.CatalogError: parameter iri: not a valid IRI ('http://e/x>')
    """
    if param.is_iri:
        try:
            return str(ox.NamedNode(value))
        except ValueError:
            raise CatalogError(f"parameter {param.name}: not a valid IRI ({value!r})") from None
    return str(ox.Literal(value))


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["actor=督导组", ...]`` -> ``{"actor": "督导组"}``.

    Raises
    ------
    CatalogError
        When an item has no ``=`` or a name repeats.
    """
    out: dict[str, str] = {}
    for item in pairs:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CatalogError(f"--param {item!r}: expected NAME=VALUE")
        if name in out:
            raise CatalogError(f"--param {name} given twice")
        out[name] = value
    return out


def bind(entry: Entry, values: Mapping[str, str]) -> str:
    """The query text of ``entry`` with its parameters bound by a ``VALUES`` block.

    Raises
    ------
    CatalogError
        When a declared parameter is missing, an unknown one is given, or a
        value is invalid.
    """
    declared = {p.name: p for p in entry.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        expected = ", ".join(declared) or "none"
        raise CatalogError(
            f"{entry.name}: unknown parameter {unknown[0]!r} (parameters: {expected})"
        )
    missing = [p for p in entry.params if p.name not in values]
    if missing:
        p = missing[0]
        raise CatalogError(f"{entry.name}: missing --param {p.name}=... ({p.description})")
    if not entry.params:
        return entry.text
    names = " ".join(f"?{p.name}" for p in entry.params)
    terms = " ".join(term(p, values[p.name]) for p in entry.params)
    block = (
        f"VALUES ({names}) {{ ({terms}) }}"
        if len(entry.params) > 1
        else (f"VALUES {names} {{ {terms} }}")
    )
    try:
        at = group_start(entry.text) + 1
    except ValueError as e:
        raise CatalogError(f"{entry.name}: {e}") from None
    return f"{entry.text[:at]}\n  {block}\n{entry.text[at:]}"


_NAMES = """
SELECT DISTINCT ?name WHERE {
  { ?x rdfs:label ?n } UNION { ?x skos:altLabel ?n } UNION { ?x dcterms:identifier ?n }
  BIND(STR(?n) AS ?name)
}"""


def unmatched(store: ox.Store, entry: Entry, values: Mapping[str, str]) -> list[str]:
    """One line for each parameter value that names nothing in ``store``.

    A string value is matched against every label, alias (``skos:altLabel``)
    and document name (``dcterms:identifier``), whatever the language tag;
    the line then names the closest of them (:mod:`kg.suggest`). An IRI
    value matches when some triple mentions it. Meant for a query that gave
    no results: the empty answer then comes from a value that names nothing.

    Examples
    --------
    >>> store = ox.Store()
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), label, ox.Literal("督导组", language="zh")))
    >>> entry = get("actor-responsibilities")
    >>> unmatched(store, entry, {"actor": "督道组"})
    ["no label, alias or document name is '督道组' (parameter actor); closest: 督导组"]
    >>> unmatched(store, entry, {"actor": "督导组"})
    []
    """
    from kg.sparql.query import execute
    from kg.suggest import closest

    lines: list[str] = []
    names: set[str] | None = None
    for p in entry.params:
        value = values.get(p.name)
        if value is None:
            continue
        if p.is_iri:
            node = term(p, value)
            if not execute(store, f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}").boolean:
                lines.append(f"no triple mentions {node} (parameter {p.name})")
            continue
        if names is None:
            names = {row[0].value for row in execute(store, _NAMES).rows}
        if value not in names:
            near = closest(value, names)
            hint = f"; closest: {', '.join(near)}" if near else ""
            lines.append(
                f"no label, alias or document name is {value!r} (parameter {p.name}){hint}"
            )
    return lines
