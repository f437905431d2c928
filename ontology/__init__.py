"""The campaign-kg vocabulary: OWL ontology, SHACL shapes, JSON-LD context, namespaces."""
