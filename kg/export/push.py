"""Load a build into a SPARQL 1.1 store over the Graph Store HTTP Protocol.

Each document's named graph (and the ontology's, ``kg.graph.iri.ONTOLOGY_GRAPH``) is
sent as N-Triples to ``GRAPH_STORE?graph=IRI``: the first batch with ``PUT``,
which replaces the graph, the rest with ``POST``, which adds to it; a few graphs
travel at once, each over its own connection, and a graph answered with a 5xx
(Virtuoso reports deadlocks between concurrent replacements so), or whose
connection the server cut, is sent again from its ``PUT``. Pushing the same build twice
leaves the server in the same state. Afterwards the SPARQL
endpoint is asked how many triples each graph holds, to catch silent losses.

The triples come from the build's per-document N-Quads cache, so their
lexical forms are exactly those of ``graph.nq``.

Examples
--------
>>> default_graph_store("http://127.0.0.1:8890/sparql", authenticated=True)
'http://127.0.0.1:8890/sparql-graph-crud-auth'
>>> default_graph_store("http://127.0.0.1:3030/ds", authenticated=False)
'http://127.0.0.1:3030/ds'
>>> [len(b) for b in batches(["a\\n"] * 5, 2)]
[2, 2, 1]
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.builddir import BuildDir, Manifest
from kg.errors import BuildError
from kg.graph import iri
from ontology.namespaces import ID

CONTENT_TYPE = "text/turtle; charset=utf-8"  # N-Triples is Turtle; every store reads Turtle
DEFAULT_BATCH = 50_000
DEFAULT_JOBS = 4
ATTEMPTS = 5  # per graph, on 5xx answers and connections the server cut
# A server may close a connection in the middle of an answer (Virtuoso does so with some
# 401 answers to a large body); the graph is then sent again, like after a 5xx answer.
CUT_CONNECTION = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)
COUNT_QUERY = "push_graph_sizes.rq"


class PushError(BuildError):
    """A push that failed; ``str()`` is one line naming the URL and the cause."""


@dataclass
class PushReport:
    """What a push sent and what the server then held."""

    graphs: int = 0
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0
    sent: dict[str, int] = field(default_factory=dict)
    held: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Triples per second over the whole push (reading, sending, checking)."""
        return self.triples / self.seconds if self.seconds else 0.0

    @property
    def mismatches(self) -> list[str]:
        """Graphs whose triple count on the server differs from what was sent."""
        return sorted(g for g, n in self.sent.items() if g in self.held and self.held[g] != n)


def default_graph_store(endpoint: str, *, authenticated: bool) -> str:
    """The Graph Store URL to use when none is given.

    Virtuoso's convention for an endpoint ending in ``/sparql``
    (``/sparql-graph-crud-auth``, or ``/sparql-graph-crud`` without
    credentials); otherwise the endpoint itself (Fuseki's dataset URL).
    """
    base = endpoint.rstrip("/")
    if base.endswith("/sparql"):
        return base + ("-graph-crud-auth" if authenticated else "-graph-crud")
    return endpoint


def batches(lines: list[str], size: int) -> Iterator[list[str]]:
    """``lines`` in consecutive slices of at most ``size``."""
    for i in range(0, len(lines), max(1, size)):
        yield lines[i : i + size]


def _to_triples(nquads: str, graph: str) -> list[str]:
    """N-Triples lines of one document's N-Quads (all in ``graph``)."""
    suffix = f" <{graph}> ."
    lines = nquads.splitlines()
    if all(line.endswith(suffix) for line in lines):
        return [line[: -len(suffix)] + " .\n" for line in lines if line]
    quads = ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return data.decode("utf-8").splitlines(keepends=True)


def graphs_to_push(
    out: Path, documents: Iterable[str] | None = None, *, ontology: bool = True
) -> Iterator[tuple[str, list[str]]]:
    """(graph IRI, N-Triples lines) of each document of the build, then the ontology's."""
    manifest = Manifest.read(out)
    for name in manifest.select(documents):
        graph = str(iri.graph_iri(name))
        path = BuildDir(out).cache_file(manifest.documents[name]["cache"])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise PushError(f"{path}: unreadable cached graph of {name} ({e})") from e
        yield graph, _to_triples(text, graph)
    if ontology:
        from kg.build.store_loader import ontology_triples

        data = ox.serialize(ontology_triples(), format=ox.RdfFormat.N_TRIPLES)
        yield str(iri.ONTOLOGY_GRAPH), sorted(data.decode("utf-8").splitlines(keepends=True))


def _auth(user: str | None, password: str | None, scheme: str) -> httpx.Auth | None:
    if user is None:
        return None
    if scheme == "basic":
        return httpx.BasicAuth(user, password or "")
    return httpx.DigestAuth(user, password or "")


class ServerBusy(PushError):
    """A 5xx answer (e.g. Virtuoso's deadlock 40001 between concurrent graph replacements)."""


def _check(r: httpx.Response, what: str) -> None:
    if r.status_code >= 300:
        body = " ".join(r.text.split())[:200]
        error = ServerBusy if r.status_code >= 500 else PushError
        raise error(f"{r.request.url}: HTTP {r.status_code} on {what}: {body}")


