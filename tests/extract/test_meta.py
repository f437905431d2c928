"""Document metadata: speech date, stated year, issuer, level, campaign, batch."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.meta import document_meta


def meta(text: str):
    return document_meta(document_from_bytes("m.txt", text.encode()))


@pytest.mark.parametrize(
    ("text", "date", "year"),
    [
        ("在全市动员会上的讲话\n（2013年7月5日）\n同志们：", "2013-07-05", 2013),
        ("在全县总结会上的讲话\n(20xx年4月9日)\n", "--04-09", None),
        ("同志们：今天是6月18日，我们召开会议。", "--06-18", None),
        ("根据市委〔2013〕12号文件精神，今天是6月18日。", "2013-06-18", 2013),
        ("时间不定的讲话。", None, None),
    ],
)
def test_date_and_year(text: str, date: str | None, year: int | None) -> None:
    m = meta(text)
    assert (m.date, m.year) == (date, year)


@pytest.mark.parametrize(
    ("text", "issuer", "level"),
    [
        ("我代表县委向大家表示感谢。全县各级党组织要抓好。", "县委", "县"),
        ("我市各单位要抓好学习，市委高度重视。", "市委", "市"),
        ("全省各地要抓好学习。", None, "省"),
    ],
)
def test_issuer_and_level(text: str, issuer: str | None, level: str | None) -> None:
    m = meta(text)
    assert (m.issuer, m.level) == (issuer, level)


@pytest.mark.parametrize(
    ("text", "campaign", "batch"),
    [
        (
            "开展第二批党的群众路线教育实践活动，教育实践活动要见实效。",
            "党的群众路线教育实践活动",
            "第二批",
        ),
        ("先教活动第一批单位要抓好先进性教育。", "先进性教育活动", "第一批"),
        ("扎实开展党史学习教育。", "党史学习教育", None),
        ("加强党的建设。", None, None),
    ],
)
def test_campaign_and_batch(text: str, campaign: str | None, batch: str | None) -> None:
    m = meta(text)
    assert (m.campaign, m.batch) == (campaign, batch)


def test_title_is_a_short_heading_line() -> None:
    assert meta("在全区工作会议上的讲话\n同志们：\n今天开会。").title == "在全区工作会议上的讲话"
