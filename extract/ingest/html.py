"""HTML pages: take the main text with trafilatura and treat it as the document.

The extracted main text *is* the document's raw text (offsets index into it);
the page's markup, navigation and scripts are gone. Scraped sites still leave
link lists and footers inside the main text: :mod:`extract.ingest.boilerplate`
marks those.

Examples
--------
>>> html_to_text("<html><body><article><p>各党委要认真学习。</p></article></body></html>")
'各党委要认真学习。'
"""

from __future__ import annotations

import logging


class NoTextError(ValueError):
    """The page has no main text."""


def html_to_text(html: str) -> str:
    """Return the main text of an HTML page, paragraphs separated by newlines.

    Raises
    ------
    NoTextError
        When no main text can be found.
    """
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=True,
            include_links=False,
            include_images=False,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception:  # a parser failure on odd markup: fall back to the body's text
        text = None
    if not text or not text.strip():
        text = _fallback_text(html)
    if not text or not text.strip():
        raise NoTextError("HTML page without main text")
    return text


def _fallback_text(html: str) -> str:
    """Plain text of the body when trafilatura finds no article (short pages)."""
    from lxml import html as lh

    try:
        root = lh.fromstring(html)
    except Exception:  # lxml raises several parser errors on broken markup
        return ""
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    lines = [ln.strip() for ln in root.text_content().splitlines()]
    return "\n".join(ln for ln in lines if ln)
