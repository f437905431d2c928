"""The corrections step of a build: after extraction, before publishing.

:class:`BuildCorrections` reads the build's ``corrections.jsonl`` once; as
each document's extracted graph reaches the build (new or reused from the
cache), :meth:`BuildCorrections.apply` writes the corrected graph as another
cache file, named by the hash of its content, and the manifest entry points
at it (``cache``), keeping the extracted one beside it (``extracted``) so a
rebuild re-applies corrections without re-extracting. Everything published
(``graph.nq``, ``graph.ttl``, the store, the projection, the views, the
exports) is read from the entries' cache files, so it all shows the
corrected facts. The same extracted graph and the same corrections give the
same bytes.

:meth:`BuildCorrections.orphans` lists the corrections that changed nothing:
their target is gone, or their document is not in the build.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.build.run import build
>>> from kg.corrections import ledger
>>> from kg.corrections.records import Change, Correction, Target
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
>>> c = Correction(action="modality", change=Change(modality="exhortation"),
...     target=Target(document="a.txt", kind="requirement", start=0, end=8),
...     author="王", time="2026-01-02T03:04:05Z")
>>> gone = Correction(action="review", target=Target(document="b.txt", kind="document"),
...     author="王", time="2026-01-02T03:04:05Z")
>>> ledger.append(d / "out", [c, gone])
2
>>> report = build([d / "in"], d / "out", progress=False)
>>> [line.split(" ", 1)[1] for line in report.orphaned]
['review b.txt document: document not in the build']
>>> "#exhortation>" in (d / "out" / "graph.nq").read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections import defaultdict
from pathlib import Path

from kg import atomic
from kg.builddir import BuildDir
from kg.corrections import ledger
from kg.corrections.apply import Outcome, apply_document
from kg.corrections.records import Correction
from kg.fingerprint import code_digest
from kg.quality.summary import counts_from_nquads

NOT_BUILT = "document not in the build"


@functools.cache
def code_fingerprint() -> str:
    """Digest of the code that turns an extracted graph and corrections into a corrected one."""
    return code_digest(CODE)


CODE = ("kg/corrections", "kg/graph/iri.py", "kg/graph/nquads.py", "ontology/namespaces.py")


def _key(cname: str, corrections: list[Correction]) -> str:
    parts = [cname, code_fingerprint(), *(c.to_line() for c in corrections)]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def corrected_name(nquads: str) -> str:
    """Cache file name of a corrected graph: a hash of its text (``c`` + 23 hex + ``.nq``)."""
    return "c" + hashlib.sha1(nquads.encode("utf-8")).hexdigest()[:23] + ".nq"


class BuildCorrections:
    """The corrections of the build in ``out``, applied document by document."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.by_doc: dict[str, list[Correction]] = defaultdict(list)
        for c in ledger.read(self.out):
            self.by_doc[c.target.document].append(c)
        self.texts: dict[str, str] = {}
        self.outcomes: dict[str, tuple[Outcome, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.by_doc)

    def see(self, name: str, data: bytes) -> None:
        """Keep the text of a document whose corrections add spans (their quotes are checked)."""
        if any(c.change.quote is not None for c in self.by_doc.get(name, ())):
            from extract.ingest.reader import document_from_bytes

            with contextlib.suppress(Exception):  # the build skips it, with its own reason
                self.texts[name] = document_from_bytes(name, data).raw

    def apply(
        self, name: str, cname: str, *, write: bool = True, prev: dict | None = None
    ) -> tuple[str, dict[str, int] | None, dict]:
        """Apply the corrections of document ``name`` to its cached graph ``cname``.

        The corrected graph is written to the cache unless ``write`` is false.
        When ``prev`` (the document's entry in the last manifest) shows the
        same extracted graph corrected by the same corrections with the same
        code, its result is reused: nothing is parsed.

        Returns
        -------
        tuple
            The cache file name to publish (``cname`` itself when nothing
            applies), the counts of the corrected graph (None when
            unchanged), and the fields the document's manifest entry gains:
            ``extracted`` (the extracted graph's cache file),
            ``corrections`` (ids applied), ``orphaned`` (id -> why not) and
            ``corrected_by`` (a key of the extracted graph, the corrections
            and the code).
        """
        corrections = self.by_doc.get(name)
        if not corrections:
            return cname, None, {}
        cache = BuildDir(self.out).cache
        key = _key(cname, corrections)
        if (
            prev is not None
            and prev.get("corrected_by") == key
            and prev.get("extracted", prev.get("cache")) == cname
            and (cache / prev["cache"]).is_file()
        ):
            orphaned = prev.get("orphaned", {})
            self.outcomes[name] = tuple(Outcome(c, orphaned.get(c.id, "")) for c in corrections)
            fields = {k: prev[k] for k in ("extracted", "corrections", "orphaned") if k in prev}
            counts = prev.get("counts") if "extracted" in prev else None
            return prev["cache"], counts, fields | {"corrected_by": key}
        text = (cache / cname).read_text(encoding="utf-8")
        done = apply_document(text, name, corrections, self.texts.get(name))
        self.outcomes[name] = done.outcomes
        ids = [o.correction.id for o in done.outcomes if o.applied]
        orphaned = {o.correction.id: o.reason for o in done.outcomes if not o.applied}
        fields: dict = {"orphaned": orphaned} if orphaned else {}
        fields["corrected_by"] = key
        if not ids:
            return cname, None, fields
        new = corrected_name(done.nquads)
        if write and not (cache / new).exists():
            atomic.write_text(cache / new, done.nquads)
        counts = counts_from_nquads(done.nquads).types
        return new, counts, {"extracted": cname, "corrections": ids} | fields

    def orphans(self, built: set[str] | dict) -> list[Outcome]:
        """Corrections that changed nothing, in file order of their documents' names."""
        out = []
        for name in sorted(self.by_doc):
            if name not in built:
                out += [Outcome(c, NOT_BUILT) for c in self.by_doc[name]]
            else:
                out += [o for o in self.outcomes.get(name, ()) if not o.applied]
        return out


def orphan_line(o: Outcome) -> str:
    """One line naming an orphaned correction: id, action, target, then why."""
    c = o.correction
    return f"{c.id} {c.action} {c.target.describe()}: {o.reason}"


def current_orphans(out: Path, documents: set[str] | None = None) -> list[Outcome]:
    """The corrections of the build in ``out`` that change nothing, as of now.

    Each is applied afresh to its document's extracted graph in the last
    build (no rebuild needed after adding corrections); the orphans that
    build recorded (quotes checked against the text) are added; corrections
    of documents the build does not hold are orphans too. ``documents``
    limits the work to those documents.
    """
    import json

    try:
        manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    entries: dict[str, dict] = manifest.get("documents", {})
    run = BuildCorrections(out)
    if documents is not None:
        run.by_doc = defaultdict(list, {n: cs for n, cs in run.by_doc.items() if n in documents})
    for name in sorted(run.by_doc):
        entry = entries.get(name)
        if entry is not None:
            run.apply(name, entry.get("extracted", entry["cache"]), write=False)
            recorded = entry.get("orphaned", {})
            run.outcomes[name] = tuple(
                Outcome(o.correction, o.reason or recorded[o.correction.id])
                if o.correction.id in recorded
                else o
                for o in run.outcomes.get(name, ())
            )
    return run.orphans(entries)


def check(out: Path, correction: Correction) -> str:
    """Why ``correction`` would change nothing in the build in ``out`` ("" when it applies)."""
    for o in current_orphans(out, {correction.target.document}):
        if o.correction.id == correction.id:
            return o.reason
    return ""
