"""kg viz and kg report on the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("command", ["viz", "report"])
def test_help_has_examples(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["viz"],
        ["viz", "--focus", "党支部", "--depth", "2"],
        ["viz", "--doc", "b.txt", "--types", "actor,requirement"],
        ["report"],
    ],
)
def test_writes_the_file_given_by_o(hand_build, tmp_path, args):
    target = tmp_path / "x.html"
    result = run(*args, "--out", str(hand_build), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["viz", "--focus", "不存在"], "kg: error: --focus 不存在: "),
        (["viz", "--types", "actor,bogus"], "kg: error: --types: unknown type bogus"),
        (["viz", "--doc", "zzz.txt"], "kg: error: --doc zzz.txt: "),
    ],
)
def test_bad_filters_fail_with_one_line(hand_build, tmp_path, args, message):
    result = run(*args, "--out", str(hand_build), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert result.output.startswith(message) and result.output.count("\n") == 1


@pytest.mark.parametrize("command", ["viz", "report"])
def test_missing_build_fails_with_one_line(tmp_path, command):
    result = run(command, "--out", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ") and "no build found" in result.output
