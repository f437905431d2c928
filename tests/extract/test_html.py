"""HTML pages: the main text is the document; markup, scripts and site furniture are gone."""

from __future__ import annotations

import pytest

from extract.ingest.html import NoTextError, html_to_text
from extract.ingest.reader import IngestError, document_from_bytes, read_document
from tests.conftest import EXAMPLES

PAGE = EXAMPLES / "05-town-news-page.html"

ARTICLE = (
    "<html><head><title>通知</title><style>p{color:red}</style>"
    "<script>var s = '脚本文字不是正文';</script></head><body>"
    "<div class='nav'><a href='/'>网站首页</a> | <a href='/x'>新闻中心</a></div>"
    "<div class='article'><h1>关于做好转段工作的通知</h1>"
    "<p>各党支部转段须向党委提出书面请示，经党委批复同意，并报县委督导组备案。</p>"
    "<p>各单位要在3月15日前完成集中学习，集中学习不少于40个学时，不得走过场。</p>"
    "<p>县委督导组每月至少向县委领导小组汇报1次督导情况，发现问题要及时报告。</p>"
    "</div><script>document.write('动态脚本文字');</script></body></html>"
)


@pytest.fixture(scope="module")
def page_doc():
    return read_document(PAGE)


@pytest.mark.parametrize(
    "text",
    [
        "石桥镇召开先进性教育活动整改提高阶段动员大会",
        "各党支部要在5月15日前制定整改方案，经镇党委审核同意，并报县委督导组备案。",
        "不得走过场，严禁弄虚作假。",
    ],
)
def test_example_page_main_text_is_taken(page_doc, text: str) -> None:
    assert text in page_doc.raw


@pytest.mark.parametrize(
    "furniture",
    ["脚本", "_hmt", "addFav", "siteTip", "网站首页", "当前位置", "热点文章", "版权所有", "ICP备"],
)
def test_example_page_scripts_and_furniture_are_gone(page_doc, furniture: str) -> None:
    assert furniture not in page_doc.raw


def test_example_page_is_html(page_doc) -> None:
    assert (page_doc.media_type, page_doc.encoding) == ("text/html", "utf-8")


@pytest.mark.parametrize("gone", ["脚本文字不是正文", "动态脚本文字", "color:red", "网站首页"])
def test_scripts_styles_and_nav_are_dropped(gone: str) -> None:
    assert gone not in html_to_text(ARTICLE)


def test_paragraphs_are_lines() -> None:
    lines = html_to_text(ARTICLE).splitlines()
    assert "各单位要在3月15日前完成集中学习，集中学习不少于40个学时，不得走过场。" in lines


def test_short_page_falls_back_to_body_text() -> None:
    html = "<html><head><script>var a = 1;</script></head><body><p>党委</p></body></html>"
    assert html_to_text(html) == "党委"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><head><script>alert('党委')</script></head><body><script>x()</script></body></html>",
        "<html><body><style>p{}</style>   </body></html>",
    ],
)
def test_page_without_text_raises(html: str) -> None:
    with pytest.raises(NoTextError):
        html_to_text(html)


def test_page_without_text_is_an_ingest_error_naming_the_file() -> None:
    with pytest.raises(IngestError, match=r"^empty\.html: HTML page without main text$"):
        document_from_bytes("empty.html", b"<html><body><script>x()</script></body></html>")


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("a.html", ARTICLE.encode(), "text/html"),
        ("a.htm", ARTICLE.encode("gb18030"), "text/html"),
        ("a.txt", ("<!DOCTYPE html>" + ARTICLE).encode(), "text/html"),
        ("a.txt", "各党支部要认真学习。<b>不是网页</b>".encode(), "text/plain"),
    ],
)
def test_html_is_recognized_by_name_or_content(name: str, data: bytes, media_type: str) -> None:
    assert document_from_bytes(name, data).media_type == media_type


def test_gb18030_page_with_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="gb2312"?>' + ARTICLE
    doc = document_from_bytes("a.html", html.encode("gb18030"))
    assert "并报县委督导组备案" in doc.raw


def test_media_type_can_be_forced() -> None:
    doc = document_from_bytes("a.html", ARTICLE.encode(), media_type="text/plain")
    assert doc.raw == ARTICLE
