"""Parse a page and list what it would fetch: every src/href and CSS url()."""

from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRS = {"src", "href", "data", "poster", "srcset", "action", "formaction", "xlink:href"}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRS and value is not None:
                self.refs.append((tag, name, value))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_script = False

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def references(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every URL-valued attribute, plus CSS ``url(...)``."""
    p = _Refs()
    p.feed(html)
    css = [("style", "url", u) for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", html)]
    return p.refs + css


def external(html: str) -> list[tuple[str, str, str]]:
    """References that would leave the file: http(s), protocol-relative, or not a data: URL.

    A link (``<a href>``) to a path of the same server (``/doc/...``) fetches
    nothing when the page loads and never leaves the machine: it is not counted.
    """
    out = []
    for tag, attr, value in references(html):
        v = value.strip().lower()
        if v.startswith("#") or v.startswith("data:"):
            continue
        if tag == "a" and attr == "href" and v.startswith("/") and not v.startswith("//"):
            continue
        out.append((tag, attr, value))
    return out
