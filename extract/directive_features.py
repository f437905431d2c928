"""Features of a candidate directive unit, for the learned keep-or-drop decision.

Every sentence of a document is cut into candidate units
(:func:`extract.directives.directive_units`); the rules mark some of them as
dropped, with a reason (a report, framing, a question...). Whether a unit is a
requirement also depends on things rules weigh badly together: the genre of the
document (a notice or plan directs in bare imperatives, a news report only in
reported speech), the section, the first word, perfective and pledge markers.
:func:`unit_features` describes a unit by such general properties (never by
strings of particular documents); :mod:`extract.directive_model` weighs them.

The cue lexicons and markers live in ``extract/data/directive_features.json``.

Examples
--------
>>> from extract.clauses import sentences
>>> from extract.directives import directive_units
>>> text = "关于开展学习的通知\\n各支部：\\n一、要求\\n加强组织领导，各支部要认真学习。"
>>> ctx = document_context(text)
>>> units = directive_units(text, every_sentence=True)
>>> f = unit_features(units[-2], ctx)
>>> f["starts_with_verb"], f["doc_directive_title"], f["cue:none"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.directives import Unit
from extract.lexicon import data_json
from extract.prefilter import skipping


@functools.cache
def _d() -> dict:
    d = data_json("directive_features.json")
    out = dict(d)
    for k, v in d.items():
        if k.endswith("_re"):
            out[k] = skipping(v)
    out["adverb_re"] = re.compile(
        "^(?:" + "|".join(sorted(d["adverbs"], key=len, reverse=True)) + ")*"
    )
    out["frames"] = tuple(d["frame_words"])
    out["cue_set"] = frozenset(d["cue_words"])
    out["imperative_set"] = frozenset(d["imperative_verbs"])
    markers = ("perfective", "pledge", "significance", "announce")
    out["markers_re"] = skipping("|".join(f"(?P<{k}>{d[k + '_re']})" for k in markers))
    return out


_MARKER_NAMES = {
    "perfective": "perfective",
    "pledge": "pledge",
    "significance": "significance",
    "announce": "announcement",
}


@dataclass(frozen=True)
class DocContext:
    """What the whole document says about how it directs."""

    directive_title: bool
    report_title: bool
    salutation: bool
    perfective_density: float
    speech_relay: bool
    attachments_from: int = 1 << 62

    @functools.cached_property
    def features(self) -> dict[str, float]:
        """The features every unit takes from its document, in the order of
        :func:`unit_features` (built once per document)."""
        f: dict[str, float] = {}
        if self.directive_title:
            f["doc_directive_title"] = 1.0
        if self.report_title:
            f["doc_report_title"] = 1.0
        if self.salutation:
            f["doc_salutation"] = 1.0
        if self.speech_relay:
            f["doc_relay"] = 1.0
        f["doc_perfective"] = min(self.perfective_density, 10.0) / 10.0
        return f


@functools.lru_cache(maxsize=4)  # asked by the requirements and the actor filter
def document_context(text: str) -> DocContext:
    """The genre signals of a normalized text (title words, salutation, 了 density)."""
    d = _d()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    head = " ".join(lines[:3])
    per_k = sum(1 for m in d["perfective_re"].finditer(text)) * 1000 / max(1, len(text))
    return DocContext(
        directive_title=bool(d["directive_title_re"].search(head)),
        report_title=bool(d["report_title_re"].search(head)),
        salutation=any(d["salutation_re"].match(ln) for ln in lines[:6]),
        perfective_density=per_k,
        speech_relay=bool(d["relay_re"].search(text[:600])),
        attachments_from=next(
            (m.start() for m in d["attachment_re"].finditer(text)), len(text) + 1
        ),
    )


def is_hard_drop(u: Unit) -> bool:
    """Whether the rules' reason to drop ``u`` is final (a report, a question, framing)."""
    return u.drop in _d()["hard_drops"]


def first_word(text: str) -> tuple[str, str | None]:
    """The longest dictionary word (up to 4 characters) ``text`` opens with, and its
    jieba part-of-speech tag (None when the word is no dictionary word)."""
    head = text[:4]  # all the answer depends on: one look-up in a small table
    if (known := _FIRST_WORDS.get(head)) is None:
        if len(_FIRST_WORDS) > 100_000:
            _FIRST_WORDS.clear()
        known = _FIRST_WORDS[head] = _first_word(head)
    return known


_FIRST_WORDS: dict[str, tuple[str, str | None]] = {}


