"""One openness command at a time per project.

``build``, ``serve`` and ``check`` hold an exclusive lock on ``.openness/lock`` while they run. A
second command refuses at once with one line naming the process that holds it. The lock is an
``flock``: the kernel releases it when its process ends, however it ends, so a crashed build never
leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from redaction.errors import OpennessError


class Busy(OpennessError):
    """Another openness command holds the project's lock."""

    exit_code = 2


@contextlib.contextmanager
def project_lock(work: Path, command: str) -> Iterator[None]:
    """Hold the lock of the project whose private folder is ``work`` for the ``with`` block."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / "lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise Busy(
                f"another openness command is running in this project ({holder}); "
                "wait for it to finish (or stop it), then try again",
                file=path,
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"'openness {command}', process {os.getpid()}, since {time.strftime('%H:%M:%S')}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
