"""The facts the scores read, from the NetworkX projection of a built graph.

:class:`GraphView` answers what the shared scorer (``eval/score.py``) asks of
the RDF (DOMAIN.md section 4) from the projection (:mod:`kg.nx.projection`):
names (``label`` and ``aliases``), the document and span of requirements and
time expressions (their evidence), modality, role, normalized values,
quantities and the edges ``mentionedIn``, ``responsibleActor``, ``deadline``
and the relations. :func:`read_view` makes it from a build or an RDF file.

The scorer matches greedily, so its figures follow the order in which rdflib
hands out nodes and relation edges: the order of their triples in the file
it parsed (a node: its ``rdf:type`` triple; a relation: its target's first
triple, then its own). A view keeps that order: the file's order for an RDF
file; for a build, the order of its ``graph.ttl`` (triples sorted by their
N-Triples form, ``<iri>``). A dataset file (``.nq``, ``.trig``) is taken in
file order too, where rdflib's order follows the hash seed.

Examples
--------
>>> from kg.nx.examples import example_graph
>>> gv = GraphView(example_graph())
>>> gv.mentioned("Stage", gv.docs["a.txt"]), gv.with_evidence("Requirement", "doc:a")
(['stage:1', 'stage:2'], [('req:1', (0, 17))])
>>> sorted(gv.names("actor:dd")), gv.relations("precedes")
(['督导组'], [('stage:1', 'stage:2')])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.graph import schema
from kg.graph.iri import local_name
from kg.graph.store import term_value
from kg.nx.projection import project_quads
from kg.quality.match import REL_PROPS, norm, norm_stage
from kg.quality.quads import quad_tuples, rdf_file
from ontology.namespaces import CK, OA, RDF

RuleKey = tuple[str, str, str, str, int, int]
"""A relation assertion as its edge's evidence names it: (source, key, target, document,
start, end)."""

_TYPE = str(RDF.type)
_VIEWED = frozenset(str(c.iri) for c in schema.VIEWED)
_RELATION = {str(CK[k]): k for k in REL_PROPS}
_RULE_FACTS = frozenset(
    str(p)
    for p in (
        *(RDF.subject, RDF.predicate, RDF.object, CK.rule, CK.evidence),
        *(CK.document, OA.start, OA.end),
    )
)


class GraphView:
    """The facts of one graph, read through its projection.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    node_rank, edge_rank : dict, optional
        Where each node's ``rdf:type`` triple and each relation's triple
        ``(source, key, target)`` come in the parsed file; by default the
        order of a build's ``graph.ttl``.
    rules : dict, optional
        The rule of each relation assertion (:data:`RuleKey` -> rule id).
    """

    def __init__(
        self,
        G: nx.MultiDiGraph,
        node_rank: dict[str, Any] | None = None,
        edge_rank: dict[tuple[str, str, str], Any] | None = None,
        rules: dict[RuleKey, str] | None = None,
    ):
        self.G = G
        self.rules = rules or {}
        self._edge_rank = edge_rank
        if node_rank is None:
            order = sorted(G.nodes, key=lambda n: f"<{n}>")
        else:
            order = sorted(G.nodes, key=lambda n: (n not in node_rank, node_rank.get(n, 0)))
        self.order = order
        self.docs = {
            Path(str(G.nodes[n]["label"])).name: n
            for n in order
            if G.nodes[n].get("type") == "Document"
        }

    def label(self, node: str) -> str | None:
        """The node's ``rdfs:label`` (None when it has none: the projection then shows the IRI)."""
        label = self.G.nodes[node].get("label")
        return None if label is None or label == node else str(label)

    def labels(self, node: str) -> list[str]:
        """The node's ``rdfs:label`` as a list (empty when it has none)."""
        label = self.label(node)
        return [label] if label is not None else []

    def names(self, node: str) -> set[str]:
        """The node's label and aliases, folded (:func:`kg.quality.match.norm`)."""
        found = self.labels(node) + list(self.G.nodes[node].get("aliases", ()))
        return {n for n in (norm(x) for x in found) if n}

    def end_names(self, node: str) -> set[str]:
        """What a relation's end is matched by: its names and its label as a stage."""
        return self.names(node) | {norm_stage(x) for x in self.labels(node)}

    def targets(self, node: str, key: str) -> list[str]:
        """The targets of ``node``'s edges keyed ``key``."""
        return [v for v, keys in self.G.succ[node].items() if key in keys]

    def of_type(self, node_type: str) -> Iterator[str]:
        """The nodes of one type, in the view's order."""
        return (n for n in self.order if self.G.nodes[n].get("type") == node_type)

    def mentioned(self, node_type: str, doc: str) -> list[str]:
        """The nodes of one type mentioned in the document node ``doc``."""
        return [n for n in self.of_type(node_type) if "mentionedIn" in self.G.succ[n].get(doc, {})]

    def evidence(self, node: str, doc: str) -> tuple[int, int] | None:
        """The span of ``node``'s evidence in ``doc``, or None."""
        d = self.G.nodes[node]
        if d.get("document") != self.G.nodes[doc]["label"]:
            return None
        try:
            return int(d["start"]), int(d["end"])
        except (KeyError, TypeError, ValueError):
            return None

    def with_evidence(self, node_type: str, doc: str) -> list[tuple[str, tuple[int, int]]]:
        """The nodes of one type with evidence in ``doc``, with its span."""
        return [(n, span) for n in self.of_type(node_type) if (span := self.evidence(n, doc))]

    def literal(self, node: str, attr: str) -> str | None:
        """A node attribute as a string, or None."""
        v = self.G.nodes[node].get(attr)
        return None if v is None else str(v)

    def local(self, node: str, attr: str) -> str | None:
        """A node attribute's local name (:func:`kg.graph.iri.local_name`), or None."""
        v = self.literal(node, attr)
        return None if v is None else local_name(v)

    def relations(self, key: str) -> list[tuple[str, str]]:
        """The ``(source, target)`` of the edges keyed ``key``, in rdflib's order.

        Grouped by target, the targets in the order of their first edge, each
        group's sources in the order of their edges.
        """
        edges = [(u, v) for u, v, k in self.G.edges(keys=True) if k == key]
        rank = self._edge_rank

        def at(u: str, v: str) -> Any:
            if rank is None:
                return (f"<{u}>", f"<{v}>")
            return rank.get((u, key, v), len(rank))

        first: dict[str, Any] = {}
        for u, v in edges:
            r = at(u, v)
            if v not in first or r < first[v]:
                first[v] = r
        return sorted(edges, key=lambda e: (first[e[1]], at(*e)))


