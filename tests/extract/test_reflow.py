"""Soft and hard line breaks of scraped text (extract/reflow.py)."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.reflow import compose, reflow

JOINED = [
    # a date broken at every part
    ("会议定于\n3\n月\n9\n日召开。", "会议定于3月9日召开。"),
    # digits of a year broken apart
    ("围绕201\n9\n年以来的工作。", "围绕2019年以来的工作。"),
    # a name broken by an inline element
    ("按照县委\n宣传部\n、县教育局的部署，", "按照县委宣传部、县教育局的部署，"),
    # closing marks and list marks open the next line
    ("学习“两个务必\n”精神。", "学习“两个务必”精神。"),
    ("不少于\n30%\n。", "不少于30%。"),
    # an enumerator alone on its line belongs to the item after it
    ("2\n.\n做好总结。", "2.做好总结。"),
    # a line ending in a conjunction or a comma goes on
    ("组织团员和\n青年教师参加学习，", "组织团员和青年教师参加学习，"),
    ("会后，\n各组要及时总结。", "会后，各组要及时总结。"),
    # an open quotation mark goes on to its close
    ("围绕“学史明理\n学史增信”开展学习。", "围绕“学史明理学史增信”开展学习。"),
    # a sentence begun at the end of a line goes on to the next one
    ("欢迎参加。请\n各班级推荐两名学生\n参加比赛。", "欢迎参加。请各班级推荐两名学生参加比赛。"),
    ("会议结束。各支部\n要抓好落实。", "会议结束。各支部要抓好落实。"),
    # a closing mark the page put on a line of its own, then the sentence goes on
    ("要在\n“\n学\n”\n与\n“\n做\n”\n上下功夫。", "要在“学”与“做”上下功夫。"),
    ("积极营造\n“\n比学赶超\n”\n的良好氛围。", "积极营造“比学赶超”的良好氛围。"),
    # a date broken after its year, inside a heading line too
    ("（1）准备阶段（\n2020\n年\n3\n月\n-4\n月）。", "（1）准备阶段（2020年3月-4月）。"),
    ("从\n2019\n年\n11\n月启动，到\n2020\n年\n6\n月结束。", "从2019年11月启动，到2020年6月结束。"),
    # a quotation the page put on a line of its own inside a sentence
    ("紧扣\n“学思践悟”\n这一要求，开展学习。", "紧扣“学思践悟”这一要求，开展学习。"),
]

KEPT = [
    # a sentence ends, a label ends
    "各单位要抓好学习。\n各支部要及时总结。",
    "各科室：\n现将有关事项通知如下。",
    # headings stand on their own lines
    "二、工作要求\n各单位要加强领导。",
    "（一）加强组织领导\n成立工作专班。",
    # a letterhead above its title, a signature above its date
    "中共某某县委\n关于开展主题党日活动的通知",
    "中共某某中学委员会\n2021年3月1日",
    # a list number before a line is no date
    "第12\n月考安排表",
    # a paragraph break
    "学习要深入\n\n会议要求",
    # a short signature above its date, a date line above the next header
    "党政办\n2019年6月10日",
    "2019年6月10日\n某某通报第14期",
    # a signature after the last sentence stays above its date
    "特此通知。党政办\n2019年6月10日",
    # a fragment with punctuation of its own is a line of its own
    "会议结束。附件：\n名单",
    # a quotation closed after a sentence end stays on its line
    "他说：“我们要抓好学习。”\n二、工作要求",
    "“要抓好学习。”\n各支部要及时总结。",
    # a number before a line that is no date
    "第12\n月考成绩公布",
    # a quoted sentence after a sentence end stays on its own line
    "会议强调。\n“要抓好学习”\n各支部要落实。",
]


@pytest.mark.parametrize(("text", "expected"), JOINED)
def test_soft_breaks_are_removed(text: str, expected: str) -> None:
    assert reflow(text)[0] == expected


@pytest.mark.parametrize("text", KEPT)
def test_hard_breaks_stay(text: str) -> None:
    assert reflow(text) == (text, None)


@pytest.mark.parametrize(("text", "_"), JOINED)
def test_the_map_points_every_character_at_its_source(text: str, _: str) -> None:
    out, where = reflow(text)
    assert where is not None and len(where) == len(out) + 1
    assert all(text[where[i]] == ch for i, ch in enumerate(out))
    assert where[-1] == len(text)


def test_breaks_next_to_a_kept_span_stay() -> None:
    text = "浏览次数：10\n3\n月9日召开会议。"
    assert reflow(text, keep=[(0, 7)])[0] == "浏览次数：10\n3月9日召开会议。"


def test_compose_follows_both_maps() -> None:
    assert compose((0, 2, 3, 4), (0, 2, 3)) == (0, 3, 4)


def test_a_document_span_over_a_joined_date_covers_the_raw_characters() -> None:
    doc = document_from_bytes("a.txt", "会议定于\n3\n月\n9\n日召开。".encode())
    start = doc.text.index("3月9日")
    span = doc.span(start, start + 4)
    assert span.text == "3\n月\n9\n日"
    assert doc.raw[span.start : span.end] == span.text
