"""Lexicons, cue words and patterns: the extractor's data, in one place."""
