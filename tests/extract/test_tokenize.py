"""The jieba adapter: offsets, the domain dictionary, an app-owned cache."""

from __future__ import annotations

import pytest

from extract.tokenize import cache_dir, tokenizer, tokens, words

TEXTS = [
    "各党委要组织转段分析会",
    "集中学习不少于40个学时，每月至少1次。",
    "同志们：\r\n整改提高阶段要开好专题组织生活会。",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_tile_the_text(text: str) -> None:
    toks = tokens(text)
    assert "".join(w for w, _, _ in toks) == text
    assert all(text[s:e] == w for w, s, e in toks)
    assert [s for _, s, _ in toks] == [0, *[e for _, _, e in toks]][: len(toks)]


@pytest.mark.parametrize(
    "term", ["先进性教育活动", "转段分析会", "专题组织生活会", "学习动员", "分析评议", "整改提高"]
)
def test_domain_terms_are_one_word(term: str) -> None:
    assert term in words(f"各单位要在{term}中走在前列")


def test_words_match_tokens() -> None:
    text = "各党支部转段须向党委提出书面请示"
    assert words(text) == [w for w, _, _ in tokens(text)]


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAMPAIGN_KG_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c" / "jieba"
    assert cache_dir().is_dir()


def test_private_tokenizer_caches_in_an_app_folder() -> None:
    tk = tokenizer()
    assert tk is tokenizer()
    assert tk.tmp_dir == str(cache_dir())
    assert tk.cache_file.startswith("jieba-")
