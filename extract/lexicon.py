"""The extractor's data (lexicons, cue words, patterns), loaded once from ``extract/data/``.

Every list of words or patterns the extractor uses lives in a data file of
``extract/data/`` and is read here, nowhere else. Files:

* ``boilerplate.txt``: one regex per line for scraped-page furniture;
* ``userdict.txt``: the jieba user dictionary (word, frequency, POS);
* further ``*.tsv`` / ``*.json`` / ``*.txt`` files read with :func:`data_lines`,
  :func:`data_tsv` and :func:`data_json`.

Lines starting with ``#`` and blank lines are comments.

Examples
--------
>>> any(p.search("上一篇：通知") for p in lexicon().boilerplate)
True
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

DATA_PACKAGE = "extract.data"


def data_path(name: str) -> Path:
    """Path of a data file shipped in ``extract/data``."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


@functools.cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a data file, stripped of trailing newlines."""
    text = data_path(name).read_text(encoding="utf-8")
    return tuple(
        ln.rstrip("\r\n")
        for ln in text.splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    )


@functools.cache
def data_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file (comments and blank lines skipped)."""
    return tuple(tuple(cell.strip() for cell in ln.split("\t")) for ln in data_lines(name))


@functools.cache
def data_json(name: str) -> Any:
    """A JSON data file."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Lexicon:
    """Compiled data used by ingest."""

    boilerplate: tuple[re.Pattern[str], ...]
    userdict: Path
    common_chars: frozenset[str]


@functools.cache
def lexicon() -> Lexicon:
    """The process-wide compiled lexicon (loaded on first use)."""
    return Lexicon(
        boilerplate=tuple(re.compile(p.strip()) for p in data_lines("boilerplate.txt")),
        userdict=data_path("userdict.txt"),
        common_chars=frozenset("".join(data_lines("common_chars.txt"))),
    )
