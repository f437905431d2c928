"""A build out to other tools: RDF formats, GraphML/GEXF, CSV tables, a SPARQL store.

:mod:`~kg.export.rdf` is ``kg export`` (:mod:`~kg.export.graphs` and
:mod:`~kg.export.tables` for the graph and table formats); :mod:`~kg.export.push`
is ``kg push``.
"""
