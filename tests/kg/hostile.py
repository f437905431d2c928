"""A folder of hostile input files, generated (never copied from anywhere).

``HOSTILE`` maps a file name to the reason its skip warning must contain, or
``None`` when the file may be either built or skipped (truncated or mixed
encodings decode to *something*), as long as the build goes on.
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path

GOOD = "各党委要在3月15日前完成学习动员。\n督导组必须加强指导。\n"
BIG_BYTES = 60 * 1024 * 1024
MAX_BYTES = 10 * 1024 * 1024


def _png() -> bytes:
    raw = b"\x00" + b"\xff\x00\x00" * 4
    ihdr = b"IHDR" + (4).to_bytes(4, "big") + (1).to_bytes(4, "big") + b"\x08\x02\x00\x00\x00"
    idat = b"IDAT" + zlib.compress(raw)

    def chunk(body: bytes) -> bytes:
        return (len(body) - 4).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    return b"\x89PNG\r\n\x1a\n" + chunk(ihdr) + chunk(idat) + chunk(b"IEND")


def hostile_files(seed: int = 0) -> dict[str, bytes]:
    """Name -> bytes of each hostile file (the 60 MB one excluded, see :func:`write_hostile`)."""
    rng = random.Random(seed)
    good = GOOD.encode("utf-8")
    return {
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\r\n   ",
        "random.bin": bytes(rng.randrange(256) for _ in range(4096)),
        "image.txt": _png(),
        "nul-heavy.txt": b"\x00\x01\x02\x03" * 1000,
        "truncated-utf8.txt": good[:-1],
        "mixed-encodings.txt": good + GOOD.encode("gb18030") + "黨委要學習".encode("big5"),
        "scripts-only.html": (
            b"<html><head><script>var a = 1;</script></head>"
            b"<body><script>document.write('x')</script><style>p{}</style></body></html>"
        ),
        "control-chars.txt": "".join(chr(rng.randrange(1, 9)) for _ in range(2000)).encode(),
        "few-controls.txt": ("\x07" + GOOD).encode("utf-8"),
        "utf16-no-bom.txt": GOOD.encode("utf-16-le"),
    }


HOSTILE: dict[str, str | None] = {
    "empty.txt": "empty file",
    "whitespace.txt": "no text",
    "random.bin": None,
    "image.txt": "binary content",
    "nul-heavy.txt": None,  # decodes as UTF-16 (U+0100 U+0302 ...): the decoder accepts it
    "truncated-utf8.txt": None,
    "mixed-encodings.txt": None,
    "scripts-only.html": "HTML page without main text",
    "control-chars.txt": "binary content",
    "few-controls.txt": None,
    "utf16-no-bom.txt": None,
    "huge.txt": "too large",
}


def write_hostile(folder: Path, seed: int = 0) -> dict[str, str | None]:
    """Write the hostile files (and a 60 MB ``huge.txt``) into ``folder``; return ``HOSTILE``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in hostile_files(seed).items():
        (folder / name).write_bytes(data)
    line = GOOD.encode("utf-8")
    with (folder / "huge.txt").open("wb") as fh:
        for _ in range(BIG_BYTES // len(line) + 1):
            fh.write(line)
    return dict(HOSTILE)
