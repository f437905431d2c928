"""What a document says about itself: title, its own date, stated year, issuer,
level, campaign and batch (:class:`~extract.records.DocumentMeta`).

* **title** - the real title line (:func:`extract.meta_head.title_of`): not site
  furniture, a column header or a section heading;
* **date** - in order: a date line near the top (（2005年8月8日）), 今天是8月8日, the
  signature date (the first one that is not a 印发 stamp of a relayed text), the
  event date of a news report (a day in the first sentence of its body), else a
  date or year in the head lines (the study week 每周一学（…）, the plan year);
* **year** - the date's own year, else a document number ([2005]41号), else the
  year of a dated head line or of a plan heading (2011年…工作思路); not a review
  year (2020年度…报告), which is the year before the document;
* **issuer** - the signature body; an issuing body heading the plan; the
  speaker's body from a speaker line (市委副书记 某某) or the publisher
  (中共中央发布, …印发《…》) in the head lines; the body the speaker speaks
  for (我代表区委); the body that holds the meeting a news report tells of
  (…委员会组织召开, X举行); the body of a reported speaker
  (中共中央总书记习近平 -> 中共中央); the source of a relayed article
  (来源：人民日报); else the committee of the speech's own level (我县 … 县委);
* **level** - from the issuer (a school or its committee: 单位; 中共中央: 中央;
  市委: 市), else the speech's own level (我县, 全市);
* **campaign** - the named campaign the document directs, from ``campaigns`` in
  ``extract/data/meta.json``: named in the title, or in the text while the
  campaign ran (a Party-history campaign mentioned a year after it ended, or only
  as 巩固拓展…成果, is no campaign of the document); a bare 主题教育 takes the
  campaign of its year;
* **batch** - 第二批 when the text names one.

Examples
--------
>>> from extract.ingest.reader import document_from_bytes
>>> text = "在全区先进性教育活动第二批动员会上的讲话\\n（2005年8月8日）\\n我代表区委讲几点意见。"
>>> m = document_meta(document_from_bytes("a.txt", text.encode()))
>>> m.title
'在全区先进性教育活动第二批动员会上的讲话'
>>> m.date, m.year, m.issuer, m.level, m.campaign, m.batch
('2005-08-08', 2005, '区委', '县', '先进性教育活动', '第二批')
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from extract.lexicon import data_json, regex_table
from extract.meta_head import Line, Signature, head_lines, lines, signatures, title_of
from extract.records import Document, DocumentMeta
from extract.timex import find_times, normalize

_HEAD_DATE_LINES = 15
_HEAD_LINES = 30  # the head, a salutation and the start of the body
_DATEISH = re.compile('[0-9０-９年月日节旦“"]')  # text worth searching for a time


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("meta.json")


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[0] != "-" and value[:4].isdigit() else None


@dataclass
class _Page:
    """What the metadata rules read, computed once per document."""

    doc: Document
    lines: list[Line]
    head: list[Line]
    sigs: list[Signature]
    title: str | None
    lead: str  # the first sentence of the body
    body: str  # the first lines of the body
    head_times: list[tuple[str, str]]  # (surface, value) in head lines that are no review


def _page(doc: Document) -> _Page:
    t = _t()
    all_lines = lines(doc, _HEAD_LINES)
    head = head_lines(doc, all_lines)
    rest = all_lines[len(head) :]
    if rest and t["salutation"].match(rest[0].text) and len(rest[0].text) <= 20:
        rest = rest[1:]
    body = "".join(line.text for line in rest[:6])
    kept = "\n".join(x.text for x in head if not t["review_year"].search(x.text))
    return _Page(
        doc,
        all_lines,
        head,
        signatures(doc, all_lines),
        title_of(doc, all_lines),
        re.split("[。！？]", body, maxsplit=1)[0],
        body,
        [(m.group(), v) for m, v, _ in find_times(kept) if v] if _DATEISH.search(kept) else [],
    )


def _date(page: _Page) -> str | None:
    """The document's own date as written."""
    t = _t()
    for line in page.lines[:_HEAD_DATE_LINES]:
        if m := t["date_line"].fullmatch(line.text):
            return m["d"]
    if m := t["today_is"].search(page.doc.text):
        return m["d"]
    for sig in page.sigs:
        if not sig.stamp and sig.at >= (page.head[-1].end if page.head else 0):
            return sig.date
    if page.sigs:
        return page.sigs[0].date
    for m, value, _ in find_times(page.lead) if _DATEISH.search(page.lead) else ():
        if value and re.search(r"-\d{2}-\d{2}$", value.split("/")[0]):
            return m.group()
    return page.head_times[0][0] if page.head_times else None


