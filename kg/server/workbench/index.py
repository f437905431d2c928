"""The workbench's SQLite index of a build: documents, requirements, actors, times, relations.

Made lazily, the first time a page needs it, from the per-document cache
(:func:`kg.server.workbench.facts.document_facts`), never from the store, and saved
as ``BUILD/.workbench/index-<digest>.sqlite``, the digest being that of the
manifest and of this code: a rebuild or new code makes a new index, an old
one is removed once a new one is in place. The file is written under a
temporary name and renamed, so readers never see half an index.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.build.run import build
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir()
>>> _ = (d / "in" / "a.txt").write_text("各党委要在3月15日前完成学习。", "utf-8")
>>> _ = build([d / "in"], d / "out", progress=False, views=False)
>>> db = open_index(d / "out")
>>> [tuple(r) for r in db.execute("SELECT document, modality, has_deadline FROM requirements")]
[('a.txt', 'obligation', 1)]
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from kg.builddir import BuildDir, Manifest
from kg.nx.common import distinguish
from kg.server.workbench.facts import DocFacts, document_facts

INDEX_DIR = ".workbench"
INDEX_VERSION = "5"

SCHEMA = """
CREATE TABLE documents (name TEXT PRIMARY KEY, title TEXT, date TEXT, issuer TEXT,
  campaign TEXT, level TEXT, requirements INTEGER, actors INTEGER, times INTEGER,
  relations INTEGER, quantities INTEGER);
CREATE TABLE requirements (iri TEXT PRIMARY KEY, document TEXT, start INTEGER, "end" INTEGER,
  quote TEXT, modality TEXT, stage TEXT, deadline TEXT, has_deadline INTEGER,
  quantities TEXT, has_quantity INTEGER, actors TEXT, rule TEXT, confidence TEXT);
CREATE TABLE requirement_actors (requirement TEXT, actor TEXT, label TEXT, actor_type TEXT,
  name TEXT);
CREATE TABLE actors (iri TEXT PRIMARY KEY, label TEXT, aliases TEXT, actor_type TEXT,
  level TEXT, jurisdiction TEXT, scope TEXT, kind TEXT, documents INTEGER,
  requirements INTEGER, mentions INTEGER);
CREATE TABLE actor_documents (actor TEXT, document TEXT, start INTEGER, "end" INTEGER,
  mentions INTEGER);
CREATE TABLE times (iri TEXT PRIMARY KEY, document TEXT, start INTEGER, "end" INTEGER,
  label TEXT, normalized TEXT, role TEXT);
CREATE TABLE relations (iri TEXT PRIMARY KEY, document TEXT, type TEXT, source TEXT,
  source_label TEXT, target TEXT, target_label TEXT, start INTEGER, "end" INTEGER,
  quote TEXT, rule TEXT, confidence TEXT);
CREATE TABLE nodes (iri TEXT PRIMARY KEY, label TEXT, kind TEXT, detail TEXT, document TEXT,
  start INTEGER, "end" INTEGER);
