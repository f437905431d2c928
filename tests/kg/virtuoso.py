"""A private, throw-away Virtuoso server on loopback (tests, benchmarks, trying ``kg push``).

Debian's ``virtuoso-opensource`` does not start by itself. :class:`LocalVirtuoso`
copies the packaged ``virtuoso.ini``, points every database file into its own
folder, binds both ports to 127.0.0.1 on free ports, raises the 10,000-row
result cap, starts ``virtuoso-t +foreground`` and waits until the SPARQL
endpoint answers. A fresh database has the user ``dba`` with password ``dba``.

Examples
--------
>>> ini = configure(DEFAULT_INI, Path("/tmp/v"), sql_port=1200, http_port=1201)
>>> ini["HTTPServer"]["ServerPort"], ini["SPARQL"]["ResultSetMaxRows"]
('127.0.0.1:1201', '1000000')
"""

from __future__ import annotations

import configparser
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

DEFAULT_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
BINARY = "virtuoso-t"
VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"
USER = "dba"
PASSWORD = "dba"


class VirtuosoError(RuntimeError):
    """The server binary is missing or did not start."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _read_ini(path: Path) -> configparser.ConfigParser:
    ini = configparser.ConfigParser(
        strict=False, interpolation=None, inline_comment_prefixes=(";",), comment_prefixes=(";",)
    )
    ini.optionxform = str  # type: ignore[assignment,method-assign]
    if path.exists():
        ini.read(path, encoding="utf-8")
    return ini


def configure(
    template: Path,
    folder: Path,
    *,
    sql_port: int,
    http_port: int,
    buffers: int = 10000,
    max_rows: int = 1_000_000,
) -> configparser.ConfigParser:
    """The packaged ini rewritten for a private instance whose files live in ``folder``."""
    ini = _read_ini(template)
    for section in ("Database", "TempDatabase", "Parameters", "HTTPServer", "SPARQL"):
        if not ini.has_section(section):
            ini.add_section(section)
    db, tmp = ini["Database"], ini["TempDatabase"]
    db["DatabaseFile"] = str(folder / "virtuoso.db")
    db["ErrorLogFile"] = str(folder / "virtuoso.log")
    db["LockFile"] = str(folder / "virtuoso.lck")
    db["TransactionFile"] = str(folder / "virtuoso.trx")
    db["xa_persistent_file"] = str(folder / "virtuoso.pxa")
    tmp["DatabaseFile"] = str(folder / "virtuoso-temp.db")
    tmp["TransactionFile"] = str(folder / "virtuoso-temp.trx")
    params = ini["Parameters"]
    params["ServerPort"] = f"127.0.0.1:{sql_port}"
    params["DirsAllowed"] = f"., {folder}, {VAD_DIR}"
    params["NumberOfBuffers"] = str(buffers)
    params["MaxDirtyBuffers"] = str(buffers * 3 // 4)
    ini["HTTPServer"]["ServerPort"] = f"127.0.0.1:{http_port}"
    ini["SPARQL"]["ResultSetMaxRows"] = str(max_rows)
    if ini.has_section("Plugins"):
        ini.remove_section("Plugins")
    return ini


class LocalVirtuoso:
    """Start a private Virtuoso; use as a context manager or call start/stop.

    Attributes
    ----------
    sparql : str
        The SPARQL endpoint URL.
    graph_store : str
        The Graph Store endpoint that takes digest authentication.
    """

    def __init__(self, folder: Path | None = None, *, buffers: int = 10000) -> None:
        self._own = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="kg-virtuoso-"))
        self.buffers = buffers
        self.http_port = free_port()
        self.sql_port = free_port()
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.sparql = f"{self.base}/sparql"
        self.graph_store = f"{self.base}/sparql-graph-crud-auth"
        self.user, self.password = USER, PASSWORD
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90.0) -> LocalVirtuoso:
        """Start the server and wait until its SPARQL endpoint answers.

        Raises
        ------
        VirtuosoError
            When ``virtuoso-t`` is not installed or the server is not ready in time.
        """
        binary = shutil.which(BINARY)
        if binary is None:
            raise VirtuosoError(f"{BINARY}: not found (install Debian's virtuoso-opensource)")
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = configure(
            DEFAULT_INI,
            self.folder,
            sql_port=self.sql_port,
            http_port=self.http_port,
            buffers=self.buffers,
        )
        path = self.folder / "virtuoso.ini"
        with path.open("w", encoding="utf-8") as fh:
            ini.write(fh)
        log = (self.folder / "stdout.log").open("wb")
        self.process = subprocess.Popen(
            [binary, "+configfile", str(path), "+foreground"],
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise VirtuosoError(f"{path}: virtuoso-t exited ({self.process.returncode})")
            try:
                r = httpx.get(self.sparql, params={"query": "ASK {}"}, timeout=2.0)
                if r.status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise VirtuosoError(f"{path}: virtuoso-t not ready after {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server (terminate, then kill) and delete its folder if it made it."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        if self._own:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> LocalVirtuoso:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
