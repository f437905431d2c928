"""``kg export``: the build in another format (RDF, GraphML/GEXF, CSV)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import fatal_errors, out_option


@click.command(
    epilog="""Formats: turtle (ttl), nt, xml (rdfxml), json-ld (jsonld) hold the union of the
documents; nquads (nq) and trig hold one named graph per document; graphml and gexf
the NetworkX projection (for Gephi, yEd); csv a folder with nodes.csv, edges.csv and
requirements.csv.

Every RDF format holds the documents' data only, as graph.ttl and graph.nq do;
--ontology adds the ontology (its triples, or its named graph in nquads and trig),
which the default graph of `kg serve` holds too.

\b
Examples:
  kg export --format turtle > graph.ttl
  kg export --format trig --out seeds-build -o seeds.trig
  kg export --format nt --ontology -o with-vocabulary.nt
  kg export --format json-ld --doc 000_84104d4993cf4f96.txt -o one.jsonld
  kg export --format gexf -o graph.gexf
  kg export --format csv -o tables/
"""
)
@click.option("--format", "fmt", required=True, help="Export format (see below).")
@out_option
@click.option(
    "-o",
    "--output",
    "dest",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (a folder for csv; required there). Default: stdout.",
)
@click.option("--doc", "docs", multiple=True, help="Only this document (repeatable).")
@click.option(
    "--ontology/--no-ontology",
    default=False,
    show_default=True,
    help="Add the ontology to an RDF format (its triples, or its graph in nquads and trig).",
)
@fatal_errors
def export(fmt: str, out: Path, dest: Path | None, docs: tuple[str, ...], ontology: bool):
    """Export the build in --out as FORMAT, to -o PATH or stdout."""
    from kg.export.rdf import export as run_export

    stream = None if dest is not None else sys.stdout.buffer
    report = run_export(out, fmt, dest, docs, ontology=ontology, stream=stream)
    if stream is not None:
        stream.flush()
    if dest is not None:
        click.echo(
            f"exported {report.documents} documents as {report.format} to {dest} "
            f"({report.items} {_unit(report.format)})",
            err=True,
        )


def _unit(fmt: str) -> str:
    from kg.export.rdf import DATASET_FORMATS, GRAPH_FORMATS, TRIPLE_FORMATS

    if fmt in TRIPLE_FORMATS:
        return "triples"
    if fmt in DATASET_FORMATS:
        return "quads"
    return "nodes" if fmt in GRAPH_FORMATS else "requirements"
