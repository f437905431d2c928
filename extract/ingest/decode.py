"""Bytes to text: detect and decode UTF-8 (with or without BOM), UTF-16, GB18030 and Big5.

Detection order: a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32); then
NUL bytes mean UTF-16 without a BOM (or binary); then strict UTF-8; then the
CJK codecs (charset-normalizer's guess first, GB2312 and GBK widened to
GB18030, Big5 to Big5-HKSCS), scored by how much the result reads like Chinese
prose. A guess is accepted only if it is *plausible*: almost every character is
ASCII, CJK, CJK punctuation or common typography, and the CJK characters are
mostly common ones. Anything else (binary data, mojibake of an unsupported
encoding, UTF-8 with stray bytes) is a :class:`DecodeError` whose message is
one line. A BOM is not part of the text: offsets index the text after it.

Examples
--------
>>> decode_bytes("县委要求".encode("gb18030")).text
'县委要求'
>>> decode_bytes(b"\\xef\\xbb\\xbf" + "党委".encode()).encoding
'utf-8-sig'
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from extract.lexicon import lexicon


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding (message: one line)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding it was read with."""

    text: str
    encoding: str


# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16", "UTF-16"),
)

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
_SAMPLE = 20000
# A guessed decoding must have at least this share of plausible characters ...
MIN_PLAUSIBLE = 0.9
# ... and, once it holds MIN_CJK_FOR_COMMON CJK characters, this share of common ones
# (real official prose: 0.19-0.88; mojibake of a wrong codec: 0.00-0.07).
MIN_COMMON = 0.12
MIN_CJK_FOR_COMMON = 20

# Code-point ranges of characters that occur in Chinese official text.
_PLAUSIBLE_RANGES = (
    (0x20, 0x7E),  # ASCII printable
    (0xA0, 0xFF),  # Latin-1 punctuation and signs (·, ×, °)
    (0x2000, 0x206F),  # general punctuation (—, “”, …, ※)
    (0x2100, 0x218F),  # letterlike symbols, Roman numerals
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics (①)
    (0x2500, 0x26FF),  # box drawing, geometric shapes, symbols (■, ○, ★)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility (㈠, ㎡)
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
)


_PLAUSIBLE_RE = re.compile(
    "[\t\n\r\f\ufeff" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _PLAUSIBLE_RANGES) + "]"
)
# Control characters other than \t \n \f \r, and the replacement character.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_CJK_RANGE = "\u4e00-\u9fff"
# The complements, as runs: characters of a class are counted as the sample's length
# minus the runs of the others (few and long in real text; no list of every character).
_NOT_PLAUSIBLE_RE = re.compile("[^" + _PLAUSIBLE_RE.pattern[1:] + "+")
_NOT_CJK_RE = re.compile(f"[^{_CJK_RANGE}]+")


def _count(not_re: re.Pattern[str], text: str, end: int) -> int:
    """How many of ``text[:end]`` are in the class whose complement (runs) is ``not_re``."""
    return min(len(text), end) - sum(map(len, not_re.findall(text, 0, end)))


def _plausible_ratio(text: str) -> float:
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    return _count(_NOT_PLAUSIBLE_RE, sample, _SAMPLE) / len(sample)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_RE.findall(text)) / len(text)


def _cjk_count(text: str) -> int:
    """The CJK characters among the first ``_SAMPLE`` of ``text``."""
    return _count(_NOT_CJK_RE, text, _SAMPLE)


def _cjk_ratio(text: str) -> float:
    sample = text[:_SAMPLE]
    return _cjk_count(sample) / len(sample) if sample else 0.0


@functools.cache
def _not_common_re() -> re.Pattern[str]:
    """Runs of characters that are not common CJK characters."""
    common = sorted(c for c in lexicon().common_chars if "\u4e00" <= c <= "\u9fff")
    return re.compile("[^" + "".join(re.escape(c) for c in common) + "]+")


def _common_ratio(text: str, cjk: int | None = None) -> float:
    """The share of common characters among the CJK ones of the first ``_SAMPLE``
    (``cjk``: their number when the caller has counted them)."""
    cjk = _cjk_count(text) if cjk is None else cjk
    if not cjk:
        return 0.0
    return _count(_not_common_re(), text, _SAMPLE) / cjk