def _head_year(page: _Page) -> int | None:
    """A year stated in the head lines by a date or a plan heading (not a review year)."""
    for _, value in page.head_times:
        if y := _year(value.split("/")[0]) or _year(value):
            return y
    return None


def _issuer(page: _Page) -> str | None:
    t = _t()
    for sig in page.sigs:
        if sig.body and not sig.stamp:
            return _clean_org(sig.body)
    head = page.head
    for i, line in enumerate(head):  # 中共某某委员会 / 2011年…工作思路: the plan's own body
        nxt = [x.text for x in head[i + 1 : i + 3]]
        if t["org_line"].fullmatch(line.text) and any(t["plan_title"].search(x) for x in nxt):
            return _clean_org(line.text)
    for line in head:  # 市委副书记 某某: the speaker's body; 中共中央发布: the publisher
        if m := t["speaker_line"].fullmatch(line.text):
            return m["body"]
        if m := t["publishes"].search(line.text):
            return _clean_org(m["who"])
    if m := t["speaking_for"].search(page.doc.text):
        return m["who"]
    for s in (page.lead, page.title or ""):
        if m := t["holds_meeting"].search(s):
            return _clean_org(m["who"])
    start = page.body[:300]
    if t["speech"].search(start) and (m := t["speaker_body"].search(start)):
        return m["body"]
    if m := t["source_line"].search(page.doc.text[-200:]):
        return m["src"]
    return None


def _clean_org(name: str) -> str:
    return _t()["org_trim"].sub("", name.strip())


def _level(doc: Document, issuer: str | None) -> tuple[str | None, str | None]:
    """(the speech's own level word, the level): 我区 gives (区, 县)."""
    t = _t()
    counts = Counter(m["lvl"] for m in t["own_level"].finditer(doc.text))
    word = counts.most_common(1)[0][0] if counts else None
    if issuer:
        for rx, lvl in data_json("meta.json")["issuer_levels"]:
            if re.search(rx, issuer):
                return word, lvl
    if word is None:
        return None, None
    return word, data_json("actors.json")["levels"].get(word, word)


@functools.cache
def _campaign_res() -> dict[str, re.Pattern[str]]:
    return {
        name: re.compile("|".join(sorted(spec["surfaces"], key=len, reverse=True)))
        for name, spec in data_json("meta.json")["campaigns"].items()
    }


def _campaign(text: str, title: str, year: int | None) -> str | None:
    d = data_json("meta.json")
    t = _t()
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for name, rx in _campaign_res().items():
        for m in rx.finditer(text):
            if t["past_campaign_before"].search(text[max(0, m.start() - 4) : m.start()]):
                continue
            if t["past_campaign_after"].match(text, m.end()):
                continue
            counts[name] += 1
        if rx.search(title):
            in_title.add(name)
    if year is not None:
        for y, name in d["theme_education_by_year"].items():
            if int(y) == year:
                counts[name] += len(t["bare_theme_education"].findall(text))
    found = [
        c
        for c in counts
        if counts[c]
        and (
            c in in_title
            or year is None
            or d["campaigns"][c]["years"][0] <= year <= d["campaigns"][c]["years"][1]
        )
    ]
    if not found:
        return None
    return min(found, key=lambda c: (c not in in_title, -counts[c], c))


def document_meta(doc: Document) -> DocumentMeta:
    """Read the :class:`DocumentMeta` of a document (deterministic, pattern based)."""
    t = _t()
    text = doc.text
    page = _page(doc)
    date_text = _date(page)
    year = _year(normalize(date_text)) if date_text else None
    if year is None and (m := t["doc_number_year"].search(text)):
        year = int(m.group(1))
    if year is None:
        year = _head_year(page)
    date = normalize(date_text, year) if date_text else None
    if date and "/" in date:
        date = date.split("/")[0]  # a week or a window: its first day
    issuer = _issuer(page)
    word, level = _level(doc, issuer)
    if issuer is None and word and f"{word}委" in text:
        issuer = f"{word}委"
    campaign = _campaign(text, page.title or "", year)
    batches = Counter(m["b"] for m in t["batch"].finditer(text))
    batch = f"第{batches.most_common(1)[0][0]}批" if batches else None
    return DocumentMeta(page.title, date, year, issuer, level, campaign, batch)
