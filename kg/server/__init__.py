"""The SPARQL endpoint and browser pages (``kg serve``).

* :mod:`kg.server.app` the FastAPI application: ``/sparql`` (SPARQL 1.1
  Protocol, read-only), ``/catalog``, ``/describe``, the query page ``/`` and
  the build's HTML views;
* :mod:`kg.server.pool` runs queries in worker processes, each holding a
  read-only store handle, and kills a worker whose query overruns the timeout;
* :mod:`kg.server.worker` the worker process;
* :mod:`kg.server.negotiate` content negotiation;
* :mod:`kg.server.pages` server-side HTML (every value escaped).
"""
