"""Bad input never crashes a build: skips with one-line warnings, exit codes, strict mode."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.build import worker
from kg.build.run import build
from kg.cli.main import cli
from kg.errors import BuildError
from tests.kg.conftest import BENCH
from tests.kg.hostile import GOOD, HOSTILE, MAX_BYTES, write_hostile


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A folder of hostile files plus two good documents, built once."""
    folder = tmp_path_factory.mktemp("hostile-in")
    expected = write_hostile(folder)
    (folder / "good1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good2.txt").write_bytes(GOOD.encode("gb18030"))
    out = tmp_path_factory.mktemp("hostile-out")
    warnings: list[str] = []
    report = build(
        [folder], out, progress=False, max_bytes=MAX_BYTES, warn=warnings.append, views=False
    )
    return folder, out, expected, report, warnings


@pytest.mark.parametrize("name", sorted(n for n, why in HOSTILE.items() if why))
def test_unreadable_document_is_skipped_with_its_reason(hostile, name):
    _, _, expected, report, _ = hostile
    reasons = dict(report.skipped)
    assert name in reasons
    assert expected[name] in reasons[name]


def test_each_skip_is_one_warning_line_naming_the_file(hostile):
    folder, _, _, report, warnings = hostile
    assert len(warnings) == len(report.skipped)
    for (name, reason), line in zip(report.skipped, warnings, strict=True):
        assert "\n" not in line
        assert str(folder / name) in line and reason in line


def test_every_document_is_either_built_or_skipped(hostile):
    folder, out, expected, report, _ = hostile
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    built = {name for name in [*expected, "good1.txt", "good2.txt"] if f'"{name}"' in manifest}
    skipped = {name for name, _ in report.skipped}
    assert built | skipped == {p.name for p in folder.iterdir()}
    assert not built & skipped
    assert {"good1.txt", "good2.txt"} <= built


def test_strict_mode_makes_a_skip_fatal(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    with pytest.raises(BuildError, match=r"empty\.txt: empty file"):
        build([tmp_path / "in"], tmp_path / "out", progress=False, strict=True)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def _crash(doc):
    raise ZeroDivisionError("boom\nsecond line")


def test_extractor_crash_skips_the_document_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "extract", _crash)
    assert worker.process_one("a.txt", GOOD.encode()) == (
        "a.txt",
        "skip",
        "extractor failed (ZeroDivisionError: boom)",
        {},
    )


def _invoke(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.parametrize(
    ("files", "extra", "code"),
    [
        ({"a.txt": GOOD.encode()}, [], 0),
        ({"a.txt": GOOD.encode(), "b.txt": b""}, [], 1),
        ({"a.txt": GOOD.encode(), "b.txt": b""}, ["--strict"], 2),
        ({"b.txt": b""}, [], 2),
        ({"a.txt": GOOD.encode()}, ["--workers", "0"], 2),
    ],
)
def test_build_exit_codes(tmp_path, files, extra, code):
    (tmp_path / "in").mkdir()
    for name, data in files.items():
        (tmp_path / "in" / name).write_bytes(data)
    result = _invoke(
        [
            "build",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "out"),
            "-j",
            "1",
            "--no-views",
            *extra,
        ]
    )
    assert result.exit_code == code, result.output


def test_missing_input_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"kg: error: {tmp_path / 'nope'}: no such file or folder"
    ]
    assert not (tmp_path / "o").exists()


def _binary(folder):
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01\x02")
    return folder


@pytest.mark.parametrize(
    ("inputs", "workers"),
    [
        (lambda d: [d / "nope"], 1),
        (lambda d: [d / "in", d / "nope"], 1),
        (lambda d: [_binary(d / "in")], 1),
        (lambda d: [_binary(d / "in")], 2),
    ],
    ids=["missing", "one-of-two-missing", "nothing-readable", "nothing-readable-2-workers"],
)
def test_failed_build_into_a_new_folder_leaves_nothing(tmp_path, inputs, workers):
    paths = inputs(tmp_path)
    with pytest.raises(BuildError):
        build(paths, tmp_path / "a" / "out", progress=False, workers=workers)
    assert not (tmp_path / "a").exists()


def test_failed_build_into_an_existing_folder_leaves_only_what_was_there(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "README.md").write_text("x", encoding="utf-8")
    with pytest.raises(BuildError):
        build([_binary(tmp_path / "in")], out, progress=False)
    assert [p.name for p in out.iterdir()] == ["README.md"]


def test_help_documents_the_exit_codes():
    result = _invoke(["build", "--help"])
    assert "Exit codes" in result.output and "130" in result.output


def test_scraped_pages_and_hostile_files_build_together(hostile, tmp_path):
    folder, _, expected, _, _ = hostile
    html = BENCH / "html"
    report = build(
        [html, folder],
        tmp_path / "out",
        progress=False,
        workers=2,
        max_bytes=MAX_BYTES,
        views=False,
    )
    skipped = dict(report.skipped)
    pages = {p.name for p in html.iterdir()}
    lost = {n: r for n, r in skipped.items() if n in pages and "without main text" not in r}
    assert lost == {}
    for name, why in expected.items():
        assert why is None or why in skipped[name]
    assert report.documents + len(report.skipped) == len(pages) + len(list(folder.iterdir()))
