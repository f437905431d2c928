"""The JSON-LD context is valid and round-trips a graph through compaction."""

from __future__ import annotations

import json

import pytest
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from ontology.namespaces import CK, ID, context_path, load_context
from tests.ontology.ontology_minigraph import build_mini_graph


def _expansions(context: dict) -> dict[str, str]:
    """Term -> expanded IRI for the terms that map into ``ck:``."""
    out: dict[str, str] = {}
    for term, definition in context.items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        if isinstance(iri, str) and iri.startswith("ck:"):
            out[term] = str(CK._NS) + iri[3:]
    return out


def test_context_is_valid_json_without_a_version() -> None:
    # "@version": 1.1 makes JSON-LD 1.0 processors refuse the context; no 1.1 feature is used
    data = json.loads(context_path().read_text(encoding="utf-8"))
    assert "@version" not in data["@context"]


@pytest.mark.parametrize("mode", ["json-ld-1.0", "json-ld-1.1"])
def test_context_is_read_by_json_ld_processors_of_both_versions(mode: str) -> None:
    doc = {
        "@context": load_context()["@context"],
        "@id": "ckid:req/a.txt/0-9",
        "@type": "Requirement",
        "modality": "obligation",
        "confidence": "0.8",
    }
    quads = jsonld.to_rdf(doc, {"format": "application/n-quads", "processingMode": mode})
    assert sorted(quads.splitlines()) == [
        f"<{ID}req/a.txt/0-9> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<{CK.Requirement}> .",
        f"<{ID}req/a.txt/0-9> <{CK.confidence}> "
        f'"0.8"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
        f"<{ID}req/a.txt/0-9> <{CK.modality}> <{CK.obligation}> .",
    ]


def test_context_sets_no_default_language() -> None:
    assert "@language" not in load_context()["@context"]


def test_context_terms_are_ck_terms() -> None:
    expansions = _expansions(load_context()["@context"])
    assert expansions
    assert {t: iri for t, iri in expansions.items() if iri not in CK} == {}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_compacted_graph_parses_back_isomorphic() -> None:
    graph = build_mini_graph()
    text = graph.serialize(format="json-ld", context=load_context()["@context"])
    assert isomorphic(Graph().parse(data=text, format="json-ld"), graph)


def test_compaction_uses_short_names() -> None:
    text = build_mini_graph().serialize(format="json-ld", context=load_context()["@context"])
    nodes = json.loads(text)["@graph"]
    requirement = next(n for n in nodes if n.get("@type") == "Requirement")
    assert requirement["modality"] == "obligation"
