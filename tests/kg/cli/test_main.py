"""The `kg` command: default build of the examples, one-line errors, help with examples."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import COMMANDS, cli

KG = Path(sys.executable).with_name("kg")
BUILD_FILES = ("graph.ttl", "graph.nq", "graph.html", "report.html", "summary.md", "store")


def _kg(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KG), *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False, env=env
    )


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """`kg build` with no arguments, run in an empty folder by a user with an empty HOME."""
    cwd = tmp_path_factory.mktemp("cwd")
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CACHE_HOME")}
    result = _kg("build", cwd=cwd, env={**env, "HOME": str(home)})
    assert result.returncode == 0, result.stderr
    return cwd, result.stdout, result.stderr


@pytest.mark.parametrize("name", BUILD_FILES)
def test_build_without_arguments_writes_the_examples_into_output(default_build, name) -> None:
    cwd, _, _ = default_build
    assert (cwd / "output" / name).exists()


def test_build_without_arguments_reports_the_five_examples(default_build) -> None:
    _, stdout, _ = default_build
    assert stdout.startswith("built 5 documents into output/")


def test_build_without_arguments_prints_no_warning(default_build) -> None:
    # the report's plots hold Chinese labels: no "Glyph ... missing" without a CJK font
    _, _, stderr = default_build
    assert stderr == ""


def test_build_store_is_a_symlink_into_the_build(default_build) -> None:
    cwd, _, _ = default_build
    store = cwd / "output" / "store"
    assert store.is_symlink() and store.resolve().parent == (cwd / "output" / ".stores").resolve()


def test_build_with_out_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path / "b"), "--no-views"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "graph.ttl").exists() and not (tmp_path / "b" / "graph.html").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("build", "no/such/folder", "--out", "o"), "no/such/folder: no such file or folder"),
        (("validate", "--out", "never-built"), "graph.ttl: no build found"),
    ],
)
def test_fatal_error_is_one_line_and_exit_2(tmp_path: Path, args, words: str) -> None:
    result = _kg(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("kg: error: ") and words in result.stderr


def test_unreadable_input_warns_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("各党支部要认真学习。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = _kg("build", "a.txt", "b.txt", "--out", "o", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "kg: warning: skipped b.txt: empty file"


def test_strict_build_fails_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03")
    result = _kg("build", "b.txt", "--out", "o", "--strict", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "kg: error: b.txt: binary content (NUL bytes)"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("qurey", "query"), ("biuld", "build"), ("serv", "serve"), ("expot", "export or report")],
)
def test_mistyped_command_suggests_the_closest(typed: str, meant: str) -> None:
    result = CliRunner().invoke(cli, [typed])
    assert result.exit_code == 2
    assert f"Error: No such command {typed!r}; did you mean {meant}?" in result.output


def test_unknown_command_without_a_close_one_is_clicks_error() -> None:
    result = CliRunner().invoke(cli, ["zzzz"])
    assert result.exit_code == 2 and "Error: No such command 'zzzz'." in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert _kg("build", "--no-such-option", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(COMMANDS))])
def test_help_shows_examples(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "kg " in result.output.split("Example", 1)[1]


def test_every_listed_command_has_its_name():
    import click

    ctx = click.Context(cli)
    assert [cli.get_command(ctx, n).name for n in COMMANDS] == list(COMMANDS)


def test_query_command_does_not_import_networkx(tmp_path):
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kg.cli.main import cli\n"
        "assert CliRunner().invoke(cli, ['query', '--list']).exit_code == 0\n"
        "print('networkx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
