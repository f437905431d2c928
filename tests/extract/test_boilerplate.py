"""Boilerplate lines are excluded spans, matched on their simplified form; text never moves."""

from __future__ import annotations

import pytest

from extract.ingest.boilerplate import find_boilerplate
from extract.ingest.reader import document_from_bytes, read_document
from extract.normalize import to_simplified
from tests.conftest import EXAMPLES

LINES = [
    ("上一篇：东坪乡扎实开展党性分析工作", True),
    ("下一篇：县委督导组到石桥镇检查工作", True),
    ("发布时间：2005-05-09 16:32　来源：石桥镇党委　浏览次数：1024", True),
    ("来源：石桥镇党委", True),
    ("责任编辑：王晓燕", True),
    ("时间：2005-05-09 16:32", True),
    ("日期：      年    月     日", True),
    ("版权所有：云溪县人民政府办公室　ICP备05001234号", True),
    ("推荐阅读", True),
    ("- 县委召开督导组长会议[04-28]", True),
    ("【打印本页】", True),
    ("【打印本页】 【关闭窗口】", True),
    ("当前位置：首页 > 新闻中心", True),
    ("广告", True),
    ("推广：某某产品", True),
    ("字号：大 中 小", True),
    # content that looks like furniture but is not
    ("时间：3月1日至3月31日", False),
    ("日期：4月上旬", False),
    ("推广好的经验和做法。", False),
    ("各党支部要在3月15日前完成集中学习。", False),
    ("一、学习动员阶段（3月1日至3月31日）", False),
    ("关闭不合格的学习点，重新组织补课。", False),
]


@pytest.mark.parametrize(("line", "excluded"), LINES)
def test_line_is_classified(line: str, excluded: bool) -> None:
    assert bool(find_boilerplate(line)) is excluded


def test_spans_point_into_the_raw_text_with_leading_spaces_and_crlf() -> None:
    raw = "各党支部要认真学习。\r\n　　来源：县委办\r\n  上一篇：通知  \r\n不得走过场。"
    spans = find_boilerplate(raw)
    assert [s.text for s in spans] == ["来源：县委办", "上一篇：通知"]
    assert all(raw[s.start : s.end] == s.text for s in spans)


def test_marking_never_removes_text() -> None:
    raw = "关于转段的通知\n发布时间：2005-03-01\n各党支部要认真学习。\n上一篇：通知"
    doc = document_from_bytes("a.txt", raw.encode())
    assert doc.raw == raw
    assert [doc.raw[s.start : s.end] for s in doc.excluded] == [
        "发布时间：2005-03-01",
        "上一篇：通知",
    ]


def test_example_page_boilerplate_is_marked_at_its_offsets() -> None:
    doc = read_document(EXAMPLES / "05-town-news-page.html")
    assert [s.text for s in doc.excluded] == [
        "发布时间：2005-05-09 16:32　来源：石桥镇党委　浏览次数：1024",
        "来源：石桥镇党委",
        "责任编辑：王晓燕",
        "上一篇：东坪乡扎实开展党性分析工作",
    ]
    assert all(doc.raw[s.start : s.end] == s.text for s in doc.excluded)


def test_plain_example_has_no_boilerplate() -> None:
    doc = read_document(EXAMPLES / "03-stage-timetable-notice.utf8-bom.txt")
    assert doc.excluded == ()


def test_long_line_is_never_boilerplate() -> None:
    line = "来源：" + "各党支部要认真学习，" * 30
    assert find_boilerplate(line) == ()


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
