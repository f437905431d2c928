"""Mark scraped-page boilerplate as excluded spans, without shifting offsets.

The patterns live in ``extract/data/boilerplate.txt`` (one regular expression
per line); a line that matches one is excluded as a whole.

Examples
--------
>>> [s.text for s in find_boilerplate("上一篇：关于开展活动的通知\\n各支部要认真学习。")]
['上一篇：关于开展活动的通知']
"""

from __future__ import annotations

from extract.lexicon import lexicon
from extract.records import Span


def find_boilerplate(raw: str) -> tuple[Span, ...]:
    """Return the spans of ``raw`` that are site boilerplate, in text order.

    Parameters
    ----------
    raw : str
        Decoded document text.

    Returns
    -------
    tuple of Span
        One span per boilerplate line (leading and trailing spaces left out).
    """
    patterns = lexicon().boilerplate
    out: list[Span] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped and len(stripped) <= 200 and any(p.search(stripped) for p in patterns):
            start = pos + (len(body) - len(body.lstrip()))
            out.append(Span(start, start + len(stripped), stripped))
        pos += len(line)
    return tuple(out)
