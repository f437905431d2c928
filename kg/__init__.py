"""Records to knowledge graph: IRIs, RDF, the store, SPARQL, NetworkX, HTML, CLI."""
