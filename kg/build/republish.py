"""Apply the analysts' corrections to a build now, from its cache: ``kg corrections apply``.

Nothing is read or extracted again: each document's extracted graph is in
the build's cache (the manifest's ``extracted``, else ``cache``), so the
current corrections are applied to it (:class:`kg.corrections.hook.BuildCorrections`,
reusing what has not changed) and the build is published again
(:func:`kg.build.publish.publish`): graph files, store, projection and views show
the corrections at once, and a running ``kg serve`` follows the new store.
Quotes of added spans are not checked against the texts here (the sources
are not read); the next ``kg build`` checks them.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.build.run import build
>>> from kg.corrections import ledger
>>> from kg.corrections.records import Change, Correction, Target
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("各党委要认真学习。", encoding="utf-8")
>>> _ = build([d / "in"], d / "out", progress=False, views=False)
>>> _ = ledger.append(d / "out", [Correction(action="modality", author="王",
...     target=Target(document="a.txt", kind="requirement", start=0, end=8),
...     change=Change(modality="exhortation"), time="2026-01-02T03:04:05Z")])
>>> republish(d / "out")
[]
>>> "#exhortation>" in (d / "out" / "graph.nq").read_text(encoding="utf-8")
True
"""

from __future__ import annotations

from pathlib import Path

from kg.builddir import BuildDir, Manifest, manifest_entry
from kg.corrections.hook import BuildCorrections, orphan_line
from kg.errors import BuildError


def republish(out: Path, *, views: bool | None = None) -> list[str]:
    """Apply the corrections of the build in ``out`` and publish it again; return the orphans.

    Parameters
    ----------
    out : Path
        The build directory.
    views : bool, optional
        Rewrite ``graph.html`` and ``report.html``; by default when the build has them.

    Returns
    -------
    list of str
        One line per correction that changes nothing (:func:`kg.corrections.hook.orphan_line`).

    Raises
    ------
    BuildError
        No build in ``out``, one made by another version of the pipeline, or
        a build running there.
    """
    from kg.build.publish import publish
    from kg.build.worker import pipeline_fingerprint
    from kg.locks import folder_lock

    out = Path(out)
    manifest = Manifest.current(out, pipeline_fingerprint())
    if views is None:
        views = (out / "graph.html").exists()
    try:
        with folder_lock(out, BuildDir(out).lock.name):  # a build and this never overlap
            run = BuildCorrections(out)
            entries: dict[str, dict] = {}
            for name, old in manifest.documents.items():
                extracted = old.get("extracted", old["cache"])
                published, counts, fields = run.apply(name, extracted, prev=old)
                if counts is None:
                    counts = old["counts"] if "extracted" not in old else _counts(out, extracted)
                entries[name] = manifest_entry(name, old["sha256"], published, counts) | fields
            publish(out, entries, views=views)  # which prunes the cache
    except BlockingIOError as e:
        raise BuildError(f"{out}: a build is running in this folder") from e
    return [orphan_line(o) for o in run.orphans(entries)]


def _counts(out: Path, cname: str) -> dict[str, int]:
    from kg.quality.summary import counts_from_nquads

    return counts_from_nquads(BuildDir(out).cache_file(cname).read_text(encoding="utf-8")).types
