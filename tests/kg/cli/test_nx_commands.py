"""The graph-analysis subcommands end to end on a hand-made build (click's runner)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    "args",
    [
        ["who", "党委"],
        ["matrix", "--cell", "党委,(none)"],
        ["deps", "整改提高"],
        ["deps", "--order"],
        ["timeline"],
        ["check"],
        ["compare", "a.txt", "b.txt"],
        ["chain", "--transitions"],
    ],
)
def test_rows_carry_document_and_quote(nx_build, args):
    result = run(*args, "--out", str(nx_build), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows
    for row in rows:
        doc = row.get("document") or row.get("document_a") or row.get("document_b")
        quote = row.get("quote") or row.get("quote_a") or row.get("quote_b")
        assert doc and (quote or args == ["deps", "--order"])


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
def test_who_formats(nx_build, fmt):
    result = run("who", "督导组", "--out", str(nx_build), "--format", fmt)
    assert result.exit_code == 0
    assert "督导组要加强指导" in result.output


def test_chain_json_has_hops(nx_build):
    rows = json.loads(run("chain", "--out", str(nx_build), "--format", "json").output)
    assert rows[0]["chain"] == "党支部 -> 党委 -> 督导组"
    assert rows[0]["hops"][1]["evidence"][0]["quote"] == "并报督导组备案"


def test_hubs_and_matrix_run(nx_build):
    assert run("hubs", "--top", "2", "--out", str(nx_build)).exit_code == 0
    assert "党员" in run("matrix", "--out", str(nx_build), "--format", "csv").output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check"], 0),
        (["check", "--fail-on-findings"], 1),
        (["check", "--fail-on-findings", "--only", "stage-order-conflict"], 0),
        (["who", "不存在的机构"], 2),
        (["deps"], 2),
        (["compare", "a.txt", "zzz.txt"], 2),
        (["matrix", "--cell", "党委"], 2),
    ],
)
def test_exit_codes(nx_build, args, code):
    assert run(*args, "--out", str(nx_build)).exit_code == code


def test_unknown_actor_is_one_line_error(nx_build):
    result = run("who", "不存在的机构", "--out", str(nx_build))
    assert result.output.strip().splitlines() == ["kg: error: no actor named '不存在的机构'"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["who", "督道组"], "no actor named '督道组'; did you mean 督导组 or 区委督导组?"),
        (["chain", "党委会"], "no actor named '党委会'; did you mean 党委?"),
        (
            ["deps", "整改提搞"],
            "no stage, step or requirement named '整改提搞'; did you mean 整改提高?",
        ),
    ],
)
def test_mistyped_name_suggests_the_closest(nx_build, args, message):
    result = run(*args, "--out", str(nx_build))
    assert result.exit_code == 2
    assert result.output == f"kg: error: {message}\n"


def test_missing_build_is_one_line_error(tmp_path):
    result = run("who", "党委", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ") and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "command", ["who", "matrix", "deps", "chain", "timeline", "hubs", "check", "compare"]
)
def test_help_has_examples(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.output


def test_in_process_runs_do_not_freeze_the_collector(nx_build):
    before = gc.get_freeze_count()
    assert run("who", "党委", "--out", str(nx_build)).exit_code == 0
    assert gc.get_freeze_count() == before


def test_console_process_freezes_what_it_loaded(nx_build):
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
        "from kg.cli.main import main\n"
        f"sys.argv = ['kg', 'who', '党委', '--out', {str(nx_build)!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    frozen = int(done.stderr.split("frozen")[-1])
    assert frozen > 1000
