"""Word segmentation with jieba, behind one small adapter.

jieba's module-level tokenizer logs to stderr and keeps global state, and its
dictionary cache defaults to the system temp folder. This adapter builds a
private :class:`jieba.Tokenizer` per process, with its cache in a folder the
application owns and the domain dictionary ``extract/data/userdict.txt``.

Examples
--------
>>> [w for w, s, e in tokens("各党委要组织转段分析会")][:3]
['各', '党委', '要']
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from extract.lexicon import lexicon


def cache_dir() -> Path:
    """Folder for jieba's dictionary cache (``$CAMPAIGN_KG_CACHE`` or ``~/.cache/campaign-kg``)."""
    base = os.environ.get("CAMPAIGN_KG_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "campaign-kg"
    )
    path = Path(base) / "jieba"
    path.mkdir(parents=True, exist_ok=True)
    return path


@functools.cache
def tokenizer():
    """The process's private, initialized ``jieba.Tokenizer`` (built on first use)."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())
    # jieba trusts a cache of its bundled dictionary without a date check: key it by version.
    tk.cache_file = f"jieba-{getattr(jieba, '__version__', 'x')}.main.cache"
    tk.initialize()
    tk.load_userdict(str(lexicon().userdict))
    return tk


@functools.cache
def pos_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of every dictionary word (``n``, ``ns``, ``v``...).

    Examples
    --------
    >>> pos_tags()["委员会"]
    'n'
    """
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer()).word_tag_tab


def tokens(text: str, hmm: bool = False) -> list[tuple[str, int, int]]:
    """Segment ``text`` into ``(word, start, end)`` triples (indices into ``text``).

    Parameters
    ----------
    text : str
        Normalized (simplified) text.
    hmm : bool
        Use jieba's HMM for unknown words (slower; off by default).
    """
    return list(tokenizer().tokenize(text, HMM=hmm))


def words(text: str, hmm: bool = False) -> list[str]:
    """Segment ``text`` into words (jieba ``lcut``)."""
    return tokenizer().lcut(text, HMM=hmm)


@functools.lru_cache(maxsize=8192)
def dictionary_words(text: str) -> tuple[str, ...]:
    """The dictionary's segmentation of a short ``text`` (no HMM), memoized.

    The same short windows (a name and the characters around it) are segmented
    again and again; the dictionary does not change once loaded.

    Examples
    --------
    >>> dictionary_words("各党委要组织")
    ('各', '党委', '要', '组织')
    """
    return tuple(tokenizer().lcut(text, HMM=False))
