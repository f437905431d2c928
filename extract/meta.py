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
* **issuer** - the signature body; an issuing body heading the plan; the body the
  speaker speaks for (我代表区委); the body that holds the meeting a news report
  tells of (…委员会组织召开, X举行); the body of a reported speaker (中共中央总书记
  习近平 -> 中共中央); the source of a relayed article (来源：人民日报); else the
  committee of the speech's own level (我县 … 县委);
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

import re
from collections import Counter

from extract.lexicon import data_json, regex_table
from extract.meta_head import Line, head_lines, lines, signatures, title_of
from extract.records import Document, DocumentMeta
from extract.timex import find_times, normalize

_HEAD_DATE_LINES = 15


def _t() -> dict[str, re.Pattern[str]]:
    return regex_table("meta.json")


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[0] != "-" and value[:4].isdigit() else None


def _first_sentence(doc: Document, head: list[Line], all_lines: list[Line]) -> str:
    """The first sentence of the body (after the head lines and a salutation)."""
    return re.split("[。！？]", _body_start(head, all_lines), maxsplit=1)[0]


def _date(doc: Document, head: list[Line], all_lines: list[Line]) -> tuple[str | None, str]:
    """(date text, how): the document's own date as written."""
    t = _t()
    for line in all_lines[:_HEAD_DATE_LINES]:
        if m := t["date_line"].fullmatch(line.text):
            return m["d"], "line"
    if m := t["today_is"].search(doc.text):
        return m["d"], "today"
    sigs = signatures(doc, all_lines)
    for sig in sigs:
        if not sig.stamp and sig.at >= (head[-1].end if head else 0):
            return sig.date, "signature"
    if sigs:
        return sigs[0].date, "signature"
    lead = _first_sentence(doc, head, all_lines)
    for m, value, _ in find_times(lead):
        if value and re.search(r"-\d{2}-\d{2}$", value.split("/")[0]):
            return m.group(), "lead"
    for line in head:
        if t["review_year"].search(line.text):
            continue  # 2020年度…报告: the year reviewed, not the document's date
        for m, value, _ in find_times(line.text):
            if value:
                return m.group(), "head"
    return None, ""


def _head_year(head: list[Line]) -> int | None:
    """A year stated in the head lines by a date or a plan heading (not a review year)."""
    t = _t()
    for line in head:
        if t["review_year"].search(line.text):
            continue
        for _, value, _ in find_times(line.text):
            if value and (y := _year(value.split("/")[0]) or _year(value)):
                return y
    return None


def _body_start(head: list[Line], all_lines: list[Line]) -> str:
    """The first lines of the body, joined (a salutation left out)."""
    rest = all_lines[len(head) :]
    if rest and _t()["salutation"].match(rest[0].text) and len(rest[0].text) <= 20:
        rest = rest[1:]
    return "".join(line.text for line in rest[:6])


def _issuer(doc: Document, head: list[Line], all_lines: list[Line]) -> str | None:
    t = _t()
    for sig in signatures(doc, all_lines):
        if sig.body and not sig.stamp:
            return _clean_org(sig.body)
    for i, line in enumerate(head):  # 中共某某委员会 / 2011年…工作思路: the plan's own body
        nxt = [x.text for x in head[i + 1 : i + 3]]
        if t["org_line"].fullmatch(line.text) and any(t["plan_title"].search(x) for x in nxt):
            return _clean_org(line.text)
    if m := t["speaking_for"].search(doc.text):
        return m["who"]
    lead = _first_sentence(doc, head, all_lines)
    for s in (lead, title_of(doc, all_lines) or ""):
        if m := t["holds_meeting"].search(s):
            return _clean_org(m["who"])
    start = _body_start(head, all_lines)[:300]
    if t["speech"].search(start) and (m := t["speaker_body"].search(start)):
        return m["body"]
    if m := t["source_line"].search(doc.text[-200:]):
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


def _campaign(text: str, title: str, year: int | None) -> str | None:
    d = data_json("meta.json")
    t = _t()
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for name, spec in d["campaigns"].items():
        rx = re.compile("|".join(sorted(spec["surfaces"], key=len, reverse=True)))
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
    all_lines = lines(doc)
    head = head_lines(doc, all_lines)
    title = title_of(doc, all_lines)
    date_text, _ = _date(doc, head, all_lines)
    year = _year(normalize(date_text)) if date_text else None
    if year is None and (m := t["doc_number_year"].search(text)):
        year = int(m.group(1))
    if year is None:
        year = _head_year(head)
    date = normalize(date_text, year) if date_text else None
    if date and "/" in date:
        date = date.split("/")[0]  # a week or a window: its first day
    issuer = _issuer(doc, head, all_lines)
    word, level = _level(doc, issuer)
    if issuer is None and word and f"{word}委" in text:
        issuer = f"{word}委"
    campaign = _campaign(text, title or "", year)
    batches = Counter(m["b"] for m in t["batch"].finditer(text))
    batch = f"第{batches.most_common(1)[0][0]}批" if batches else None
    return DocumentMeta(title, date, year, issuer, level, campaign, batch)
