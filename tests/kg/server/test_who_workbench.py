"""``kg who``: own rows by default, inherited generic rows on request, reader links in md/json."""

from __future__ import annotations

import json
import unicodedata

from click.testing import CliRunner

from kg.address import span_href
from kg.cli.main import cli


def _rows(build, *args: str) -> list[dict]:
    r = CliRunner().invoke(cli, ["who", "党委", "--out", str(build), "--format", "json", *args])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_who_lists_only_direct_rows_by_default(seeds_build):
    rows = _rows(seeds_build)
    assert rows and {r["via"] for r in rows} == {"direct"}


def test_inherited_rows_come_after_the_direct_ones(seeds_build):
    rows = _rows(seeds_build, "--inherited")
    vias = [r["via"] for r in rows]
    assert "generic" in vias
    assert vias == sorted(vias, key=lambda v: v != "direct")
    assert [r for r in rows if r["via"] == "direct"] == _rows(seeds_build)


def test_json_rows_link_to_the_reader_at_their_quote(seeds_build):
    for r in _rows(seeds_build):
        assert r["link"] == span_href(r["document"], r["start"], r["end"])


def test_md_rows_carry_the_link_column(seeds_build):
    r = CliRunner().invoke(cli, ["who", "党委", "--out", str(seeds_build), "--format", "md"])
    header = r.output.splitlines()[0]
    assert header.rstrip(" |").endswith("link")
    assert "/doc/" in r.output.splitlines()[2]


def test_the_table_shows_every_quote_whole(seeds_build):
    r = CliRunner().invoke(cli, ["who", "督导组", "--out", str(seeds_build)])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    at = lines[0].index("quote")  # the last column: its lines start under its header
    shown = "".join(_from_cell(line, at) for line in lines[2:])
    quotes = [row["quote"] for row in _who(seeds_build, "督导组")]
    assert max(len(q) for q in quotes) > 30  # longer than the column: wrapped, not cut
    assert "…" not in shown and all(q.replace(" ", "") in shown.replace(" ", "") for q in quotes)


def _who(build, actor: str) -> list[dict]:
    r = CliRunner().invoke(cli, ["who", actor, "--out", str(build), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def _from_cell(line: str, cell: int) -> str:
    """What ``line`` shows from display cell ``cell`` on (a CJK character takes two)."""
    n = 0
    for i, c in enumerate(line):
        if n >= cell:
            return line[i:]
        n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return ""
