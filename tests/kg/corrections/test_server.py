"""``POST /corrections`` of ``kg serve``: off by default, loopback only, and no lost writes."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from kg.corrections import ledger
from kg.corrections.records import Change, Correction, Target
from kg.server.app import Settings, create_app
from kg.server.http import server_config
from tests.kg.builds import A_TEXT
from tests.kg.serving import free_port, running_server, sparql_json

WHEN = "2026-03-01T08:00:00Z"
FORBID_START = A_TEXT.index("各党委不得")
FORBID = (FORBID_START, A_TEXT.index("。", FORBID_START) + 1)


def body(start: int = FORBID[0], end: int = FORBID[1], author: str = "王") -> dict:
    return Correction(
        action="modality",
        target=Target("a.txt", "requirement", start, end),
        change=Change(modality="exhortation"),
        author=author,
        time=WHEN,
    ).to_dict()


@pytest.fixture
def build(fixture_build, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(fixture_build, out, symlinks=True)
    return out


@pytest.fixture
def editable(build):
    with running_server(Settings(build=build, workers=1, allow_edits=True)) as served:
        yield served.base, build


@pytest.fixture
def read_only(build):
    with running_server(Settings(build=build, workers=1)) as served:
        yield served.base, build


def post(base: str, data, **headers) -> httpx.Response:
    return httpx.post(f"{base}/corrections", json=data, headers=headers, timeout=60)


def test_writing_is_off_by_default(read_only):
    base, build = read_only
    r = post(base, body())
    assert r.status_code == 403 and "--allow-edits" in r.text
    assert not ledger.path(build).exists()


def test_an_allowed_edit_is_recorded(editable):
    base, build = editable
    r = post(base, body())
    assert r.status_code == 201
    assert r.json() == {"id": ledger.read(build)[0].id, "written": True, "orphaned": None}


def test_the_same_edit_twice_is_recorded_once(editable):
    base, build = editable
    answers = [post(base, body()).json()["written"] for _ in range(2)]
    assert answers == [True, False] and len(ledger.read(build)) == 1


def test_an_edit_whose_target_is_gone_is_recorded_and_said_so(editable):
    base, _ = editable
    r = post(base, body(0, 2))
    assert r.status_code == 201 and r.json()["orphaned"] == "no requirement at 0-2"


def test_time_defaults_to_now(editable):
    base, build = editable
    data = body()
    del data["time"]
    assert post(base, data).status_code == 201
    assert ledger.read(build)[0].time.endswith("Z")


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"action": "modality"}, 400, "missing field"),
        (body() | {"action": "rename"}, 400, "action 'rename'"),
        (body() | {"change": {"modality": "must"}}, 400, "modality 'must'"),
        ([1, 2], 400, "a JSON object"),
    ],
)
def test_bad_edit_is_refused_in_one_line(editable, data, status, message):
    base, build = editable
    r = post(base, data)
    assert r.status_code == status and message in r.text and r.text.count("\n") == 1
    assert not ledger.path(build).exists()


def test_a_body_not_json_is_refused(editable):
    base, _ = editable
    r = httpx.post(
        f"{base}/corrections",
        content=b"action=modality",
        timeout=60,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 415


def test_a_foreign_page_may_not_write(editable):
    base, build = editable
    r = post(base, body(), Origin="https://elsewhere.example.org")
    assert r.status_code == 403 and not ledger.path(build).exists()


def test_a_page_of_this_server_may_write(editable):
    base, _ = editable
    assert post(base, body(), Origin=base).status_code == 201


def test_corrections_are_listed(editable):
    base, _ = editable
    post(base, body())
    rows = httpx.get(f"{base}/corrections", timeout=60).json()
    assert [(r["action"], r["target"]) for r in rows] == [
        ("modality", f"a.txt requirement {FORBID[0]}-{FORBID[1]}")
    ]


def test_two_concurrent_writers_lose_nothing(editable):
    base, build = editable
    n = 25

    def writer(author: str) -> list[int]:
        with httpx.Client(timeout=60) as client:
            return [
                client.post(f"{base}/corrections", json=body(author=f"{author}{i}")).status_code
                for i in range(n)
            ]

    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(writer, ["王", "李"]))
    assert codes == [[201] * n, [201] * n]
    got = {c.author for c in ledger.read(build)}
    assert got == {f"{a}{i}" for a in ("王", "李") for i in range(n)}


def _own_address() -> str:
    """This machine's address on its first non-loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.254", 9))  # no packet is sent: only the route is looked up
        return s.getsockname()[0]


def test_a_client_off_loopback_may_not_write(build):
    address = _own_address()
    assert not address.startswith("127.")
    port = free_port()
    app = create_app(Settings(build=build, workers=1, allow_edits=True, allowed_hosts=None))
    server = uvicorn.Server(
        server_config(app, "0.0.0.0", port, max_url=65_536, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        far = post(f"http://{address}:{port}", body())
        near = post(f"http://127.0.0.1:{port}", body())
    finally:
        server.should_exit = True
        thread.join(30)
    assert (far.status_code, near.status_code) == (403, 201)
    assert "loopback" in far.text


def test_an_applied_edit_shows_in_the_endpoint_at_once(editable):
    base, _ = editable
    r = httpx.post(f"{base}/corrections", params={"apply": "true"}, json=body(), timeout=120)
    assert r.status_code == 201 and r.json()["published"] is True and r.json()["orphans"] == []
    ask = f"SELECT ?m WHERE {{ ?r ck:modality ?m ; ck:evidence/oa:start {FORBID[0]} }}"
    deadline, seen = time.monotonic() + 30, None
    while time.monotonic() < deadline:
        rows = sparql_json(base, ask)["results"]["bindings"]
        seen = {row["m"]["value"].rsplit("#", 1)[-1] for row in rows}
        if seen == {"exhortation"}:
            break
        time.sleep(0.2)
    assert seen == {"exhortation"}


@pytest.mark.parametrize(
    ("query", "expected"), [({}, 2), ({"document": "a.txt"}, 1), ({"document": "z.txt"}, 0)]
)
def test_corrections_are_listed_by_document(editable, query, expected):
    base, _ = editable
    other = Correction(
        action="review", target=Target("b.txt", "document"), author="王", time=WHEN
    ).to_dict()
    for data in (body(), other):
        post(base, data)
    assert len(httpx.get(f"{base}/corrections", params=query, timeout=60).json()) == expected
