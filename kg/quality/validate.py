"""SHACL validation of a build with pyshacl against ``ontology/shapes.ttl``.

pyshacl evaluates a SPARQL-based constraint (``sh:sparql``) once per focus node
and re-parses its query every time (about 30 ms each: two minutes for the seeds).
Constraints of shapes targeted only by ``sh:targetClass`` are therefore run here
once over the whole graph, with ``$this`` as an ordinary variable, and their
results restricted to the shape's targets; everything else goes to pyshacl.

Examples
--------
>>> from rdflib import Graph
>>> conforms, _ = validate_graph(Graph())
>>> conforms
True
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.builddir import BuildDir
from ontology.namespaces import RDF, RDFS, SH, load_ontology, load_shapes


def validate_graph(data: Graph) -> tuple[bool, list[str]]:
    """Validate ``data``; return whether it conforms and one line per violation."""
    from pyshacl import validate

    ontology = load_ontology()
    core, sparql = _split_sparql_constraints(load_shapes())
    conforms, results, _text = validate(
        data,
        shacl_graph=core,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    extra = _sparql_violations(data, ontology, sparql)
    return bool(conforms) and not extra, sorted(_violations(results) + extra)


# (target classes, SELECT query, message) of one SPARQL-based constraint
_SparqlConstraint = tuple[tuple[URIRef, ...], str, str]


def _split_sparql_constraints(shapes: Graph) -> tuple[Graph, list[_SparqlConstraint]]:
    """The shapes minus the class-targeted SPARQL constraints, and those constraints."""
    core = Graph()
    for t in shapes:
        core.add(t)
    out: list[_SparqlConstraint] = []
    other_targets = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        classes = tuple(sorted(shapes.objects(shape, SH.targetClass)))
        select = shapes.value(constraint, SH.select)
        if (
            not classes
            or select is None
            or any(shapes.value(shape, t) is not None for t in other_targets)
            or shapes.value(constraint, SH.prefixes) is not None
            or shapes.value(constraint, SH.deactivated) is not None
        ):
            continue
        core.remove((shape, SH.sparql, constraint))
        message = shapes.value(constraint, SH.message)
        out.append((classes, str(select), str(message) if message else str(constraint)))
    return core, out


def _instances(data: Graph, ontology: Graph, classes: tuple[URIRef, ...]) -> set[Node]:
    todo, seen = list(classes), set(classes)
    while todo:
        cls = todo.pop()
        for sub in (*ontology.subjects(RDFS.subClassOf, cls), *data.subjects(RDFS.subClassOf, cls)):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return {s for c in seen for s in data.subjects(RDF.type, c)}


def _fill(message: str, values: dict) -> str:
    """Substitute ``{?var}`` / ``{$var}`` in a constraint message with the row's values."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(values.get(m[1], m[0])), message)


def _sparql_violations(
    data: Graph, ontology: Graph, constraints: list[_SparqlConstraint]
) -> list[str]:
    out = []
    for classes, select, message in constraints:
        targets = _instances(data, ontology, classes)
        for row in data.query(select):
            values = row.asdict()
            focus = values.get("this")
            if focus not in targets:
                continue
            text = _fill(message, values)
            out.append(f"{focus} : {text}")
    return sorted(set(out))


def _violations(results: Graph) -> list[str]:
    from rdflib.namespace import SH

    out = []
    for r in results.subjects(predicate=SH.focusNode):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        out.append(f"{focus} {path or ''}: {msg}")
    return sorted(out)


def validate_build(out: Path) -> tuple[bool, list[str]]:
    """Validate the ``graph.ttl`` of the build in ``out``."""
    path = BuildDir(out).graph_ttl
    if not path.exists():
        raise FileNotFoundError(f"{path}: no build found (run `kg build --out {out}` first)")
    g = Graph()
    g.parse(path, format="turtle")
    return validate_graph(g)
