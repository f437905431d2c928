"""The test suite; mirrors the packages extract, kg and ontology."""
