"""Bytes to text: detect and decode UTF-8 (with or without BOM), UTF-16, GB18030 and Big5.

Detection order: a byte-order mark decides (UTF-8, UTF-16 LE/BE); then strict
UTF-8; then charset-normalizer's best guess among CJK encodings, where GB2312
and GBK are widened to GB18030 (a superset) and Big5 to Big5-HKSCS. A BOM is
not part of the text: offsets index the text after it.

Examples
--------
>>> decode_bytes("县委要求".encode("gb18030")).text
'县委要求'
>>> decode_bytes(b"\\xef\\xbb\\xbf" + "党委".encode()).encoding
'utf-8-sig'
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from extract.lexicon import lexicon


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding it was read with."""

    text: str
    encoding: str


# charset-normalizer names -> the codec we decode with (supersets first).
_WIDEN = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
}
_CJK_CANDIDATES = ("gb18030", "big5hkscs")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd")
    return bad / len(text)


def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff") / len(text)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` into text, detecting its encoding.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    Decoded
        The text (BOM removed) and the codec name used.

    Raises
    ------
    DecodeError
        When the bytes are empty, binary, or not decodable as text.

    Examples
    --------
    >>> decode_bytes("先進性教育".encode("big5")).text
    '先進性教育'
    >>> decode_bytes("\\ufeff整改提高".encode("utf-16-le")).encoding
    'utf-16'
    """
    if not data:
        raise DecodeError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _checked(data[3:].decode("utf-8", errors="strict"), "utf-8-sig")
        except UnicodeDecodeError as e:
            raise DecodeError(
                f"invalid UTF-8 after a UTF-8 BOM ({e.reason} at byte {e.start + 3})"
            ) from e
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid UTF-16 ({e.reason} at byte {e.start})") from e
    if b"\x00" in data[:4096]:
        return _checked(*_guess_utf16(data))
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_utf16_without_bom(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" or data[0:1] != b"\x00" else "utf-16-be"
        try:
            return _checked(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    return _checked(*_guess_cjk(data))


def _guess_utf16(data: bytes) -> tuple[str, str]:
    """Text with NUL bytes is UTF-16 without a BOM, or binary."""
    best: tuple[float, str, str] | None = None
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            score = _cjk_ratio(text) + _common_ratio(text) - 5 * _control_ratio(text)
            if best is None or score > best[0]:
                best = (score, text, codec)
    if best is None or _control_ratio(best[1][:20000]) > 0.05:
        raise DecodeError("binary content (NUL bytes)")
    return best[1], best[2]


def _looks_utf16_without_bom(data: bytes) -> bool:
    head = data[:2000]
    if len(head) < 4 or len(head) % 2:
        return False
    zeros_even = head[0::2].count(0)
    zeros_odd = head[1::2].count(0)
    half = len(head) // 2
    # ASCII-heavy UTF-16 has NULs on one side; CJK UTF-16 rarely decodes as GB/Big5 cleanly.
    return zeros_odd > 0.3 * half or zeros_even > 0.3 * half


def _guess_cjk(data: bytes) -> tuple[str, str]:
    """Pick the CJK codec whose strict decoding reads most like Chinese text."""
    best: tuple[float, str, str] | None = None
    guesses = []
    match = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if match is not None:
        guesses.append(_WIDEN.get(match.encoding.replace("_", "").lower(), match.encoding))
    guesses.extend(c for c in _CJK_CANDIDATES if c not in guesses)
    if len(data) % 2 == 0:
        guesses.extend(("utf-16-le", "utf-16-be"))
    for codec in guesses:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _cjk_ratio(text) - 5 * _control_ratio(text) + _common_ratio(text)
        if best is None or score > best[0]:
            best = (score, text, codec)
    if best is None:
        raise DecodeError("not text in UTF-8, UTF-16, GB18030 or Big5")
    return best[1], best[2]


def _common_ratio(text: str) -> float:
    common = lexicon().common_chars
    sample = text[:20000]
    cjk = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in common) / len(cjk)


def _checked(text: str, encoding: str) -> Decoded:
    if _control_ratio(text[:20000]) > 0.05:
        raise DecodeError(f"binary content (control characters) as {encoding}")
    if not text.strip():
        raise DecodeError("no text (only whitespace)")
    return Decoded(text, encoding)