CREATE TABLE edges (source TEXT, type TEXT, target TEXT, document TEXT);
"""
INDEXES = """
CREATE INDEX req_doc ON requirements(document);
CREATE INDEX req_facets ON requirements(modality, stage, has_deadline, has_quantity, document, iri);
CREATE INDEX req_stage ON requirements(stage, modality, has_deadline, has_quantity, document, iri);
CREATE INDEX ra_req ON requirement_actors(requirement, label, actor_type);
CREATE INDEX ra_label ON requirement_actors(label, requirement);
CREATE INDEX ra_name ON requirement_actors(name, requirement);
CREATE INDEX ra_type ON requirement_actors(actor_type, requirement);
CREATE INDEX ra_actor ON requirement_actors(actor);
CREATE INDEX times_facets ON times(role, document, normalized);
CREATE INDEX rel_facets ON relations(type, document, source_label, target_label);
CREATE INDEX actors_facets ON actors(actor_type, level, scope, kind);
CREATE INDEX ad_actor ON actor_documents(actor);
CREATE INDEX ad_doc ON actor_documents(document);
CREATE INDEX rel_source ON relations(source);
CREATE INDEX rel_target ON relations(target);
CREATE INDEX times_doc ON times(document);
CREATE INDEX edges_source ON edges(source);
CREATE INDEX edges_target ON edges(target);
"""
EXPLORED = ("actor", "stage", "step", "time", "requirement")
"""The kinds of node the explore page shows (documents and quantities are left out)."""
EDGE_LINKS = ("responsibleActor", "stage", "deadline")

_LOCK = threading.Lock()


def _field(e: dict, key: str) -> str:
    return " ".join(v for k, v in e["fields"] if k == key)


def _insert(db: sqlite3.Connection, f: DocFacts, actors: dict[str, list]) -> None:
    ents = f.entities
    counts = f.counts()
    m = f.meta
    db.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            f.name,
            m.get("title", ""),
            m.get("date", ""),
            m.get("issuer", ""),
            m.get("campaign", ""),
            m.get("level", ""),
            counts.get("requirement", 0),
            counts.get("actor", 0),
            counts.get("time", 0),
            counts.get("relation", 0),
            counts.get("quantity", 0),
        ),
    )
    for e in ents.values():
        start, end = (e["spans"][0][0], e["spans"][0][1]) if e["spans"] else (None, None)
        if e["kind"] == "requirement":
            links = e["links"]
            acts = [ents[a] for a in links.get("responsibleActor", ()) if a in ents]
            db.execute(
                "INSERT OR IGNORE INTO requirements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    e["id"],
                    f.name,
                    start,
                    end,
                    e["spans"][0][2] if e["spans"] else e["label"],
                    e["modality"],
                    _field(e, "stage"),
                    _field(e, "deadline"),
                    int(bool(links.get("deadline"))),
                    "; ".join(v for k, v in e["fields"] if k == "quantity"),
                    int(bool(links.get("quantity"))),
                    "、".join(a["label"] for a in acts),
                    _field(e, "rule"),
                    _field(e, "confidence"),
                ),
            )
            db.executemany(
                "INSERT INTO requirement_actors VALUES (?,?,?,?,?)",
                [(e["id"], a["id"], a["label"], _field(a, "actorType"), a["label"]) for a in acts],
            )
        elif e["kind"] == "actor":
            reqs = sum(
                1
                for r in ents.values()
                if r["kind"] == "requirement" and e["id"] in r["links"].get("responsibleActor", ())
            )
            row = actors.setdefault(
                e["id"],
                [
                    e["label"],
                    set(),
                    _field(e, "actorType"),
                    _field(e, "level"),
                    _field(e, "jurisdiction"),
                    _field(e, "scope"),
                    _field(e, "actorKind"),
                    0,
                    0,
                    0,
                ],
            )
            row[1].update(v for k, v in e["fields"] if k == "aliases")
            row[7] += 1
            row[8] += reqs
            row[9] += len(e["spans"])
            db.execute(
                "INSERT INTO actor_documents VALUES (?,?,?,?,?)",
                (e["id"], f.name, start, end, len(e["spans"])),
            )
        elif e["kind"] == "time":
            db.execute(
                "INSERT OR IGNORE INTO times VALUES (?,?,?,?,?,?,?)",
                (
                    e["id"],
                    f.name,
                    start,
                    end,
                    e["label"],
                    _field(e, "normalized"),
                    _field(e, "role"),
                ),
            )
    for e in ents.values():
        if e["kind"] not in EXPLORED:
            continue
        start, end = (e["spans"][0][0], e["spans"][0][1]) if e["spans"] else (None, None)
        detail = _field(e, "jurisdiction") or f.name
        db.execute(
            "INSERT OR IGNORE INTO nodes VALUES (?,?,?,?,?,?,?)",
            (e["id"], e["label"], e["kind"], detail, f.name, start, end),
        )
        for key in EDGE_LINKS:
            for target in e["links"].get(key, ()):
                db.execute("INSERT INTO edges VALUES (?,?,?,?)", (e["id"], key, target, f.name))
    for r in f.relations:
        db.execute(
            "INSERT INTO edges VALUES (?,?,?,?)", (r["source"], r["type"], r["target"], f.name)
        )
    for r in f.relations:
        db.execute(
            "INSERT OR IGNORE INTO relations VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                r["id"],
                f.name,
                r["type"],
                r["source"],
                r["source_label"],
                r["target"],
                r["target_label"],
                r["start"],
                r["end"],
                r["quote"],
                r["rule"],
                r["confidence"],
            ),
        )


def _name_same_label_actors(db: sqlite3.Connection) -> None:
    """Tell apart actors sharing a label wherever the tables show an actor.

    The name (label with jurisdiction, else documents) goes into ``requirement_actors.name``
    (the actor facet), a requirement's ``actors`` cell and a relation's source and target.
    """
    shared = db.execute(
        "SELECT a.iri, a.label, a.jurisdiction, group_concat(d.document, char(10)) "
        "FROM actors a LEFT JOIN actor_documents d ON d.actor = a.iri "
        "WHERE a.label IN (SELECT label FROM actors GROUP BY label HAVING COUNT(*) > 1) "
        "GROUP BY a.iri ORDER BY a.iri"
    ).fetchall()
    names = [
        (distinguish(label, jurisdiction or "", sorted(set((docs or "").split("\n")) - {""})), iri)
        for iri, label, jurisdiction, docs in shared
    ]
    db.executemany("UPDATE requirement_actors SET name = ? WHERE actor = ?", names)
    db.executemany("UPDATE relations SET source_label = ? WHERE source = ?", names)
    db.executemany("UPDATE relations SET target_label = ? WHERE target = ?", names)
    db.executemany(
        "UPDATE requirements SET actors = (SELECT group_concat(name, '、') FROM "
        "(SELECT name FROM requirement_actors WHERE requirement = ? ORDER BY rowid)) "
        "WHERE iri = ?",
        [
            (r, r)
            for (r,) in db.execute(
                "SELECT DISTINCT requirement FROM requirement_actors WHERE name != label "
                "ORDER BY requirement"
            )
        ],
    )


def index_path(out: Path) -> Path:
    """Where the index of the build in ``out``, as it is now, lives."""
    h = hashlib.sha256(INDEX_VERSION.encode())
    h.update(BuildDir(Path(out)).manifest.read_bytes())
    return Path(out) / INDEX_DIR / f"index-{h.hexdigest()[:16]}.sqlite"


def make_index(out: Path, path: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """Write the index of the build in ``out`` to ``path`` (atomically).

    ``progress(done, total)`` is called every 100 documents.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        actors: dict[str, list] = {}
        docs = Manifest.read(out).documents
        for i, (name, entry) in enumerate(docs.items()):
            if progress is not None and i % 100 == 0:
                progress(i, len(docs))
            try:
                facts = document_facts(out, name, entry)
            except FileNotFoundError:
                continue
            _insert(db, facts, actors)
        db.executemany(
            "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (a, r[0], "、".join(sorted(r[1])), *r[2:7], r[7], r[8], r[9])
                for a, r in sorted(actors.items())
            ],
        )
        db.executescript(INDEXES)
        _name_same_label_actors(db)
        db.execute("ANALYZE")
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return db


