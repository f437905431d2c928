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


# --- Named regex tables (time expressions, quantities, cues, phases, meta) ---


def _regex_source(value: Any) -> str:
    if isinstance(value, list):  # literal words: one alternation, longest first
        words = sorted({str(w) for w in value}, key=lambda w: (-len(w), w))
        return "(?:" + "|".join(re.escape(w) for w in words) + ")"
    return str(value)


@functools.cache
def regex_table(name: str) -> dict[str, re.Pattern[str]]:
    """Compile the named patterns of a JSON data file.

    The file holds one object; each value is either a regular expression
    (a string) or a list of literal words (compiled as one alternation,
    longest word first). ``{{other}}`` inside a pattern is replaced by the
    source of the entry ``other`` of the same file, so patterns compose.
    Keys starting with ``_`` are comments.

    Examples
    --------
    >>> table = regex_table("timex.json")
    >>> bool(table["month"].fullmatch("12月"))
    True
    """
    raw = {
        k: v
        for k, v in data_json(name).items()
        if not k.startswith("_") and isinstance(v, (str, list))
    }
    sources: dict[str, str] = {}

    def source(key: str, depth: int = 0) -> str:
        if key not in sources:
            if depth > 20:
                raise ValueError(f"{name}: circular pattern reference at {key!r}")
            src = _regex_source(raw[key])
            sources[key] = re.sub(
                r"\{\{(\w+)\}\}", lambda m: "(?:" + source(m[1], depth + 1) + ")", src
            )
        return sources[key]

    return {k: re.compile(source(k)) for k in raw}


@functools.cache
def word_table(name: str) -> dict[str, tuple[str, ...]]:
    """The word lists of a JSON data file (``{"key": ["word", ...]}``), as tuples.

    Examples
    --------
    >>> "春节" in word_table("timex.json")["holidays"]
    True
    """
    return {
        k: tuple(str(w) for w in v)
        for k, v in data_json(name).items()
        if isinstance(v, list) and not k.startswith("_")
    }


@functools.cache
def tsv_alternation(name: str, column: int = 0) -> re.Pattern[str]:
    """One alternation of the literal words in ``column`` of a TSV data file, longest first.

    Examples
    --------
    >>> tsv_alternation("phases.tsv").search("召开转段动员会").group()
    '转段动员会'
    """
    return re.compile(_regex_source([row[column] for row in data_tsv(name) if row[column]]))
