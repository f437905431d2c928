"""Where one directive clause ends and the next begins: bounds of a measured noun,
quotations, parallel directives. Positive and negative sentences, written for these tests."""

from __future__ import annotations

import pytest

from extract.directives import directive_units

BODY = "一、工作安排\n"


def units(text: str) -> list[str]:
    return [u.text for u in directive_units(BODY + text, every_sentence=True)][1:]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bound whose clause names the measured quantity is a directive of its own
        (
            "由评审组确定入围名单，并在网站公布，公布期不少于7天。",
            ["由评审组确定入围名单，并在网站公布", "公布期不少于7天"],
        ),
        (
            "各组提交一份调研报告，篇幅不超过3000字。",
            ["各组提交一份调研报告", "篇幅不超过3000字"],
        ),
        # a bound on the action of the same clause stays with it
        (
            "组织集中学习，时间安排在周五下午，累计不少于20个学时。",
            ["组织集中学习，时间安排在周五下午，累计不少于20个学时"],
        ),
        ("各小组集中讨论，不少于两次。", ["各小组集中讨论，不少于两次"]),
    ],
)
def test_measured_bound(text: str, expected: list[str]) -> None:
    assert units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted directives one after another are one requirement each
        (
            "部长强调：“各校要压实责任，不搞形式主义”“要把工作做在平时”。",
            ["各校要压实责任", "不搞形式主义", "要把工作做在平时"],
        ),
        # quoted speech keeps its clauses: one directive per modal clause
        (
            "他指出：“做事贵在有恒，不能虎头蛇尾，不要半途而废”。",
            ["做事贵在有恒，不能虎头蛇尾", "不要半途而废"],
        ),
        # a run of quoted names is one clause
        (
            "要重点整治“会多文多”“层层加码”等问题。",
            ["要重点整治“会多文多”“层层加码”等问题"],
        ),
    ],
)
def test_quoted_sentences(text: str, expected: list[str]) -> None:
    found = directive_units(BODY + text, every_sentence=True)
    assert [u.text for u in found if u.cue is not None] == expected


@pytest.mark.parametrize(
    ("text", "directive"),
    [
        ("去年调研期间，书记强调“要把群众的事当作自己的事”。", "要把群众的事当作自己的事"),
        ("在座谈会上，院长指出“每个科室都要建立台账”。", "每个科室都要建立台账"),
    ],
)
def test_a_quoted_directive_spans_the_quotation(text: str, directive: str) -> None:
    found = directive_units(BODY + text, every_sentence=True)
    assert [u.text for u in found if u.cue is not None] == [directive]


def test_the_speaker_before_a_quoted_directive_is_no_directive() -> None:
    text = "近年来，书记围绕基层治理作出重要论述，强调“干部要把群众的事当作自己的事”。"
    found = {u.text: u.drop for u in directive_units(BODY + text, every_sentence=True)}
    assert found["干部要把群众的事当作自己的事"] == ""
    assert found["近年来，书记围绕基层治理作出重要论述"] == "speaker"


