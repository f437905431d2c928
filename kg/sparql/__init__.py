"""SPARQL over a build's store: running queries, formatting results, the saved-query catalog.

* :mod:`kg.sparql.query` runs a query (read-only handle, union default graph,
  result cap) and turns parser errors into one-line messages with a position;
* :mod:`kg.sparql.results` serializes results (W3C JSON, XML, CSV, TSV through
  pyoxigraph; Turtle, N-Triples, JSON-LD, RDF/XML for graphs; table and Markdown);
* :mod:`kg.sparql.text` scans query text (SERVICE refusal, where to bind values);
* :mod:`kg.sparql.catalog` holds the analysts' saved questions (``catalog/*.rq``)
  and binds their parameters as escaped ``VALUES`` blocks.
"""
