"""NetworkX analyses of a build: who is responsible, what comes first, who approves.

:func:`kg.nx.projection.project` turns the build's store into a
:class:`networkx.MultiDiGraph`; one module per family of questions works on it
(:mod:`~kg.nx.responsibility`, :mod:`~kg.nx.dependencies`, :mod:`~kg.nx.chains`,
:mod:`~kg.nx.timeline`, :mod:`~kg.nx.hubs`, :mod:`~kg.nx.consistency`,
:mod:`~kg.nx.compare`). Every analysis returns rows (dicts) that carry the
document and the quote they rest on.
"""

from kg.nx.projection import load_graph, project

__all__ = ["load_graph", "project"]