def test_a_quoted_slogan_is_cited_not_directed() -> None:
    found = directive_units(BODY + "活动提出“人人要争先”的口号。", every_sentence=True)
    assert all(u.cue is None for u in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a run of bare negations is a prohibition of its own; the clause after it
        # opens the next directive
        (
            "要守好岗位职责，不推诿、不扯皮，把群众的事办好。",
            [("要守好岗位职责", "要"), ("不推诿、不扯皮", "不"), ("把群众的事办好", None)],
        ),
        (
            "各科室要转变作风，不摆架子，不打官腔，不设门槛。",
            [("各科室要转变作风", "要"), ("不摆架子，不打官腔，不设门槛", "不")],
        ),
        # one bare negation stays with its directive
        (
            "要扎实开展学习，不走过场，真正取得实效。",
            [("要扎实开展学习，不走过场，真正取得实效", "要")],
        ),
        # 不断, 不仅 are no negations of an action
        (
            "要不断改进作风，不仅抓学习，还要抓整改。",
            [("要不断改进作风，不仅抓学习", "要"), ("还要抓整改", "要")],
        ),
        # a run that only modifies a noun stays inside its clause
        (
            "要引导干部形成不讲排场、不搞攀比的朴素之风，把精力用在工作上。",
            [("要引导干部形成不讲排场、不搞攀比的朴素之风，把精力用在工作上", "要")],
        ),
    ],
)
def test_bare_negation_runs(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = directive_units(BODY + text, every_sentence=True)[1:]
    assert [(u.text, u.cue.word if u.cue else None) for u in found] == expected


def test_a_negation_run_keeps_the_actors_of_its_directive() -> None:
    from extract.ingest.reader import document_from_bytes
    from extract.pipeline import extract

    text = BODY + "各支部要组织党员认真学习，不敷衍、不应付，把学习成果用到工作中。"
    reqs = extract(document_from_bytes("n.txt", text.encode())).requirements
    by_text = {r.span.text: (r.modality, r.actors) for r in reqs}
    first = by_text["各支部要组织党员认真学习"]
    assert by_text["不敷衍、不应付"] == ("prohibition", first[1])
    assert by_text["把学习成果用到工作中"][1] == first[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list that repeats its modal word gives one directive per item
        (
            "工作中必须坚持问题导向、必须坚持群众路线、必须坚持实事求是。",
            ["工作中必须坚持问题导向", "必须坚持群众路线", "必须坚持实事求是"],
        ),
        # a modal word once, then a list of objects: one directive
        ("必须坚持问题导向、群众路线和实事求是。", ["必须坚持问题导向、群众路线和实事求是"]),
        # a one-character modal word in a list is no repeated directive
        ("要弄清是什么、要干什么这个根本问题。", ["要弄清是什么、要干什么这个根本问题"]),
    ],
)
def test_parallel_directives(text: str, expected: list[str]) -> None:
    assert units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a distributive subject after a directive: a new actor is told what to do
        (
            "各班要召开一次主题班会，每位同学都写一份心得。",
            ["各班要召开一次主题班会", "每位同学都写一份心得"],
        ),
        # what the directive secures for each (都能…) stays with it
        (
            "要保证每个社区都能解决一两个难题，每名党员都能办一件实事。",
            ["要保证每个社区都能解决一两个难题，每名党员都能办一件实事"],
        ),
    ],
)
def test_distributive_subject(text: str, expected: list[str]) -> None:
    assert units(text) == expected


@pytest.mark.parametrize(
    ("text", "drop"),
    [
        # 不能, 不要 are strong enough for a document without sections
        ("各位同事不能因循守旧。", ""),
        ("学习不要浅尝辄止。", ""),
        # 为了 after a modal word is a purpose, not a report
        ("工作不要为了应付检查而搞突击。", ""),
        # a weak cue in such a document stays out by rule
        ("这一做法坚持多年。", "opening without a strong cue"),
    ],
)
def test_rules_in_a_document_without_sections(text: str, drop: str) -> None:
    found = directive_units(text)
    assert [u.drop for u in found] == [drop]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence saying what something is: its 坚持 list is no directive
        ("这就是坚持群众路线，坚持实事求是。", ["framing", "framing"]),
        # a strong cue there still directs
        ("这就是说，各单位必须按时完成。", ["framing", ""]),
    ],
)
def test_copula_frame(text: str, expected: list[str]) -> None:
    assert [u.drop for u in directive_units(BODY + text)[1:]] == expected


def test_the_clause_before_a_parallel_list_is_its_own_unit() -> None:
    text = "总结推广经验，坚持问题导向，坚持系统观念。"
    assert units(text) == ["总结推广经验", "坚持问题导向", "坚持系统观念"]


def test_a_modal_word_once_keeps_its_clause_before() -> None:
    assert units("总结推广经验，坚持问题导向。") == ["总结推广经验，坚持问题导向"]