PAGE = 5000  # below Virtuoso's default 10,000-row result cap


def _count_query(after: str) -> str:
    template = files("kg.export").joinpath(COUNT_QUERY).read_text(encoding="utf-8")
    prefix = str(ID)  # every graph IRI of the project (documents', the ontology's) starts so
    for key, value in (("#PREFIX", prefix), ("#AFTER", after), ("#LIMIT", str(PAGE))):
        template = template.replace(key, value)
    return template


def graph_sizes(client: httpx.Client, endpoint: str, graphs: list[str]) -> dict[str, int]:
    """Triples per named graph ``graphs`` on the server, by SPARQL queries to ``endpoint``.

    One grouped count over the project's graphs, :data:`PAGE` graphs at a time.
    """
    sizes: dict[str, int] = {}
    after = ""
    while True:
        r = client.post(
            endpoint,
            data={"query": _count_query(after)},
            headers={"Accept": "application/sparql-results+json"},
        )
        _check(r, "the graph size query")
        rows = r.json()["results"]["bindings"]
        for b in rows:
            sizes[b["g"]["value"]] = int(b["n"]["value"])
        if len(rows) < PAGE:
            break
        after = max(b["g"]["value"] for b in rows)
    return {g: sizes.get(g, 0) for g in graphs}


def push(
    out: Path,
    endpoint: str,
    *,
    graph_store: str | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: str = "digest",
    batch_triples: int = DEFAULT_BATCH,
    documents: Iterable[str] | None = None,
    ontology: bool = True,
    verify: bool = True,
    timeout: float = 600.0,
    jobs: int = DEFAULT_JOBS,
    progress: Callable[[int], None] | None = None,
) -> PushReport:
    """Push the build in ``out`` to a SPARQL 1.1 store.

    Parameters
    ----------
    out : Path
        The build directory.
    endpoint : str
        The SPARQL query endpoint (used to check graph sizes afterwards).
    graph_store : str, optional
        The Graph Store endpoint (default: :func:`default_graph_store`).
    user, password : str, optional
        Credentials; ``auth`` chooses ``"digest"`` (default) or ``"basic"``.
    batch_triples : int
        Triples per request; a larger graph is sent as one PUT then POSTs.
    documents : iterable of str, optional
        Push only these documents (default: all).
    ontology : bool
        Also push the ontology's graph.
    verify : bool
        Query the graph sizes after loading.
    jobs : int
        Graphs sent at the same time (each over its own connection).
    progress : callable, optional
        Called with the number of triples of each request once it is done.

    Returns
    -------
    PushReport

    Raises
    ------
    PushError
        On a refused request or an unreachable server (one line).
    """
    t0 = time.perf_counter()
    store_url = graph_store or default_graph_store(endpoint, authenticated=user is not None)
    report = PushReport()
    local = threading.local()
    clients: list[httpx.Client] = []
    lock = threading.Lock()

    def client() -> httpx.Client:
        c = getattr(local, "client", None)
        if c is None:  # one client (and digest state) per thread
            c = local.client = httpx.Client(auth=_auth(user, password, auth), timeout=timeout)
            with lock:
                clients.append(c)
        return c

    def send(graph: str, lines: list[str]) -> tuple[str, int, int]:
        # A whole graph is resent from its PUT, so a retry never duplicates a POST.
        requests = 0
        for attempt in range(ATTEMPTS):
            try:
                for i, chunk in enumerate(batches(lines, batch_triples) if lines else [[]]):
                    method = "PUT" if i == 0 else "POST"
                    requests += 1
                    r = client().request(
                        method,
                        store_url,
                        params={"graph": graph},
                        content="".join(chunk).encode("utf-8"),
                        headers={"Content-Type": CONTENT_TYPE},
                    )
                    _check(r, f"{method} of graph {graph}")
                return graph, len(lines), requests
            except (ServerBusy, *CUT_CONNECTION):
                if attempt == ATTEMPTS - 1:
                    raise
                time.sleep(0.2 * 2**attempt)
        raise AssertionError("unreachable")

    def done(fut: Future) -> None:
        graph, n, requests = fut.result()
        report.sent[graph] = n
        report.triples += n
        report.requests += requests
        report.graphs += 1
        if progress is not None:
            progress(n)

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            pending: set[Future] = set()
            try:
                for graph, lines in graphs_to_push(out, documents, ontology=ontology):
                    pending.add(pool.submit(send, graph, lines))
                    if len(pending) >= 4 * jobs:
                        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                        for fut in finished:
                            done(fut)
                for fut in pending:
                    done(fut)
            except BaseException:
                for fut in pending:
                    fut.cancel()
                raise
        if verify:
            report.held = graph_sizes(client(), endpoint, sorted(report.sent))
    except httpx.HTTPError as e:
        try:
            url = str(e.request.url)
        except RuntimeError:
            url = store_url
        raise PushError(f"{url}: {type(e).__name__}: {e}") from e
    finally:
        for c in clients:
            c.close()
    report.seconds = time.perf_counter() - t0
    return report
