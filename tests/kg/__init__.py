"""Tests of kg."""