@pytest.mark.parametrize(
    ("text", "drop"),
    [
        # how something has been changing is a report, in any section
        ("三是服务能力不断增强。", "report"),
        ("办学条件明显改善。", "report"),
        # a directive to improve it is not
        ("要不断增强服务能力。", ""),
    ],
)
def test_progress_statements(text: str, drop: str) -> None:
    found = directive_units(BODY + text, every_sentence=True)[1:]
    assert [u.drop for u in found] == [drop]


@pytest.mark.parametrize(
    "clause",
    ["但也必须清醒看到，困难不少", "我们必须清醒认识到，任务艰巨"],
)
def test_framing_with_a_bare_adverb(clause: str) -> None:
    assert next(u.drop for u in directive_units(BODY + clause + "。")[1:]) == "framing"


@pytest.mark.parametrize("clause", ["成绩可圈可点", "青年是国家的希望"])
def test_look_alikes_of_cues(clause: str) -> None:
    from extract.modality import cues

    assert cues(clause) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 坚持 after an obligation says how to carry it out
        ("要抓好作风建设，坚持正反结合，奖优罚劣。", ["要抓好作风建设，坚持正反结合，奖优罚劣"]),
        # a list of 坚持 clauses is a list of directives
        (
            "要抓好作风建设，坚持正反结合，坚持奖优罚劣。",
            ["要抓好作风建设", "坚持正反结合", "坚持奖优罚劣"],
        ),
        # after an exhortation 坚持 is a directive of its own
        ("希望各支部抓好整改，坚持质量第一。", ["希望各支部抓好整改", "坚持质量第一"]),
    ],
)
def test_elaborating_cue(text: str, expected: list[str]) -> None:
    assert units(text) == expected


def test_the_time_after_a_label_is_its_value() -> None:
    text = "第一阶段：\n3月1日至3月20日，主题是学习党史。\n要组织集中学习。"
    found = directive_units(BODY + text, timed=((13, 23),), every_sentence=True)
    by_text = {u.text: u.drop for u in found}
    assert by_text["3月1日至3月20日，主题是学习党史"] == "label value"
    assert by_text["要组织集中学习"] == ""


@pytest.mark.parametrize("label", ["第一阶段：\n", "时间：\n", "时间："])
def test_a_directive_after_a_label_takes_its_window(label: str) -> None:
    from extract.ingest.reader import document_from_bytes
    from extract.pipeline import extract

    text = BODY + label + "3月1日至3月20日，各支部要组织学习。"
    ex = extract(document_from_bytes("w.txt", text.encode()))
    values = {t.key: t.normalized for t in ex.times}
    assert [(r.span.text, values[r.deadline]) for r in ex.requirements] == [
        ("各支部要组织学习", "--03-01/--03-20")
    ]


@pytest.mark.parametrize(
    ("text", "needle", "actors"),
    [
        # 由X负责/批复: the body after 由 carries the directive out; 各支部的 only says
        # whose plan it is (X的Y要…: X is no subject)
        ("各支部的整改方案要由党委审核。", "整改方案", {"党委"}),
        ("各支部要制定整改方案，或者由党委统一制定。", "统一制定", {"支部", "党委"}),
        ("评选结果须由领导小组确定。", "评选结果", {"领导小组"}),
    ],
)
def test_the_agent_after_you(text: str, needle: str, actors: set[str]) -> None:
    from extract.ingest.reader import document_from_bytes
    from extract.pipeline import extract

    ex = extract(document_from_bytes("a.txt", (BODY + text).encode()))
    found = [set(r.actors) for r in ex.requirements if needle in r.span.text]
    assert found == [actors]


@pytest.mark.parametrize("text", ["不推诿、不扯皮", "决不姑息", "要抓好学习，也不放松整改"])
def test_a_bare_negation_needs_the_word_may_negate_looks_for(text: str) -> None:
    from extract.clause_cuts import _r, may_negate

    assert may_negate(text)
    assert not may_negate(text.replace("不", "没"))
    assert _r()["bare_negation"].match(text.replace("不", "没")) is None
