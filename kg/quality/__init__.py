"""Checking a build: counts (:mod:`~kg.quality.summary`), SHACL (:mod:`~kg.quality.validate`),
and scores against gold (:mod:`~kg.quality.evaluate`, :mod:`~kg.quality.match`,
:mod:`~kg.quality.gold_diff`).
"""
