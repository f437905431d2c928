"""The pipeline: spans, determinism, boilerplate, traditional text, version."""

from __future__ import annotations

from extract.ingest.reader import document_from_bytes
from extract.pipeline import EXTRACTOR_VERSION, extract
from extract.records import check_spans

SPEECH = (
    "在全县动员大会上的讲话\n（2013年7月5日）\n同志们：\n"
    "一、扎实做好学习教育\n各党支部要在7月30日前召开动员会，集中学习不少于3天。"
    "要认真开展“回头看”，严禁走过场。\n"
    "上一篇：关于7月1日召开会议的通知\n"
)


def test_spans_quote_the_raw_text() -> None:
    ex = extract(document_from_bytes("s.txt", SPEECH.encode()))
    assert check_spans(ex) == []
    assert ex.meta.date == "2013-07-05"
    assert [t.normalized for t in ex.times] == ["2013-07-05", "2013-07-30"]


def test_boilerplate_gives_no_facts() -> None:
    ex = extract(document_from_bytes("s.txt", SPEECH.encode()))
    start = SPEECH.index("上一篇")
    assert all(t.span.start < start for t in ex.times)
    assert all(r.span.start < start for r in ex.requirements)


def test_requirements_and_keys_resolve() -> None:
    ex = extract(document_from_bytes("s.txt", SPEECH.encode()))
    times = {t.key for t in ex.times}
    actors = {a.key for a in ex.actors}
    stages = {s.key for s in ex.stages}
    mods = [r.modality for r in ex.requirements]
    assert mods.count("prohibition") == 1
    for r in ex.requirements:
        assert r.deadline is None or r.deadline in times
        assert set(r.actors) <= actors
        assert r.stage is None or r.stage in stages
        assert r.prov.rule.startswith("requirement.")
    assert [s.label for s in ex.steps] == ["回头看"]


def test_deterministic() -> None:
    a = extract(document_from_bytes("s.txt", SPEECH.encode()))
    b = extract(document_from_bytes("s.txt", SPEECH.encode()))
    assert a == b


def test_traditional_text_maps_back_to_raw() -> None:
    text = "一、抓好整改\n各級黨組織要在8月上旬完成整改提高階段的工作。"
    ex = extract(document_from_bytes("t.txt", text.encode("big5")))
    assert check_spans(ex) == []
    assert [t.span.text for t in ex.times] == ["8月上旬"]
    assert [s.label for s in ex.stages] == ["整改提高"]


def test_version_is_set() -> None:
    assert EXTRACTOR_VERSION.count(".") == 2
