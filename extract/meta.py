"""What a document says about itself: title, the speech's own date, stated year,
issuer, level, campaign and batch (:class:`~extract.records.DocumentMeta`).

The speech's date comes from a line holding only a date near the top
(（20xx年2月23日）) or from 今天是8月8日; the stated year from that date or from a
document number ([2005]41号, 〔2019〕3号). A redacted year (20xx) states none.
Patterns and the campaign lexicon live in ``extract/data/meta.json``.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> text = "在全区先进性教育活动第二批动员会上的讲话\\n（2005年8月8日）\\n我代表区委讲几点意见。"
>>> m = document_meta(document_from_bytes("a.txt", text.encode()))
>>> m.date, m.year, m.issuer, m.level, m.campaign, m.batch
('2005-08-08', 2005, '区委', '县', '先进性教育活动', '第二批')
"""

from __future__ import annotations

from collections import Counter

from extract.lexicon import data_json, regex_table, word_table
from extract.records import Document, DocumentMeta
from extract.timex import normalize

_HEAD_LINES = 15


def _lines(doc: Document) -> list[tuple[int, str]]:
    """(offset, stripped line) of the normalized text, boilerplate lines left out."""
    out, pos = [], 0
    excluded = [(s.start, s.end) for s in doc.excluded]
    for line in doc.text.splitlines(keepends=True):
        body = line.strip()
        raw_at = doc.to_raw(pos + len(line) - len(line.lstrip()))
        if body and not any(a <= raw_at < b for a, b in excluded):
            out.append((pos, body))
        pos += len(line)
    return out


def document_meta(doc: Document) -> DocumentMeta:
    """Read the :class:`DocumentMeta` of a document (deterministic, pattern based)."""
    t = regex_table("meta.json")
    text = doc.text
    lines = _lines(doc)
    year = None
    date_text = None
    for _, line in lines[:_HEAD_LINES]:
        if m := t["date_line"].match(line):
            date_text = m["d"]
            break
    if date_text is None and (m := t["today_is"].search(text)):
        date_text = m["d"]
    if date_text is not None:
        v = normalize(date_text)
        if v and v[0] != "-":
            year = int(v[:4])
    if year is None and (m := t["doc_number_year"].search(text)):
        year = int(m.group(1))
    date = normalize(date_text, year) if date_text else None
    issuer = None
    if m := t["speaking_for"].search(text):
        issuer = m["who"]
    levels = Counter(m["lvl"] for m in t["own_level"].finditer(text))
    level = levels.most_common(1)[0][0] if levels else None
    if issuer is None and level and f"{level}委" in text:
        issuer = f"{level}委"
    if level is not None:  # the text's word (区, 州) -> the level scale (县, 市)
        level = data_json("actors.json")["levels"].get(level, level)
    campaigns: Counter[str] = Counter()
    for name, surfaces in data_json("meta.json")["campaigns"].items():
        rest = text
        for s in sorted(surfaces, key=len, reverse=True):  # longest form counted first
            campaigns[name] += rest.count(s)
            rest = rest.replace(s, "")
    found = [c for c in campaigns if campaigns[c]]
    campaign = min(found, key=lambda c: (-campaigns[c], c)) if found else None
    batches = Counter(m["b"] for m in t["batch"].finditer(doc.text))
    batch = f"第{batches.most_common(1)[0][0]}批" if batches else None
    return DocumentMeta(_title(lines), date, year, issuer, level, campaign, batch)


def _title(lines: list[tuple[int, str]]) -> str | None:
    t = regex_table("meta.json")
    keys = word_table("meta.json")["title_keywords"]
    short = [
        ln
        for _, ln in lines[:_HEAD_LINES]
        if len(ln) <= 60
        and not t["title_block"].match(ln)
        and not ln.endswith(("。", "：", ":"))
        and not t["date_line"].match(ln)
    ]
    for ln in short:
        if any(k in ln for k in keys):
            return ln
    return short[0] if short else None