def _replace(out: Path, path: Path, progress: Callable[[int, int], None] | None = None) -> None:
    make_index(out, path, progress)
    for old in path.parent.glob("index-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)


def open_index(out: Path) -> sqlite3.Connection:
    """A read-only connection to the index of the build in ``out``, made first if missing.

    Raises
    ------
    kg.errors.BuildError
        When ``out`` holds no build.
    """
    path = index_path(out)
    if not path.exists():
        with _LOCK:
            if not path.exists():
                _replace(out, path)
    return _connect(path)


class IndexPending(Exception):
    """The index is being made; ``done`` of ``total`` documents so far."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"preparing the workbench index: {done} of {total} documents")
        self.done, self.total = done, total


class Indexer:
    """The index of one build for a server: made in a background thread, never twice at once.

    :meth:`connect` returns a connection when the index of the build as it is
    now exists, else starts making it and waits up to ``wait`` seconds (a
    small build is ready by then); past that, :class:`IndexPending`.
    """

    def __init__(self, out: Path, wait: float = 10.0) -> None:
        self.out = Path(out)
        self.wait = wait
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._progress = (0, 0)
        self._error: BaseException | None = None

    def _run(self, path: Path) -> None:
        try:
            _replace(self.out, path, self._report)
        except BaseException as e:
            self._error = e

    def _report(self, done: int, total: int) -> None:
        self._progress = (done, total)

    def connect(self) -> sqlite3.Connection:
        """A read-only connection, or :class:`IndexPending` while the index is being made."""
        path = index_path(self.out)
        if path.exists():
            return _connect(path)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                if path.exists():
                    return _connect(path)
                self._error = None
                self._thread = threading.Thread(
                    target=self._run, args=(path,), name="kg-workbench-index", daemon=True
                )
                self._thread.start()
            thread = self._thread
        thread.join(self.wait)
        if self._error is not None:
            raise self._error
        if path.exists():
            return _connect(path)
        raise IndexPending(*self._progress)
