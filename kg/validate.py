"""SHACL validation of a build with pyshacl against ``ontology/shapes.ttl``.

Examples
--------
>>> from rdflib import Graph
>>> conforms, _ = validate_graph(Graph())
>>> conforms
True
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ontology.namespaces import load_ontology, load_shapes


def validate_graph(data: Graph) -> tuple[bool, list[str]]:
    """Validate ``data``; return whether it conforms and one line per violation."""
    from pyshacl import validate

    conforms, results, _text = validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    lines = _violations(results)
    return bool(conforms), lines


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
    path = Path(out) / "graph.ttl"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no build found (run `kg build --out {out}` first)")
    g = Graph()
    g.parse(path, format="turtle")
    return validate_graph(g)
