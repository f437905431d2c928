"""Inputs that never end or never come: FIFOs, ``/dev/zero``, a gzip bomb.

Each runs a real ``kg build`` with its address space capped, so an input
read whole would end it with MemoryError instead of eating the machine.
"""

from __future__ import annotations

import gzip
import os
import resource
import threading
from pathlib import Path

import pytest

from kg.build.reading import NotReadable, read_bounded
from kg.build.sources import count_sources, iter_sources
from tests.kg.hostile_run import GOOD, kg_build

ADDRESS_SPACE = 1536 * 1024 * 1024
BOMB_LINE = 1024 * 1024 * 1024
MAX_BYTES = 1024 * 1024


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _good(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path / "good.txt"


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_a_fifo_in_a_folder_is_refused_with_a_warning(tmp_path):
    (tmp_path / "in").mkdir()
    _good(tmp_path / "in")
    fifo = _fifo(tmp_path / "in" / "pipe.txt")
    run = kg_build(tmp_path / "in", "--out", tmp_path / "out", timeout=120)
    assert run.code == 1, run.err
    (warning,) = run.warnings
    assert str(fifo) in warning and "a FIFO, not a regular file" in warning


def test_a_named_fifo_without_writer_is_skipped_not_waited_on(tmp_path):
    fifo = _fifo(tmp_path / "pipe.txt")
    run = kg_build(fifo, _good(tmp_path), "--out", tmp_path / "out", timeout=120)
    assert run.code == 1, run.err
    (warning,) = run.warnings
    assert str(fifo) in warning and "would block" in warning


def test_a_named_fifo_with_a_writer_is_read(tmp_path):
    fifo = _fifo(tmp_path / "pipe.txt")

    def write() -> None:
        with open(fifo, "wb") as fh:  # waits for the build to open the other end
            fh.write(GOOD.encode("utf-8"))

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    run = kg_build(fifo, "--out", tmp_path / "out", timeout=120)
    writer.join(timeout=5)
    assert run.code == 0, run.err
    assert '"pipe.txt"' in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")


def test_dev_zero_named_explicitly_is_too_large_not_read_whole(tmp_path):
    run = kg_build(
        "/dev/zero", _good(tmp_path), "--out", tmp_path / "out", "--max-bytes", str(MAX_BYTES),
        preexec=_capped, timeout=120,
    )  # fmt: skip
    assert run.code == 1, run.err
    (warning,) = run.warnings
    assert "/dev/zero" in warning and "too large" in warning


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """1 MB of gzip inflating to one 1 GiB JSON Lines record."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(b'{"id": "x", "content": "')
        block = b"a" * (1 << 20)
        for _ in range(BOMB_LINE // len(block)):
            fh.write(block)
        fh.write(
            b'"}\n{"id": "y", "content": "' + GOOD.encode("utf-8").replace(b"\n", b"") + b'"}\n'
        )
    return path


def test_gzip_bomb_stops_at_max_bytes_while_inflating(tmp_path, bomb):
    run = kg_build(
        bomb, "--out", tmp_path / "out", "--max-bytes", str(MAX_BYTES),
        preexec=_capped, timeout=300,
    )  # fmt: skip
    assert run.code == 1, run.err
    (warning,) = run.warnings
    assert "bomb.jsonl.gz:1" in warning and "too large" in warning
    assert '"bomb.jsonl.gz#y"' in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(("limit", "expected"), [(10, 11), (0, 1)])
def test_a_device_is_read_up_to_one_byte_over_the_limit(limit, expected):
    assert len(read_bounded("/dev/zero", limit)) == expected


def test_reading_a_fifo_without_writer_gives_up_within_the_wait(tmp_path):
    fifo = _fifo(tmp_path / "p")
    with pytest.raises(NotReadable, match="would block"):
        read_bounded(fifo, 100, wait=0.2)


def test_a_regular_file_is_read_whole_up_to_the_limit(tmp_path):
    path = _good(tmp_path)
    assert read_bounded(path, 10_000) == GOOD.encode("utf-8")
    assert len(read_bounded(path, 5)) == 6


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("/dev/zero", "a character device, not a regular file (name it to read it)"),
        ("missing.txt", "broken symbolic link (No such file or directory)"),
        ("entry.txt", "broken symbolic link (Too many levels of symbolic links)"),
    ],
    ids=["device", "dangling", "loop"],
)
def test_what_a_folder_holds_besides_files_is_a_problem_source(tmp_path, target, problem):
    _good(tmp_path)
    (tmp_path / "entry.txt").symlink_to(target)
    sources = {s.name: s.problem for s in iter_sources([tmp_path])}
    assert sources == {"entry.txt": problem, "good.txt": None}
    assert count_sources([tmp_path]) == 2


@pytest.mark.parametrize(("limit", "expected"), [((), len(GOOD.encode("utf-8"))), ((5,), 6)])
def test_a_file_source_loads_bounded(tmp_path, limit, expected):
    (src,) = iter_sources([_good(tmp_path)])
    assert len(src.load(*limit)) == expected
