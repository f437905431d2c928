"""Head lines and signatures of a page: title, column headers, furniture, signature blocks."""

from __future__ import annotations

import pytest

from extract.ingest.reader import document_from_bytes
from extract.meta_head import head_lines, signatures, title_of


def doc(text: str):
    return document_from_bytes("h.txt", text.encode())


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "关于做好年度考核工作的通知\n各党支部：\n请按要求做好考核。",
            "关于做好年度考核工作的通知",
        ),
        # site furniture and catalogue labels before the real title
        (
            "某某文秘网 范文大全 讲话稿范文\n讲话稿范文\n本站为您整理了讲话稿。\n"
            "在全镇党建会上的讲话\n同志们：",
            "在全镇党建会上的讲话",
        ),
        # a column header and a study-material header are no titles
        ("每日一读（2020年5月11日——5月17日）\n坚持人民至上\n人民是历史的创造者。", "坚持人民至上"),
        (
            "【2020年3月学习材料】\n理论中心组学习材料  第二专题\n把握新发展阶段\n正文。",
            "把握新发展阶段",
        ),
        # a tag before a bar is left out
        (
            "党建动态 | 第二党支部开展主题党日活动\n3月5日，支部组织党员……。",
            "第二党支部开展主题党日活动",
        ),
        # an HTML entity the page kept
        (
            "关于开展“学思践悟&nbsp;担当作为”活动的通知\n各支部：",
            "关于开展“学思践悟 担当作为”活动的通知",
        ),
        # a speech that opens with its salutation has no title, nor does a section heading
        ("同志们：\n今天召开会议。\n一、充分认识重要意义", None),
        ("一、总体要求\n各单位要高度重视。", None),
        # a teaser the site cut short is no title; the title line after it is
        (
            "在全市表彰大会上的讲话在全市表彰大会上的讲话今天，我们隆重集会，表彰……\n在全市表彰大会上的讲话\n同志们：",
            "在全市表彰大会上的讲话",
        ),
    ],
)
def test_title(text: str, title: str | None) -> None:
    assert title_of(doc(text)) == title


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the date split over lines by the page is joined back
        ("请认真学习。\n校办\n2020\n年\n3\n月\n9\n日\n", [("校办", "2020年3月9日", False)]),
        # a printing stamp of a relayed text is marked
        (
            "正文。\n团委\n2020年3月9日\n抄送：各支部。\n中共某某县委办公室\n2020年3月2日印发\n",
            [("团委", "2020年3月9日", False), ("中共某某县委办公室", "2020年3月2日", True)],
        ),
        # a body line must name a body, not a sentence
        ("根据上级要求安排\n2020年3月9日\n", [(None, "2020年3月9日", False)]),
        # a signature date the page cut after its day
        (
            "正文。\n中共某某中学委员会\n2020\n年4月1\n",
            [("中共某某中学委员会", "2020年4月1", False)],
        ),
        ("正文里说2020年3月9日召开会议。", []),
    ],
)
def test_signatures(text: str, found: list) -> None:
    assert [(s.body, s.date, s.stamp) for s in signatures(doc(text))] == found


def test_head_stops_at_the_salutation() -> None:
    got = [line.text for line in head_lines(doc("关于开展学习的通知\n各支部：\n要学习。"))]
    assert got == ["关于开展学习的通知"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("关于做好年终考核\n的通知\n各单位：", "关于做好年终考核的通知"),
        ("在全县纪检工作会议上\n的讲话\n同志们：", "在全县纪检工作会议上的讲话"),
        # a subtitle is not part of the title
        (
            "某某在全会上发表讲话强调\n坚持稳中求进不动摇\n正文很长的第一句话。",
            "某某在全会上发表讲话强调",
        ),
        # a speaker line is no title
        ("县委副书记 李某某\n在全县会议上的讲话\n同志们：", "在全县会议上的讲话"),
    ],
)
def test_title_broken_over_lines(text: str, title: str) -> None:
    assert title_of(doc(text)) == title


@pytest.mark.parametrize(
    "first_line",
    [
        "根据《某某中学",  # opens like running text, leaves a bracket open
        "运动会将于",  # ends on a word that needs more
        "近日，我校举行了",
        "日在体育馆举行，下列同学参加",  # the rest of a date the page broke
        "第十届科技节（",
    ],
)
def test_a_sentence_fragment_is_no_title(first_line: str) -> None:
    assert title_of(doc(first_line + "\n正文接着写了很多内容，直到句子结束为止。")) is None