def read_view(path: Path | str, *, rules: bool = False) -> GraphView:
    """The view of a build directory (its ``graph.nq``) or of an RDF file.

    Parameters
    ----------
    path : path
        A build directory, or an RDF file (``.ttl``, ``.nt``, ``.nq``, ``.trig``,
        ``.jsonld``, ``.rdf``, ``.xml``).
    rules : bool
        Also read the rule of each relation assertion (for :mod:`kg.quality.gold_diff`).

    Raises
    ------
    ValueError
        When ``path`` is a file whose extension names no RDF format.
    """
    path = Path(path)
    build = path.is_dir()
    quads = rdf_file(path / "graph.nq" if build else path)
    node_rank: dict[str, int] = {}
    edge_rank: dict[tuple[str, str, str], int] = {}
    facts: dict[str, dict[str, Any]] = defaultdict(dict)

    def tee(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        for i, q in enumerate(quads):
            p = q.predicate.value
            if build:  # a build is taken in the order of its graph.ttl, not of graph.nq
                pass
            elif p == _TYPE and q.object.value in _VIEWED:
                node_rank.setdefault(term_value(q.subject), i)  # type: ignore[arg-type]
            elif p in _RELATION:
                s, o = term_value(q.subject), term_value(q.object)  # type: ignore[arg-type]
                edge_rank.setdefault((s, _RELATION[p], o), i)  # type: ignore[arg-type]
            if rules and p in _RULE_FACTS:
                facts[term_value(q.subject)][p] = term_value(q.object)  # type: ignore[arg-type, index]
            yield q

    G = project_quads(quad_tuples(tee(quads)))
    found = _rules(G, facts) if rules else None
    if build:
        return GraphView(G, rules=found)
    return GraphView(G, node_rank, edge_rank, found)


def _rules(G: nx.MultiDiGraph, facts: dict[str, dict[str, Any]]) -> dict[RuleKey, str]:
    """The rule of each reified relation, keyed as its edge's evidence names it."""
    names = {n: d["label"] for n, d in G.nodes(data=True) if d.get("type") == "Document"}
    s_, p_, o_, rule_, ev_ = (
        str(x) for x in (RDF.subject, RDF.predicate, RDF.object, CK.rule, CK.evidence)
    )
    out: dict[RuleKey, str] = {}
    for f in facts.values():
        key = _RELATION.get(f.get(p_))  # type: ignore[arg-type]
        if key is None or rule_ not in f or ev_ not in f:
            continue
        ev = facts.get(f[ev_], {})
        doc = names.get(ev.get(str(CK.document)))  # type: ignore[arg-type]
        if doc is not None:
            span = (ev.get(str(OA.start)), ev.get(str(OA.end)))
            out[(f.get(s_), key, f.get(o_), doc, *span)] = str(f[rule_])  # type: ignore[index]
    return out
