"""``kg who``: own rows by default, inherited generic rows on request, reader links in md/json."""

from __future__ import annotations

import json

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
