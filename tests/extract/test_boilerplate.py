"""Boilerplate lines are matched on their simplified form; spans stay raw."""

from __future__ import annotations

import pytest

from extract.ingest.boilerplate import find_boilerplate
from extract.ingest.reader import document_from_bytes
from extract.normalize import to_simplified


@pytest.mark.parametrize(
    "line",
    [
        "時間：2023-03-08",
        "發佈時間：2021-11-02 09:30",
        "上一篇：關於召開支部大會的通知",
        "下一條：學校團委舉行換屆選舉",
        "來源：本校黨政辦",
        "責任編輯：王小明",
        "瀏覽次數：1024",
        "版權所有 某某市第二中學",
        "上一篇：关于召开支部大会的通知",
    ],
)
def test_boilerplate_line_in_either_script(line: str) -> None:
    raw = f"{line}\n各黨支部要認真組織學習。\n"
    spans = find_boilerplate(raw, *to_simplified(raw))
    assert [s.text for s in spans] == [line]
    assert all(raw[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    "line",
    [
        "各黨支部要在時間上保證學習。",
        "會議要求，黨員幹部要以上率先。",
        "上級來源的文件要及時傳達。",
    ],
)
def test_ordinary_lines_are_kept(line: str) -> None:
    raw = f"{line}\n"
    assert find_boilerplate(raw, *to_simplified(raw)) == ()


def test_document_excludes_traditional_boilerplate_in_raw_coordinates() -> None:
    raw = "※※※\n發佈時間：2022-05-16\n各黨支部要於6月底前報送總結。\n下一篇：開展主題黨日活動"
    doc = document_from_bytes("t.txt", raw.encode("utf-8"))
    texts = [s.text for s in doc.excluded]
    assert texts == ["發佈時間：2022-05-16", "下一篇：開展主題黨日活動"]
    assert all(doc.raw[s.start : s.end] == s.text for s in doc.excluded)
