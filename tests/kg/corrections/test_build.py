"""Real builds with corrections: all outputs show them, rebuilds byte-identical, orphans told."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from kg.build.run import build
from kg.cli.main import cli
from kg.corrections import ledger
from kg.corrections.apply import read_graph
from kg.corrections.hook import current_orphans
from kg.corrections.records import Change, Correction, Target
from kg.export.rdf import export
from kg.graph import iri
from kg.graph.store import open_store, query
from kg.nx.cache import saved_graph
from ontology.namespaces import CK, OA, PREFIXES, RDF

A_TEXT = (
    "县委督导组要加强督促检查。各支部要在4月10日前完成自查，撰写心得不少于3篇。"
    "督导组不得代替支部工作。支部报党委审批。"
)
B_TEXT = "各党委要认真组织学习。党员要积极参加。"
WHEN = "2026-03-01T08:00:00Z"


def write_corpus(folder: Path, a_text: str = A_TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(a_text, encoding="utf-8")
    (folder / "b.txt").write_text(B_TEXT, encoding="utf-8")
    return folder


def requirement_at(out: Path, document: str, text: str, head: str) -> tuple[int, int]:
    """The span of the requirement of ``document`` that covers where ``head`` starts."""
    g = read_graph((out / "graph.nq").read_text(encoding="utf-8"))
    at = text.index(head)
    for r in g.subjects(RDF.type, CK.Requirement):
        for ev in g.objects(r, CK.evidence):
            start, end = int(g.value(ev, OA.start)), int(g.value(ev, OA.end))
            if (ev, CK.document, iri.document_iri(document)) in g and start <= at < end:
                return start, end
    raise AssertionError(f"no requirement at {head}")


def modality_fix(span: tuple[int, int], document: str = "a.txt") -> Correction:
    return Correction(
        action="modality",
        target=Target(document, "requirement", *span),
        change=Change(modality="exhortation"),
        author="王",
        time=WHEN,
        memo="是号召",
    )


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    """A build of the two documents without corrections."""
    root = tmp_path_factory.mktemp("plain")
    out = root / "out"
    build([write_corpus(root / "in")], out, progress=False, views=False)
    return out


@pytest.fixture(scope="module")
def corrected(plain, tmp_path_factory) -> tuple[Path, Correction, tuple[int, int]]:
    """The plain build copied, given a correction, rebuilt (nothing re-extracted)."""
    root = tmp_path_factory.mktemp("corrected")
    out = root / "out"
    shutil.copytree(plain, out, symlinks=True)
    span = requirement_at(plain, "a.txt", A_TEXT, "督导组不得")
    c = modality_fix(span)
    ledger.append(out, [c])
    report = build([plain.parent / "in"], out, progress=False, views=True)
    assert report.extracted == 0 and report.orphaned == []
    return out, c, span


def modality_in(out: Path, span: tuple[int, int], where: str) -> set[str]:
    node = iri.requirement_iri("a.txt", f"{span[0]}-{span[1]}")
    if where in ("graph.ttl", "graph.nq", "export"):
        if where == "graph.nq":
            g = read_graph((out / "graph.nq").read_text(encoding="utf-8"))
        elif where == "graph.ttl":
            g = Graph().parse(out / "graph.ttl", format="turtle")
        else:
            export(out, "json-ld", out.parent / "export.jsonld")
            g = Graph().parse(out.parent / "export.jsonld", format="json-ld")
        return {str(m).rsplit("#", 1)[-1] for m in g.objects(node, CK.modality)}
    if where == "store":
        rows = query(open_store(out), f"SELECT ?m WHERE {{ <{node}> <{CK.modality}> ?m }}")
        return {r["m"].value.rsplit("#", 1)[-1] for r in rows}
    if where == "projection":
        return {saved_graph(out).nodes[str(node)]["modality"]}
    if where == "graph.html":  # the explore page names the modality in the requirement's panel
        import json
        import re

        from kg.html.reader import VALUE_NAMES

        text = (out / "graph.html").read_text(encoding="utf-8")
        blob = re.search(r'id="explore-data">(.*?)</script>', text, re.S).group(1)
        quote = A_TEXT[span[0] : span[1]].rstrip("。")
        props = next(n[6] for n in json.loads(blob)["nodes"] if n[1] == quote)
        values = {v for _, v in props}
        return {str(m).rsplit("#", 1)[-1] for m, name in VALUE_NAMES.items() if name in values}
    raise AssertionError(where)


@pytest.mark.parametrize(
    "where", ["graph.nq", "graph.ttl", "store", "projection", "export", "graph.html"]
)
def test_every_output_shows_the_corrected_fact(corrected, where):
    out, _, span = corrected
    assert modality_in(out, span, where) == {"exhortation"}


@pytest.mark.parametrize("where", ["graph.nq", "store", "projection"])
def test_plain_build_shows_the_extracted_fact(plain, corrected, where):
    assert modality_in(plain, corrected[2], where) == {"prohibition"}


def test_the_store_keeps_the_replaced_value_with_its_provenance(corrected):
    out = corrected[0]
    rows = query(
        open_store(out),
        "SELECT ?old ?who ?when WHERE { ?c ck:extractedValue ?old ; "
        "prov:wasAssociatedWith/rdfs:label ?who ; prov:endedAtTime ?when }",
        prefixes={k: str(PREFIXES[k]) for k in ("ck", "prov", "rdfs")},
    )
    got = [(r["old"].value, r["who"].value, r["when"].value) for r in rows]
    assert got == [(str(CK.prohibition), "王", WHEN)]


def test_manifest_keeps_the_extracted_graph_beside_the_corrected_one(corrected):
    out, c, _ = corrected
    entry = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]["a.txt"]
    assert entry["corrections"] == [c.id]
    assert (out / "cache" / entry["extracted"]).is_file() and (
        out / "cache" / entry["cache"]
    ).is_file()


def test_a_clean_build_with_the_same_corrections_is_byte_identical(corrected, tmp_path):
    out, c, _ = corrected
    ledger.append(tmp_path / "out", [c])
    build([write_corpus(tmp_path / "in")], tmp_path / "out", progress=False, views=False)
    for name in ("graph.nq", "graph.ttl", "summary.md"):
        assert (tmp_path / "out" / name).read_bytes() == (out / name).read_bytes(), name


def test_re_extraction_keeps_every_correction_applied(corrected, tmp_path):
    out, _, _ = corrected
    again = tmp_path / "out"
    shutil.copytree(out, again, symlinks=True)
    shutil.rmtree(again / "cache")  # as after a change of extractor code: all re-extracted
    report = build([write_corpus(tmp_path / "in")], again, progress=False, views=False)
    assert report.extracted == 2
    assert (again / "graph.nq").read_bytes() == (out / "graph.nq").read_bytes()


def test_dropping_the_corrections_restores_the_extracted_graph(corrected, plain, tmp_path):
    out, _, _ = corrected
    again = tmp_path / "out"
    shutil.copytree(out, again, symlinks=True)
    ledger.path(again).unlink()
    report = build([plain.parent / "in"], again, progress=False, views=False)
    assert report.extracted == 0
    assert (again / "graph.nq").read_bytes() == (plain / "graph.nq").read_bytes()


def test_a_build_without_corrections_leaves_the_manifest_as_before(plain):
    entries = json.loads((plain / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert all(set(e) == {"sha256", "cache", "graph", "counts"} for e in entries.values())
    assert len(list((plain / "cache").glob("*.nq"))) == 2


@pytest.fixture
def edited(plain, tmp_path) -> tuple[Path, Correction, list[str]]:
    """A correction made on the plain build, then a.txt edited so its spans moved."""
    out = tmp_path / "out"
    shutil.copytree(plain, out, symlinks=True)
    c = modality_fix(requirement_at(plain, "a.txt", A_TEXT, "督导组不得"))
    ledger.append(out, [c])
    corpus = write_corpus(tmp_path / "in", "同志们：" + A_TEXT)
    warnings: list[str] = []
    report = build([corpus], out, progress=False, views=False, warn=warnings.append)
    return out, c, report.orphaned, warnings


def test_edited_document_reports_its_orphaned_correction(edited):
    _, c, orphaned, _ = edited
    assert len(orphaned) == 1 and orphaned[0].startswith(f"{c.id} modality a.txt requirement")


def test_orphan_is_one_warning_line(edited):
    _, c, _, warnings = edited
    assert [w for w in warnings if c.id in w] == [w for w in warnings if "orphaned" in w]
    assert len([w for w in warnings if c.id in w]) == 1


def test_orphan_is_listed_and_kept(edited):
    out, c, _, _ = edited
    assert [o.correction.id for o in current_orphans(out)] == [c.id]
    assert c in ledger.read(out)


def test_kg_build_prints_one_warning_line_per_orphan(plain, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(plain, out, symlinks=True)
    gone = [modality_fix((i, i + 3), "gone.txt") for i in (0, 10)]
    ledger.append(out, gone)
    r = CliRunner().invoke(
        cli, ["build", str(plain.parent / "in"), "--out", str(out), "--no-views"]
    )
    assert r.exit_code == 0, r.output
    lines = [line for line in r.stderr.splitlines() if "orphaned correction" in line]
    assert sorted(line.split()[4] for line in lines) == sorted(c.id for c in gone)


def _with_added_requirement(plain, tmp_path):
    """A copy of the plain build whose ledger adds a requirement of b.txt (out, start, quote)."""
    out = tmp_path / "out"
    shutil.copytree(plain, out, symlinks=True)
    start = B_TEXT.index("党员要")
    quote = "党员要积极参加"
    add = Correction(
        action="add.requirement",
        target=Target("b.txt", "requirement", start, start + len(quote)),
        change=Change(quote=quote, modality="exhortation"),
        author="王",
        time=WHEN,
    )
    ledger.append(out, [add])
    return out, start, quote


def test_added_fact_reaches_the_store_with_its_quote(plain, tmp_path):
    out, start, quote = _with_added_requirement(plain, tmp_path)
    report = build([plain.parent / "in"], out, progress=False, views=False)
    assert report.orphaned == []
    node = iri.requirement_iri("b.txt", f"{start}-{start + len(quote)}")
    g = read_graph((out / "graph.nq").read_text(encoding="utf-8"))
    assert (node, CK.modality, CK.exhortation) in g
    ev = g.value(node, CK.evidence)
    assert g.value(ev, OA.exact) == Literal(quote)


def test_an_added_span_whose_text_changed_is_orphaned(plain, tmp_path):
    out, start, quote = _with_added_requirement(plain, tmp_path)
    corpus = write_corpus(tmp_path / "in")
    (corpus / "b.txt").write_text("通知：" + B_TEXT, encoding="utf-8")
    report = build([corpus], out, progress=False, views=False)
    assert [line.split(": ", 1)[1] for line in report.orphaned] == [
        f"the text at {start}-{start + len(quote)} is no longer {quote!r}"
    ]


def test_graph_from_the_store_equals_graph_nq(corrected):
    out = corrected[0]
    documents = str(iri.graph_iri(""))
    quads = [
        q
        for q in open_store(out).quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(documents)
    ]
    from_store = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    from_file = (out / "graph.nq").read_text(encoding="utf-8")
    assert isomorphic(read_graph(from_store), read_graph(from_file))


def test_a_bad_corrections_file_stops_the_build_in_one_line(plain, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(plain, out, symlinks=True)
    ledger.path(out).write_text(modality_fix((0, 3)).to_line() + "\n{oops\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["build", str(plain.parent / "in"), "--out", str(out)])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"kg: error: {ledger.path(out)}:2: not JSON")
    assert r.stderr.count("\n") == 1
    assert (out / "graph.nq").read_bytes() == (plain / "graph.nq").read_bytes()


def test_several_workers_publish_the_same_corrected_build(corrected, tmp_path):
    out, c, _ = corrected
    ledger.append(tmp_path / "out", [c])
    build([write_corpus(tmp_path / "in")], tmp_path / "out", progress=False, views=False, workers=2)
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (out / "graph.nq").read_bytes()


def test_a_lost_corrected_graph_is_made_again(corrected, tmp_path):
    out, _, _ = corrected
    again = tmp_path / "out"
    shutil.copytree(out, again, symlinks=True)
    entry = json.loads((again / "manifest.json").read_text(encoding="utf-8"))["documents"]["a.txt"]
    (again / "cache" / entry["cache"]).unlink()
    report = build([write_corpus(tmp_path / "in")], again, progress=False, views=False)
    assert report.extracted == 0 and (again / "cache" / entry["cache"]).is_file()
    assert (again / "graph.nq").read_bytes() == (out / "graph.nq").read_bytes()


def test_an_unchanged_rebuild_keeps_the_manifest(corrected, tmp_path):
    out, _, _ = corrected
    again = tmp_path / "out"
    shutil.copytree(out, again, symlinks=True)
    build([write_corpus(tmp_path / "in")], again, progress=False, views=False)
    docs = [
        json.loads((d / "manifest.json").read_text(encoding="utf-8"))["documents"]
        for d in (out, again)
    ]
    assert docs[0] == docs[1]


def test_applying_from_the_cache_gives_the_build_s_bytes(corrected, plain, tmp_path):
    out, c, _ = corrected
    again = tmp_path / "out"
    shutil.copytree(plain, again, symlinks=True)
    ledger.append(again, [c])
    r = CliRunner().invoke(cli, ["corrections", "apply", "--out", str(again), "--no-views"])
    assert r.exit_code == 0 and "0 orphaned" in r.output
    for name in ("graph.nq", "graph.ttl", "summary.md"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_applying_without_corrections_restores_the_extracted_build(corrected, plain, tmp_path):
    out, _, _ = corrected
    again = tmp_path / "out"
    shutil.copytree(out, again, symlinks=True)
    ledger.path(again).unlink()
    CliRunner().invoke(cli, ["corrections", "apply", "--out", str(again)])
    assert (again / "graph.nq").read_bytes() == (plain / "graph.nq").read_bytes()


def test_the_corrections_code_fingerprint_reads_existing_files():
    from kg.corrections.hook import CODE

    root = Path(__file__).resolve().parents[3]
    assert [p for p in CODE if not (root / p).exists()] == []