def is_plausible(text: str) -> bool:
    """Whether ``text`` reads like (Chinese) prose rather than mojibake or binary.

    Examples
    --------
    >>> is_plausible("各党支部要认真学习。Section 2")
    True
    >>> is_plausible("\\uac00\\ue000\\u3401\\u4100")  # Hangul, private use, rare CJK
    False
    """
    if _plausible_ratio(text) < MIN_PLAUSIBLE:
        return False
    cjk = _cjk_count(text)
    return cjk < MIN_CJK_FOR_COMMON or _common_ratio(text, cjk) >= MIN_COMMON


def _score(text: str) -> float:
    return _cjk_ratio(text) + _common_ratio(text) + _plausible_ratio(text)


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
        When the bytes are empty, binary, or not text in a supported encoding.

    Examples
    --------
    >>> decode_bytes("先進性教育".encode("big5")).text
    '先進性教育'
    >>> decode_bytes("\\ufeff整改提高".encode("utf-16-le")).encoding
    'utf-16'
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    Traceback (most recent call last):
    ...
    extract.ingest.decode.DecodeError: binary content (NUL bytes)
    """
    if not data:
        raise DecodeError("empty file")
    for bom, codec, name, label in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError as e:
                where = e.start + len(bom)
                raise DecodeError(
                    f"invalid {label} after its BOM ({e.reason} at byte {where})"
                ) from e
    if b"\x00" in data[:4096]:
        return _checked(*_guess_utf16(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error: UnicodeDecodeError | None = e
    else:
        if is_plausible(text):
            return _checked(text, "utf-8")
        # Valid UTF-8 that reads like mojibake: a short GB18030/Big5 text can be valid UTF-8.
        alt = _guess_cjk(data)
        return _checked(*alt) if alt is not None else _checked(text, "utf-8")
    guess = _guess_cjk(data)
    if guess is None:
        bad = data[utf8_error.start]
        raise DecodeError(
            "not text in UTF-8, UTF-16, GB18030 or Big5 "
            f"(invalid UTF-8 byte 0x{bad:02x} at offset {utf8_error.start})"
        )
    return _checked(*guess)


def _guess_utf16(data: bytes) -> tuple[str, str]:
    """Text with NUL bytes is UTF-16 without a BOM, or binary."""
    best: tuple[float, str, str] | None = None
    if len(data) % 2 == 0:
        # ASCII in UTF-16 LE has its NULs at odd offsets, in BE at even ones; CJK
        # characters rarely have a NUL byte. A clear majority on one side decides.
        odd, even = data[1::2].count(0), data[0::2].count(0)
        share_le = odd / (odd + even)
        for codec, share in (("utf-16-le", share_le), ("utf-16-be", 1 - share_le)):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text[:_SAMPLE]) > 0.05 or not is_plausible(text):
                continue
            score = _score(text) + (10.0 if share >= 0.8 else 0.0)
            if best is None or score > best[0]:
                best = (score, text, codec)
    if best is None:
        raise DecodeError("binary content (NUL bytes)")
    return best[1], best[2]


def _guess_cjk(data: bytes) -> tuple[str, str] | None:
    """The plausible CJK decoding that reads most like Chinese text, or None."""
    guesses: list[str] = []
    match = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if match is not None:
        guesses.append(_WIDEN.get(match.encoding.replace("_", "").lower(), match.encoding))
    guesses.extend(c for c in _CJK_CANDIDATES if c not in guesses)
    if len(data) % 2 == 0:
        guesses.extend(c for c in ("utf-16-le", "utf-16-be") if c not in guesses)
    best: tuple[float, str, str] | None = None
    for codec in guesses:
        if codec in ("utf-8", "utf_8"):
            continue
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_ratio(text[:_SAMPLE]) > 0.05 or not is_plausible(text):
            continue
        score = _score(text)
        if best is None or score > best[0]:
            best = (score, text, codec)
    return None if best is None else (best[1], best[2])


def _checked(text: str, encoding: str) -> Decoded:
    if _control_ratio(text[:_SAMPLE]) > 0.05:
        raise DecodeError(f"binary content (control characters) as {encoding}")
    if not text.strip():
        raise DecodeError("no text (only whitespace)")
    return Decoded(text, encoding)
