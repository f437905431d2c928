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


@pytest.mark.parametrize(
    ("text", "date", "issuer"),
    [
        # a notice: the signature, not the printing stamp of the text it relays
        (
            "关于学习会议精神的通知\n各支部：\n请认真学习。\n校党委\n2020\n年\n4\n月\n2\n日\n"
            "某某县委办公室\n2020年3月30日印发\n",
            "2020-04-02",
            "校党委",
        ),
        # a news report: the day in its first sentence, the body that holds the meeting
        (
            "某某中学党委召开专题会议\n5月12日下午，中共某某中学委员会召开专题会议。会议强调……。",
            "--05-12",
            "中共某某中学委员会",
        ),
        (
            "理论学习中心组举行集体学习\n市委理论学习中心组3月8日就基层治理进行集体学习。",
            "--03-08",
            "市委理论学习中心组",
        ),
        # a reported speech: the speaker's body from his title
        (
            "某某在全省会议上发表讲话\n全省工作会议3月9日在省城召开。省委书记某某出席会议并讲话。",
            "--03-09",
            "省委",
        ),
        # a relayed article: the study week of the page, its source
        (
            "每周一学（2020年6月1日——6月7日）\n坚持实事求是\n实事求是是党的思想路线。……\n（来源：光明日报）",
            "2020-06-01",
            "光明日报",
        ),
        # a plan: the body heading it and the plan year
        (
            "转发《某某局党委2015年工作要点》\n中共某某局委员会\n2015年工作要点\n一、指导思想\n坚持……。",
            "2015",
            "中共某某局委员会",
        ),
    ],
)
def test_date_and_issuer_of_later_genres(text: str, date: str, issuer: str) -> None:
    m = meta(text)
    assert (m.date, m.issuer) == (date, issuer)


def test_day_of_a_news_report_takes_the_page_year() -> None:
    text = "每周一学（2020年6月1日——6月7日）\n某某强调要实干\n新华社北京5月28日电　会议要求……。"
    assert (meta(text).date, meta(text).year) == ("2020-05-28", 2020)


def test_review_year_is_not_the_document_year() -> None:
    assert meta("2019年度党风廉政建设情况报告\n现将有关情况报告如下：").year is None


@pytest.mark.parametrize(
    ("issuer_line", "level"),
    [
        ("某某市第二中学党委", "单位"),
        ("校党政办", "单位"),
        ("中共中央办公厅", "中央"),
        ("中共某某省委组织部", "省"),
        ("中共某某市教育局委员会", "市"),
        ("某某县委宣传部", "县"),
    ],
)
def test_level_from_the_issuer(issuer_line: str, level: str) -> None:
    m = meta(f"关于开展学习的通知\n各单位：\n请学习。\n{issuer_line}\n2018年3月2日\n")
    assert (m.issuer, m.level) == (issuer_line, level)


@pytest.mark.parametrize(
    ("text", "campaign"),
    [
        # a campaign mentioned only as something to consolidate, or after it ran
        ("巩固拓展党史学习教育成果。\n某某\n2022年1月5日\n", None),
        ("开展党史学习教育，总结经验。\n某某\n2023年2月5日\n", None),
        ("开展党史学习教育，总结经验。\n某某\n2021年4月5日\n", "党史学习教育"),
        # named in the title: the document's campaign whatever its year
        ("党史学习教育总结会议通知\n各支部：\n请参加。\n某某\n2022年1月5日\n", "党史学习教育"),
        # a bare 主题教育 is the theme education of its year
        ("这次主题教育要见实效。\n某某\n2019年9月5日\n", "不忘初心、牢记使命主题教育"),
        (
            "推动主题教育走深走实。\n某某\n2023年5月5日\n",
            "学习贯彻习近平新时代中国特色社会主义思想主题教育",
        ),
        ("这次主题教育要见实效。", None),
        # a slogan is no campaign
        ("要不忘初心、牢记使命，勇毅前行。\n某某\n2022年5月5日\n", None),
    ],
)
def test_campaign_of_later_documents(text: str, campaign: str | None) -> None:
    assert meta(text).campaign == campaign


def test_issuer_from_the_speaker_line() -> None:
    m = meta(
        "在全区组织工作会议上的讲话\n区委副书记 张某某\n（2012年4月6日）\n同志们：\n今天开会。"
    )
    assert (m.issuer, m.date, m.level) == ("区委", "2012-04-06", "县")


@pytest.mark.parametrize(
    ("text", "issuer", "level"),
    [
        (
            "某某工作条例\n（2018年3月2日中共中央发布）\n第一条 为了……，制定本条例。",
            "中共中央",
            "中央",
        ),
        ("省委办公厅印发《关于某某的意见》\n近日，省委办公厅印发了意见。……", "省委办公厅", "省"),
    ],
)
def test_issuer_that_publishes(text: str, issuer: str, level: str) -> None:
    m = meta(text)
    assert (m.issuer, m.level) == (issuer, level)
