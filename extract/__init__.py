"""Text to typed records: ingest, normalization, segmentation and extraction.

This package never imports rdflib, networkx, pyvis or ``kg`` (an import-linter
contract in ``pyproject.toml`` enforces it).
"""
