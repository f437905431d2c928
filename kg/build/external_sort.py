"""The union graph with bounded memory: external sort of N-Triples, then streamed Turtle.

``graph.ttl`` is the union of all document graphs: distinct triples, sorted,
as Turtle. Holding every triple in a Python set does not scale, so the
triples of ``graph.nq`` go as canonical N-Triples lines into sorted runs on disk (each at most
``run_bytes``; :class:`ExternalSorter`), merged with duplicates dropped into
one sorted N-Triples file, which pyoxigraph parses and serializes as
Turtle in one streaming pass. Memory is bounded by ``run_bytes`` whatever the
size of the corpus. Sorting lines equals sorting ``(subject, predicate,
object)`` terms, because IRIs contain neither spaces nor ``>``.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> g1, g2 = "<http://e/g1>", "<http://e/g2>"
>>> _ = (d / "graph.nq").write_text(
...     f'<http://e/b> <http://e/p> "2" {g1} .\\n<http://e/a> <http://e/p> "1" {g1} .\\n'
...     f'<http://e/a> <http://e/p> "1" {g2} .\\n', encoding="utf-8")
>>> write_union_turtle(d / "graph.nq", d / "graph.ttl", {"e": "http://e/"}, run_bytes=10)
>>> print((d / "graph.ttl").read_text(encoding="utf-8"), end="")
@prefix e: <http://e/> .
e:a e:p "1" .
e:b e:p "2" .
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import SORT_PREFIX

RUN_BYTES = 64 * 1024 * 1024


def triple_line(quad_line: str) -> str:
    """The N-Triples line of a canonical N-Quads line (its graph name dropped).

    Examples
    --------
    >>> triple_line('<http://e/s> <http://e/p> "a b" <http://e/g> .')
    '<http://e/s> <http://e/p> "a b" .'
    """
    body = quad_line.rstrip("\n")[:-2]  # drop " ."
    if body.endswith(">"):
        cut = body.rfind(" <")
        if cut > 0 and body.count('"', cut) == 0:
            return body[:cut] + " ."
    return body + " ."


def sorted_distinct(lines: list[str]) -> list[str]:
    """``lines`` sorted, each once.

    Sorted first, then adjacent copies dropped: a build's lines arrive as
    sorted runs (each document's N-Quads are sorted), which Python's sort
    merges at little cost, where a set would shuffle them (4x slower on
    485,000 lines).

    Examples
    --------
    >>> sorted_distinct(["b", "c", "a", "b", "c"])
    ['a', 'b', 'c']
    """
    return [line for line, _ in groupby(sorted(lines))]


class ExternalSorter:
    """Distinct lines, sorted, in memory bounded by ``run_bytes``: add them, then drain.

    Lines may be added in several calls; every ``run_bytes`` of them become a sorted
    run file in ``folder``. :meth:`drain` yields the distinct lines in order
    and removes the runs; :meth:`discard` removes them without reading.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> sorter = ExternalSorter(d, run_bytes=70)
    >>> sorter.add(["b", "a"])
    >>> sorter.add(["b", "c"])
    >>> list(sorter.drain()), list(d.iterdir())
    (['a', 'b', 'c'], [])
    """

    def __init__(self, folder: Path, run_bytes: int = RUN_BYTES) -> None:
        self.folder, self.run_bytes = Path(folder), run_bytes
        self.runs: list[Path] = []
        self.buf: list[str] = []
        self.size = 0

    def add(self, lines: Iterable[str]) -> None:
        """Add lines (without newlines); a full buffer is sorted into a run file."""
        buf, size, limit = self.buf, self.size, self.run_bytes
        for line in lines:
            buf.append(line)
            size += len(line) + 64
            if size >= limit:
                self._spill()
                buf, size = self.buf, 0
        self.size = size

    def _spill(self) -> None:
        path = self.folder / f"run{len(self.runs):05d}.nt"
        self.runs.append(_write_run(sorted_distinct(self.buf), path))
        self.buf, self.size = [], 0

    def drain(self) -> Iterator[str]:
        """The distinct lines added, sorted; the run files are removed at the end."""
        if not self.runs:  # one run: no need for the disk
            buf, self.buf, self.size = self.buf, [], 0
            yield from sorted_distinct(buf)
            return
        if self.buf:
            self._spill()
        try:
            yield from merge_unique(self.runs)
        finally:
            self.discard()

    def discard(self) -> None:
        """Forget the lines and remove the run files."""
        for run in self.runs:
            run.unlink(missing_ok=True)
        self.runs, self.buf, self.size = [], [], 0


def _write_run(lines: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(line + "\n" for line in lines)
    return path


def merge_unique(runs: list[Path]) -> Iterator[str]:
    """Merge sorted run files into one sorted stream of distinct lines (without newlines)."""
    with ExitStack() as stack:
        files = [stack.enter_context(p.open(encoding="utf-8")) for p in runs]
        last = None
        for line in heapq.merge(*files):
            if line != last:
                yield line.rstrip("\n")
                last = line


def _graph_lines(nq_path: Path) -> Iterator[str]:
    with nq_path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield triple_line(line)


def write_union_turtle(
    nq_path: Path, ttl_path: Path, prefixes: dict[str, str], *, run_bytes: int = RUN_BYTES
) -> None:
    """Write the sorted union of the graphs in ``nq_path`` as Turtle to ``ttl_path``."""
    ttl_path = Path(ttl_path)
    with tempfile.TemporaryDirectory(prefix=SORT_PREFIX, dir=ttl_path.parent) as tmp:
        sorter = ExternalSorter(Path(tmp), run_bytes)
        sorter.add(_graph_lines(Path(nq_path)))
        write_sorted_turtle(sorter, ttl_path, prefixes)


def write_sorted_turtle(sorter: ExternalSorter, ttl_path: Path, prefixes: dict[str, str]) -> None:
    """Write the N-Triples lines ``sorter`` holds as sorted Turtle to ``ttl_path``.

    The merged N-Triples file is written next to ``ttl_path`` (then removed).
    """
    ttl_path = Path(ttl_path)
    with tempfile.TemporaryDirectory(prefix=SORT_PREFIX, dir=ttl_path.parent) as tmp:
        merged = Path(tmp) / "union.nt"
        with merged.open("w", encoding="utf-8", newline="\n") as fh:
            for line in sorter.drain():
                fh.write(line + "\n")
        with ttl_path.open("wb") as out:
            ox.serialize(
                # lenient: lines this build serialized (no IRI re-validation)
                ox.parse(path=str(merged), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                out,
                format=ox.RdfFormat.TURTLE,
                prefixes=prefixes,
            )
