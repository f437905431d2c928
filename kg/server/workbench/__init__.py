"""The analyst's workbench of ``kg serve``: documents, reader, tables, actor pages, explore.

Everything here reads the build directory (manifest, per-document cache,
kept texts) and never writes the store; pages are rendered on the server with
every value escaped and use only scripts and styles served from
``kg/server/workbench/static``.
"""
