"""Running ``kg build`` as a real process on hostile input, and reading what it printed."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KG = str(Path(sys.executable).parent / "kg")
ROOT = Path(__file__).resolve().parents[2]
GOOD = "各党委要在3月15日前完成学习动员。\n督导组必须加强指导。\n"
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


@dataclass
class Run:
    """A finished ``kg build``: exit code, stdout and stderr lines."""

    code: int
    out: list[str]
    err: list[str]

    @property
    def warnings(self) -> list[str]:
        """The warning lines on stderr."""
        return [line for line in self.err if line.startswith("kg: warning: ")]


def without_file_access_override() -> None:
    """In a child about to exec: drop root's right to read folders whatever their mode.

    Run by a non-root user, a mode-000 folder is unreadable already; as root,
    the capabilities that bypass it are removed from the child's bounding set.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def kg_build(
    *args: str | Path, timeout: float = 300, preexec=None, views: bool = False, workers: int = 1
) -> Run:
    """Run ``kg build ARGS -j WORKERS`` (``--no-views`` unless ``views``); collect its output.

    Bytes that are not UTF-8 in its output are kept as ``\\xNN`` escapes.
    """
    cmd = [KG, "build", *map(os.fsdecode, args), "-j", str(workers)]
    cmd.append("--views" if views else "--no-views")
    proc = subprocess.run(
        cmd,
        capture_output=True,
        timeout=timeout,
        preexec_fn=preexec,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    out = proc.stdout.decode("utf-8", errors="backslashreplace")
    err = proc.stderr.decode("utf-8", errors="backslashreplace")
    return Run(proc.returncode, out.splitlines(), err.splitlines())
