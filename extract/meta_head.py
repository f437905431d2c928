"""The parts of a page that say what the document is: its title lines and its signature.

A scraped page opens with site furniture (site names, 资料文库, …范文, 本站…),
column headers (每周一学（…）, 【2021年1月学习材料】, …学习材料 第一专题) and a
tag (``主题教育 | …``) before the real title; a notice closes with a signature, the
issuing body on one line and the date on the next (党政办 / 2019年6月10日), the
date often broken across lines by the page. :func:`head_lines` gives the lines
before the body starts, :func:`title_of` the real title among them and
:func:`signatures` every (body, date) pair closing a part of the document. Lines
are physical lines of the raw text, so a title the reflow joined to the body
stays apart.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> doc = document_from_bytes("a.txt", "某某网 资料文库 讲话范文\\n关于开展学习的通知\\n各支部：\\n"
...     "请认真学习。\\n党政办\\n2019\\n年\\n6\\n月\\n10\\n日\\n".encode())
>>> title_of(doc), [(s.body, s.date) for s in signatures(doc)]
('关于开展学习的通知', [('党政办', '2019年6月10日')])
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from extract.lexicon import regex_table
from extract.prefilter import skipping
from extract.records import Document

_HEAD_MAX = 12
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"))
_DATE_CHARS = frozenset("0123456789０１２３４５６７８９年月日号")
_BREAK = skipping(r"[ \t\u3000]*\r?\n[ \t\u3000]*")


@dataclass(slots=True, unsafe_hash=True)  # not frozen: built by the ten thousand
class Line:
    """A physical line of the raw text (date fragments the page split joined back)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Signature:
    """A signature: the issuing body's line (or None) and the date line under it."""

    body: str | None
    date: str
    at: int
    stamp: bool  # 印发/发布: the printing stamp of a relayed document


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("meta.json")


def _text_of(doc: Document, start: int, end: int) -> str:
    """The normalized (simplified) text of the raw stretch ``[start, end)``."""
    if doc.offsets is None:
        a, b = start, end
    else:
        a = bisect.bisect_left(doc.offsets, start, 0, len(doc.text))
        b = bisect.bisect_left(doc.offsets, end, a, len(doc.text))
    part = doc.text[a:b]
    return _BREAK.sub("", part) if "\n" in part else part  # every break holds a "\n"


def _simplified(doc: Document, line: Line) -> str:
    text = _text_of(doc, line.start, line.end).strip()
    return html.unescape(text).replace("\xa0", " ") if "&" in text else text


def lines(doc: Document, limit: int | None = None) -> list[Line]:
    """The first ``limit`` (all when None) non-blank physical lines, simplified.

    Lines inside boilerplate are left out.

    A line of date fragments (2019, 年, 6, 月…) is joined to the fragment line before it.
    """
    t = _t()
    excluded = [(s.start, s.end) for s in doc.excluded]
    out: list[Line] = []
    pos = 0
    for raw in doc.raw.splitlines(keepends=True):
        start, pos = pos, pos + len(raw)
        body = raw.strip()
        if not body:
            continue
        first = start + raw.index(body[0])
        if excluded and any(a <= first < b for a, b in excluded):
            continue
        if (
            out
            and body[0] in _DATE_CHARS
            and out[-1].text[0] in _DATE_CHARS
            and t["date_fragment"].fullmatch(out[-1].text)
        ):
            prev = out.pop()
            out.append(Line(prev.start, first + len(body), prev.text + body))
            continue
        if limit is not None and len(out) >= limit:
            break
        out.append(Line(first, first + len(body), body))
    return [Line(x.start, x.end, _simplified(doc, x)) for x in out]


def head_lines(doc: Document, all_lines: list[Line] | None = None) -> list[Line]:
    """The lines before the body: title, subtitle, column headers, an issuer line.

    The body starts at a salutation (各支部：, 同志们：) or at the first line that
    reads as running text (a sentence end, or longer than a title).
    """
    t = _t()
    out = []
    for line in (all_lines if all_lines is not None else lines(doc))[:_HEAD_MAX]:
        if t["salutation"].match(line.text) or t["body_line"].search(line.text):
            if t["furniture"].search(line.text):
                continue
            break
        out.append(line)
    return out


def _plain_title(text: str) -> bool:
    t = _t()
    return not (
        t["furniture"].search(text)
        or t["column_header"].search(text)
        or t["heading"].match(text)
        or t["date_line"].fullmatch(text)
        or t["org_line"].fullmatch(text)
        or t["speaker_line"].fullmatch(text)
        or len(re.findall(r"[\u4e00-\u9fff]", text)) < 4
        or t["fragment"].search(text)
        or any(text.count(a) != text.count(b) for a, b in _PAIRS)
    )


def title_of(doc: Document, all_lines: list[Line] | None = None) -> str | None:
    """The document's title: the first head line that is not furniture, a header or a date.

    A title the page broke in two (关于开展…活动 / 的通知) is joined back: the second
    line opens with 的 or ends in the genre word the first lacks.
    """
    t = _t()
    head = head_lines(doc, all_lines)
    for i, line in enumerate(head):
        text = t["tag_prefix"].sub("", line.text).strip()
        if not _plain_title(text):
            continue
        nxt = head[i + 1].text.strip() if i + 1 < len(head) else ""
        if (
            nxt
            and not t["genre_end"].search(text)
            and (nxt.startswith("的") or t["genre_end"].search(nxt))
            and len(nxt) <= 30
            and not t["column_header"].search(nxt)
        ):
            text += nxt
        return re.sub(r"\s+", " ", text)
    return None


def _line_before(doc: Document, at: int) -> str:
    """The last non-blank raw line before ``at``, simplified."""
    end = doc.raw.rfind("\n", 0, at)
    while end > 0:
        start = doc.raw.rfind("\n", 0, end) + 1
        body = doc.raw[start:end].strip()
        if body:
            first = start + doc.raw[start:end].index(body[0])
            return _simplified(doc, Line(first, first + len(body), body))
        end = start - 1
    return ""


def signatures(doc: Document, all_lines: list[Line] | None = None) -> list[Signature]:
    """Every signature of the document, in text order: a date line and the body above it.

    ``all_lines`` is accepted for symmetry with the other readers; the signatures
    are found in the raw text, where a date the page broke over lines is one match.
    """
    t = _t()
    excluded = [(s.start, s.end) for s in doc.excluded]
    out = []
    for m in t["signature_date"].finditer(doc.raw):
        at = m.start("d")
        if excluded and any(a <= at < b for a, b in excluded):
            continue
        prev = _line_before(doc, m.start())
        body = prev if t["org_line"].fullmatch(prev) else None
        date = re.sub(r"\s+", "", m["d"])
        out.append(Signature(body, date, at, bool(m["stamp"])))
    return out
