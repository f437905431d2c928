"""Reading files into Documents: encodings of the examples, hashes, one-line errors."""

from __future__ import annotations

import hashlib
import os

import pytest

from extract.ingest.reader import IngestError, document_from_bytes, read_document
from extract.normalize import to_simplified
from tests.conftest import EXAMPLES

# file -> (encoding reported, media type, first characters of the decoded text)
EXPECTED = {
    "01-county-stage-summary.gb18030.txt": ("gb18030", "text/plain", "在全县先进性教育活动"),
    "02-supervision-training.big5.txt": ("big5hkscs", "text/plain", "在全市先進性教育活動"),
    "03-stage-timetable-notice.utf8-bom.txt": ("utf-8-sig", "text/plain", "中共青岚县委\n"),
    "04-mass-line-notice.utf16le.txt": ("utf-16", "text/plain", "中共东坪镇委员会\r\n"),
    "05-town-news-page.html": ("utf-8", "text/html", "石桥镇召开先进性教育活动"),
}


def test_examples_are_the_expected_files() -> None:
    assert sorted(p.name for p in EXAMPLES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_example_is_decoded(name: str, expected: tuple[str, str, str]) -> None:
    doc = read_document(EXAMPLES / name)
    assert (doc.encoding, doc.media_type, doc.raw[: len(expected[2])]) == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document_records_name_and_sha256_of_the_bytes(name: str) -> None:
    path = EXAMPLES / name
    doc = read_document(path)
    assert (doc.name, doc.sha256) == (name, hashlib.sha256(path.read_bytes()).hexdigest())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_text_maps_onto_raw_leaving_out_only_line_breaks(name: str) -> None:
    doc = read_document(EXAMPLES / name)
    where = doc.offsets or range(len(doc.text) + 1)
    assert len(where) == len(doc.text) + 1
    assert list(where) == sorted(where)
    left_out = set(range(len(doc.raw))) - set(where)
    assert all(doc.raw[i] in " \t\r\n\u3000" for i in left_out)
    assert to_simplified(doc.raw)[0].replace("\r\n", "\n").count("\n") >= doc.text.count("\n")


def test_crlf_is_kept_in_raw() -> None:
    doc = read_document(EXAMPLES / "04-mass-line-notice.utf16le.txt")
    assert doc.raw.count("\r\n") == doc.raw.count("\n") > 20


def _too_big(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes("各党支部要认真学习。".encode() * 10)
    return p, {"max_bytes": 50}


def _missing(tmp_path):
    return tmp_path / "missing.txt", {}


def _folder(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    return tmp_path / "folder.txt", {}


def _binary(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return p, {}


def _empty(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    return p, {}


def _unreadable(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_bytes("党委".encode())
    p.chmod(0)
    return p, {}


CASES = [
    (_too_big, "too large"),
    (_missing, "No such file"),
    (_folder, "directory"),
    (_binary, "binary"),
    (_empty, "empty file"),
]
if os.geteuid() != 0:  # root reads any file
    CASES.append((_unreadable, "Permission denied"))


@pytest.mark.parametrize(("make", "cause"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_unreadable_file_is_one_line_naming_file_and_cause(tmp_path, make, cause: str) -> None:
    path, kwargs = make(tmp_path)
    with pytest.raises(IngestError) as info:
        read_document(path, **kwargs)
    message = str(info.value)
    assert message.startswith(f"{path.name}: ") and cause in message and "\n" not in message


def test_reason_with_line_breaks_is_folded_to_one_line() -> None:
    assert str(IngestError("a.txt", "bad\nthing\r\n here")) == "a.txt: bad thing here"


def test_document_from_bytes_keeps_the_given_name() -> None:
    doc = document_from_bytes("子目录里的文件.txt", "各党支部要认真学习。".encode("gb18030"))
    assert (doc.name, doc.raw, doc.encoding) == (
        "子目录里的文件.txt",
        "各党支部要认真学习。",
        "gb18030",
    )