@functools.cache
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and part-of-speech tags (looked up once per process)."""
    from extract.tokenize import pos_tags, tokenizer

    return tokenizer().FREQ, pos_tags()


def _first_word(text: str) -> tuple[str, str | None]:
    """The longest of ``text[:4]``, ``text[:3]``, ``text[:2]`` that is a dictionary word,
    else ``text[:1]``. jieba's table holds every prefix of its words (a prefix that is
    no word with frequency 0), so the search goes up from two characters and stops at
    the first prefix the table lacks: no longer word can follow."""
    if not text:
        return "", None
    freq, tags = _dictionary()
    best = text[:1]
    for n in range(2, min(4, len(text)) + 1):
        w = text[:n]
        f = freq.get(w)
        if f is None:
            break
        if f > 0:
            best = w
    return best, tags.get(best)


def unit_contexts(units: list[Unit]) -> dict[int, dict[str, float]]:
    """Features of each unit's neighbourhood, keyed by ``id(unit)``.

    ``para_cued``: the share of the other units of its paragraph that carry a strong
    cue (a directive paragraph); ``prev_cued``/``next_cued``: the units just before
    and after it in the paragraph carry a cue; ``head:directive``/``head:review``: the
    nearest heading above names tasks (要求, 任务, 措施...) or looks back (情况, 成绩...).
    """
    d = _d()
    by_para: dict[int, list[Unit]] = {}
    for u in units:
        by_para.setdefault(u.sent.para, []).append(u)
    out: dict[int, dict[str, float]] = {}
    head_kind = ""
    place = {id(u): k for group in by_para.values() for k, u in enumerate(group)}
    strong_in = {
        p: sum(1 for x in group if x.cue is not None and not x.cue.weak)
        for p, group in by_para.items()
    }
    for u in units:
        if u.sent.heading and u.sent.heading <= 3:
            head_kind = (
                "directive"
                if d["directive_heading_re"].search(u.sent.text)
                else "review"
                if d["review_heading_re"].search(u.sent.text)
                else ""
            )
        group = by_para[u.sent.para]
        k = place[id(u)]
        strong = strong_in[u.sent.para] - (u.cue is not None and not u.cue.weak)
        f: dict[str, float] = {}
        if len(group) > 1:
            f["para_cued"] = strong / (len(group) - 1)
        if k > 0 and group[k - 1].cue is not None:
            f["prev_cued"] = 1.0
        if k + 1 < len(group) and group[k + 1].cue is not None:
            f["next_cued"] = 1.0
        if head_kind:
            f[f"head:{head_kind}"] = 1.0
        out[id(u)] = f
    return out


_CROSSED_NAMES = (
    "starts_with_verb",
    "starts_with_frame",
    "starts_with_actor",
    "after_speech_verb",
    "doc_directive_title",
    "doc_report_title",
    "doc_salutation",
    "doc_relay",
    "perfective",
    "review_section",
    "heading:1",
    "heading:2",
    "heading:3",
    "prev_cued",
    "next_cued",
    "head:directive",
    "head:review",
)
# by bare (no cue) or not: feature -> its name crossed with bare/cued
_CROSSED = {
    bare: {n: f"{'bare' if bare else 'cued'}&{n}" for n in _CROSSED_NAMES} for bare in (False, True)
}
_CROSSED_SET = frozenset(_CROSSED_NAMES)
_CROSSED_RANK = {n: k for k, n in enumerate(_CROSSED_NAMES)}.__getitem__


def unit_features(
    u: Unit,
    ctx: DocContext,
    actor_start: bool = False,
    context: dict[str, float] | None = None,
) -> dict[str, float]:
    """The features of one candidate unit (a dict of name -> value, 0/1 mostly)."""
    d = _d()
    sent = u.sent
    text = u.text
    cue = u.cue
    f: dict[str, float] = {"bias": 1.0, f"kind:{u.kind}": 1.0, f"drop:{u.drop or 'kept'}": 1.0}
    if cue is None:
        f["cue:none"] = 1.0
    else:
        f[f"modality:{cue.modality}"] = 1.0
        f["cue:weak" if cue.weak else "cue:strong"] = 1.0
        word = cue.word if cue.word in d["cue_set"] else "other"
        f[f"cue:{word}"] = 1.0
        if u.cue_clause is not None and cue.start - u.cue_clause.start <= 2:
            f["cue_opens_clause"] = 1.0
        if cue.start - u.start <= 2:
            f["cue_opens_unit"] = 1.0
    body = text[d["adverb_re"].match(text).end() :]  # the adverbs it opens with (^…*) go
    word, tag = first_word(body)
    if body[:1] and body.startswith(d["frames"]):
        f["starts_with_frame"] = 1.0
    elif (tag is not None and tag.startswith("v")) or word in d["imperative_set"]:
        f["starts_with_verb"] = 1.0
    elif tag is not None and tag.startswith("n"):
        f["starts_with_noun"] = 1.0
    if actor_start:
        f["starts_with_actor"] = 1.0
    for m in d["markers_re"].finditer(text):  # perfective, pledge, significance, announcement
        f[_MARKER_NAMES[m.lastgroup or ""]] = 1.0
    if d["copula_re"].search(text):
        f["copula"] = 1.0
    speech = d["speech_re"]  # over the sentence up to the unit, and the unit's opening
    if speech.search(sent.text, 0, max(0, u.start - sent.start) + 2) or speech.search(text, 0, 6):
        f["after_speech_verb"] = 1.0
    if d["label_re"].match(text) or d["label_re"].match(sent.text):
        f["label_line"] = 1.0
    if text.endswith(("：", ":")) or sent.text.rstrip().endswith(("：", ":")):
        f["ends_with_colon"] = 1.0
    if d["date_only_re"].match(text):
        f["date_only"] = 1.0
    if len(text) <= 6:
        f["short"] = 1.0
    elif len(text) >= 60:
        f["long"] = 1.0
    if sent.heading:
        f[f"heading:{min(sent.heading, 4)}"] = 1.0
    if sent.topic:
        f["topic_heading"] = 1.0
    if sent.review:
        f["review_section"] = 1.0
    if u.timed:
        f["timed"] = 1.0
    if d["question_re"].search(sent.text):
        f["question"] = 1.0
    if u.start >= ctx.attachments_from:
        f["in_attachments"] = 1.0
    doc_f = ctx.features
    f.update(doc_f)
    if context:
        f.update(context)
    bare = cue is None
    if sent.heading and not sent.topic and "starts_with_verb" in f:
        f["imperative_heading"] = 1.0
    if present := f.keys() & _CROSSED_SET:  # crossed in the order of _CROSSED_NAMES
        crossed = _CROSSED[bare]
        for name in sorted(present, key=_CROSSED_RANK) if len(present) > 1 else present:
            f[crossed[name]] = 1.0
    f["bare&doc_perfective"] = doc_f["doc_perfective"] if bare else 0.0
    f["bare&para_cued"] = f.get("para_cued", 0.0) if bare else 0.0
    return f
