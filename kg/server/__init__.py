"""The SPARQL endpoint and browser pages (``kg serve``).

* :mod:`kg.server.app` the FastAPI application: ``/sparql`` (SPARQL 1.1
  Protocol, read-only), ``/catalog``, ``/describe``, the query page ``/`` and
  the build's HTML views; :mod:`kg.server.settings` what it is configured with;
* :mod:`kg.server.pool` runs queries in worker processes, each holding a
  read-only store handle and a lease on the store: a fast and a slow lane,
  admission control, timeouts, a replacement for every dead worker;
  :mod:`kg.server.follow` moves it to a newly published store after a rebuild;
* :mod:`kg.server.procs` a worker process seen from the server,
  :mod:`kg.server.worker` the worker process itself (memory cap, lease);
* :mod:`kg.server.guard` security headers, URL and in-flight limits, the
  access token; :mod:`kg.server.http` uvicorn configured (414 for overlong URLs);
  :mod:`kg.server.disconnect` stops a query whose client went away;
* :mod:`kg.server.negotiate` content negotiation; :mod:`kg.server.openapi` the
  OpenAPI description; :mod:`kg.server.views` the views' security policy;
* :mod:`kg.server.pages` server-side HTML (every value escaped).
"""
