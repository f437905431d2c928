"""Traditional-to-simplified folding with an offset map back to the raw text.

OpenCC's ``t2s`` profile is character-for-character on almost all text, so the
map is usually the identity and :attr:`Document.offsets` stays ``None``. When a
conversion changes length (rare phrase rules), the text is converted piecewise
and every normalized index is mapped back to its raw index.

Examples
--------
>>> to_simplified("黨委要求")
('党委要求', None)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@functools.cache
def _converter():
    import opencc  # the official binding; see TOOLING-NOTES on the shadowing package

    return opencc.OpenCC("t2s")


def to_simplified(
    raw: str, convert: Callable[[str], str] | None = None
) -> tuple[str, tuple[int, ...] | None]:
    """Fold ``raw`` to simplified characters.

    Parameters
    ----------
    raw : str
        Decoded source text.
    convert : callable, optional
        The string conversion (default: OpenCC ``t2s``). Another one may change
        lengths; the offset map then keeps every index pointing into ``raw``.

    Returns
    -------
    text : str
        The simplified text.
    offsets : tuple of int or None
        ``None`` when ``len(text) == len(raw)`` (index ``i`` of the text is
        index ``i`` of raw); otherwise a map of ``len(text) + 1`` raw indices.

    Examples
    --------
    >>> to_simplified("整改提高")[0]
    '整改提高'
    >>> to_simplified("黨委要求", convert=lambda s: s.replace("黨", "[党]"))
    ('[党]委要求', (0, 0, 0, 1, 2, 3, 4))
    """
    conv = convert or _converter().convert
    text = conv(raw)
    if len(text) == len(raw):
        return text, None
    # Length changed somewhere: convert run by run and keep a map.
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _CJK_RUN.finditer(raw):
        if m.start() > pos:
            parts.append(raw[pos : m.start()])
            offsets.extend(range(pos, m.start()))
        run = m.group()
        out = conv(run)
        if len(out) == len(run):
            parts.append(out)
            offsets.extend(range(m.start(), m.end()))
        else:  # char by char keeps a 1:1 map at the cost of phrase rules
            for k, ch in enumerate(run):
                c = conv(ch)
                parts.append(c)
                offsets.extend([m.start() + k] * len(c))
        pos = m.end()
    parts.append(raw[pos:])
    offsets.extend(range(pos, len(raw)))
    offsets.append(len(raw))
    text = "".join(parts)
    if len(text) == len(raw):
        return text, None
    return text, tuple(offsets)
