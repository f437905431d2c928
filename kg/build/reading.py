"""Reading input bytes safely, and showing input names safely in log lines.

:func:`read_bounded` never reads more than a limit and never waits on an
input that has nothing to give: a regular file is read up to ``limit + 1``
bytes (so a file that grew past the limit is seen as too large without being
read whole); anything else (a FIFO, a character device such as ``/dev/zero``,
a process substitution) is opened without blocking and read only while data
arrives within :data:`READ_WAIT` seconds.

:func:`shown` escapes what a file name or a JSON Lines id may carry that
would change how a log line reads (a newline, terminal escape sequences,
bidirectional overrides, bytes that are not UTF-8) and cuts it to a bounded
length, so a name can neither forge a second line nor flood the log.

Examples
--------
>>> shown("a\\nkg: built OK.txt")
'a\\\\nkg: built OK.txt'
>>> shown("bad\\udcff.txt"), shown("x\\x1b[31m"), shown("党委.txt")
('bad\\\\xff.txt', 'x\\\\x1b[31m', '党委.txt')
>>> shown("x" * 500, limit=8)
'xxxxxxxx… (500 characters)'
"""

from __future__ import annotations

import os
import select
import stat
import unicodedata
from pathlib import Path

SHOWN_MAX = 200
"""Characters of a name shown in a log line; longer names are cut (their length is shown)."""
READ_WAIT = 1.0
"""Seconds a read of a FIFO or device may wait for data before the input is refused."""
CHUNK = 1 << 16
ESCAPED_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Cs")
NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class NotReadable(OSError):
    """An input that cannot be read now without blocking (a FIFO without a writer, a terminal)."""


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if ch in NAMED_ESCAPES:
        return NAMED_ESCAPES[ch]
    if unicodedata.category(ch) not in ESCAPED_CATEGORIES:
        return ch
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, limit: int = SHOWN_MAX) -> str:
    """``text`` as one printable line: control and format characters escaped, cut at ``limit``.

    Parameters
    ----------
    text : str
        A file name, path, document name or reason.
    limit : int
        Characters kept; a longer text ends with ``… (N characters)``.

    Examples
    --------
    >>> shown("a\\u202etxt.exe")
    'a\\\\u202etxt.exe'
    """
    cut = len(text) > limit
    body = "".join(_escape(ch) for ch in text[:limit])
    return f"{body}… ({len(text)} characters)" if cut else body


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words (for a refusal's reason).

    Examples
    --------
    >>> import stat
    >>> kind_of(stat.S_IFIFO), kind_of(stat.S_IFCHR)
    ('a FIFO', 'a character device')
    """
    for test, words in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return words
    return "not a regular file"


def read_bounded(path: Path | str, limit: int, wait: float = READ_WAIT) -> bytes:
    """At most ``limit + 1`` bytes of ``path``, without ever blocking on it.

    A result longer than ``limit`` means the input is larger than ``limit``
    (the rest is not read).

    Raises
    ------
    NotReadable
        When a FIFO or device gives no data within ``wait`` seconds.
    OSError
        When the input cannot be opened or read.

    Examples
    --------
    >>> len(read_bounded("/dev/zero", 10))
    11
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            if not regular and not select.select([fd], [], [], wait)[0]:
                raise NotReadable(f"nothing to read within {wait:g} s (reading would block)")
            try:
                chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            except BlockingIOError as e:
                raise NotReadable("nothing to read (reading would block)") from e
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
