"""kg.cli.output: tables cut long cells, or wrap them whole when asked."""

from __future__ import annotations

import pytest

from kg.cli.output import render

LONG = "Relations between actors: every reportsTo, approves, supervises and subOrganizationOf edge"


@pytest.mark.parametrize(
    ("text", "width"),
    [
        (LONG, 30),
        ("督导组要加强对各党支部学习动员阶段工作的督促检查和具体指导", 20),
        ("x" * 45, 10),
    ],
)
def test_wrapped_table_keeps_every_character(text: str, width: int) -> None:
    out = render([{"name": "q", "description": text}], "table", wrap=True, width=width)
    body = out.splitlines()[2:]
    assert "".join(line[3:].replace(" ", "") for line in body) == text.replace(" ", "")
    assert len(body) > 1


def test_table_without_wrap_cuts_with_an_ellipsis() -> None:
    out = render([{"name": "q", "description": LONG}], "table", width=30)
    assert len(out.splitlines()) == 3 and out.endswith("…")


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_other_formats_never_cut(fmt: str) -> None:
    assert LONG in render([{"name": "q", "description": LONG}], fmt, wrap=True)
