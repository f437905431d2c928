"""CORS, security headers and the access token (issue point 9), against the real server.

CORS is off unless an origin is named (checked over HTTP and from a page of
another origin in headless Chromium); every response carries the security
headers, the build's views a policy that admits only their own inline code
(checked in Chromium: the views work, an injected script does not run); a
non-loopback ``--host`` needs an access token (checked on ``kg serve``
processes).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.server.app import Settings
from tests.kg.browser import chromium
from tests.kg.serving import free_port, running_server

KG = str(Path(sys.executable).with_name("kg"))
TOKEN = "t0k3n-for-the-tests-0123456789"
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@pytest.fixture(scope="module")
def cors_server(seeds_build):
    with running_server(Settings(build=seeds_build, cors_origins=("http://good.example",))) as s:
        yield s.base


def test_cors_is_off_by_default(seeds_server):
    r = httpx.get(
        f"{seeds_server}/sparql",
        params={"query": "ASK {}"},
        headers={"Origin": "http://evil.example"},
    )
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = httpx.options(
        f"{seeds_server}/sparql",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in pre.headers


@pytest.mark.parametrize(
    ("origin", "allowed"), [("http://good.example", True), ("http://evil.example", False)]
)
def test_cors_allows_only_the_named_origin(cors_server, origin, allowed):
    r = httpx.get(f"{cors_server}/sparql", params={"query": "ASK {}"}, headers={"Origin": origin})
    assert (r.headers.get("access-control-allow-origin") == origin) is allowed
    assert "access-control-allow-credentials" not in r.headers
    pre = httpx.options(
        f"{cors_server}/sparql",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert (
        pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]
    ) is allowed


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/graph.html",
        "/report.html",
        "/describe?iri=https%3A%2F%2Fw3id.org%2Fcampaign-kg%2Fid%2Fnone",
        "/describe?iri=not+an+iri",
        "/catalog",
        "/sparql?query=ASK%20%7B%7D",
        "/sparql?query=SELECT",
        "/static/app.js",
        "/openapi.json",
        "/no-such-page",
        "/sparql?query=%FF",
    ],
)
def test_every_response_carries_the_security_headers(seeds_server, path):
    r = httpx.get(f"{seeds_server}{path}")
    for name, value in HEADERS.items():
        assert r.headers.get(name) == value, (name, r.status_code)
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp


@pytest.mark.parametrize("view", ["graph.html", "report.html"])
def test_a_view_admits_only_its_own_inline_scripts(seeds_server, view):
    r = httpx.get(f"{seeds_server}/{view}")
    csp = dict(
        part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";")
    )
    allowed = set(csp["script-src"].split())
    scripts = re.findall(r"<script>(.*?)</script>", r.text, re.DOTALL)
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    }
    assert allowed == (hashes or {"'none'"})
    assert csp["default-src"] == "'none'" and csp["connect-src"] == "'none'"


# ---- in Chromium ---------------------------------------------------------------------


@contextmanager
def other_origin(folder: Path):
    """A static web server for ``folder`` on another port: a page of another origin."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


READER = """<!doctype html><title>wait</title><script>
fetch("{endpoint}/sparql?query=" + encodeURIComponent("SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT 1"))
  .then(r => r.text()).then(t => {{ document.title = "read " + t.length; }})
  .catch(e => {{ document.title = "blocked " + e.name; }});
</script>"""


def read_from_other_origin(driver, folder: Path, endpoint: str) -> str:
    (folder / "reader.html").write_text(READER.format(endpoint=endpoint), encoding="utf-8")
    with other_origin(folder) as origin:
        driver.get(f"{origin}/reader.html")
        deadline = time.monotonic() + 20
        while driver.title == "wait" and time.monotonic() < deadline:
            time.sleep(0.1)
        return driver.title


@pytest.mark.browser
def test_a_page_of_another_origin_cannot_read_the_endpoint(seeds_server, tmp_path):
    with chromium() as driver:
        assert read_from_other_origin(driver, tmp_path, seeds_server) == "blocked TypeError"


