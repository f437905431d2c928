"""The RDF graph of a build: IRIs, one document's triples, N-Quads, the Oxigraph store, leases.

:mod:`~kg.graph.iri` mints every instance IRI, :mod:`~kg.graph.rdf` turns an extraction
into its named graph, :mod:`~kg.graph.nquads` serializes it, :mod:`~kg.graph.store`
opens and loads the store and :mod:`~kg.graph.leases` keeps a store in use from removal.
"""