@pytest.mark.browser
def test_a_page_of_the_named_origin_can_read_the_endpoint(seeds_build, tmp_path):
    (tmp_path / "reader.html").write_text("", encoding="utf-8")
    with other_origin(tmp_path) as origin:
        settings = Settings(build=seeds_build, cors_origins=(origin,))
        with running_server(settings) as served, chromium() as driver:
            (tmp_path / "reader.html").write_text(
                READER.format(endpoint=served.base), encoding="utf-8"
            )
            driver.get(f"{origin}/reader.html")
            deadline = time.monotonic() + 20
            while driver.title == "wait" and time.monotonic() < deadline:
                time.sleep(0.1)
            assert driver.title.startswith("read ") and driver.title != "read 0"


def csp_reports(driver) -> list[str]:
    return [
        e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]
    ]


@pytest.mark.browser
def test_the_views_work_under_their_policy_and_injected_scripts_do_not_run(seeds_server):
    with chromium() as driver:
        driver.get(f"{seeds_server}/graph.html")
        deadline = time.monotonic() + 30
        while not driver.execute_script("return window.kgInteractive === true"):
            assert time.monotonic() < deadline, "the graph did not become interactive"
            time.sleep(0.2)
        driver.get(f"{seeds_server}/report.html")
        assert driver.find_elements("css selector", "svg")
        assert csp_reports(driver) == []
        driver.execute_script(
            "const s = document.createElement('script');"
            "s.textContent = 'window.__injected = 1'; document.body.appendChild(s);"
        )
        assert driver.execute_script("return typeof window.__injected") == "undefined"
        assert csp_reports(driver)  # refused, and reported


# ---- the access token (kg serve processes) -------------------------------------------


def test_a_non_loopback_host_without_a_token_is_refused(seeds_build, monkeypatch):
    monkeypatch.delenv("KG_SERVE_TOKEN", raising=False)
    r = CliRunner().invoke(cli, ["serve", "--out", str(seeds_build), "--host", "0.0.0.0"])
    assert r.exit_code == 2
    assert r.output.count("\n") == 1 and "access token" in r.output


def test_a_short_token_is_refused(seeds_build):
    r = CliRunner().invoke(cli, ["serve", "--out", str(seeds_build), "--token", "short"])
    assert r.exit_code == 2 and "16 characters" in r.output


@contextmanager
def kg_serve(build: Path, *args: str, env: dict | None = None):
    """``kg serve`` as its own process on a free port; stopped with SIGTERM at the end."""
    port = free_port()
    proc = subprocess.Popen(
        [KG, "serve", "--out", str(build), "--port", str(port), "--quiet", *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read()
            try:
                httpx.get(f"{base}/static/style.css", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.2)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)


@pytest.fixture(scope="module")
def token_server(seeds_build):
    with kg_serve(seeds_build, "--host", "0.0.0.0", env={"KG_SERVE_TOKEN": TOKEN}) as base:
        yield base


ASK = "/sparql?query=" + quote("ASK { ?s ?p ?o }")


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong-token-wrong-token"}, 401),
        ({"Authorization": f"Bearer {TOKEN}"}, 200),
        ({"Authorization": f"bearer {TOKEN}", "Host": "kg.example.org"}, 200),
        ({"Cookie": f"kg_token={TOKEN}"}, 200),
    ],
)
def test_with_a_token_only_requests_carrying_it_are_served(token_server, headers, status):
    for path in (ASK, "/", "/graph.html", "/catalog", "/static/app.js"):
        r = httpx.get(f"{token_server}{path}", headers=headers)
        assert r.status_code == status, path
        assert r.headers["x-content-type-options"] == "nosniff"


def test_a_browser_signs_in_once_with_the_token_in_the_url(token_server):
    r = httpx.get(f"{token_server}/?token={TOKEN}")
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    with httpx.Client(base_url=token_server) as client:
        client.get(f"/?token={TOKEN}")
        assert client.get(ASK).status_code == 200


def test_the_token_can_be_given_on_loopback_too(seeds_build):
    with kg_serve(seeds_build, "--token", TOKEN) as base:
        assert httpx.get(f"{base}{ASK}").status_code == 401
        r = httpx.get(f"{base}{ASK}", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
