"""Put a gated site in place so that a crash at any moment leaves a complete site at the site path.

The new site is built and gated inside the project's private ``.openness/tmp/``, never beside
the site folder where a deploy step could pick it up. Once the gate has passed, it is swapped in
with one ``renameat2(RENAME_EXCHANGE)`` call: the site path holds the old site until that call and
the new one after it, never nothing. (Where the site lies on another file system, the gated site
is first copied beside it; where the file system cannot exchange, two renames are used and
:func:`recover` puts the old site back if a crash falls between them.)

:func:`recover` runs at the start of every command that holds the project lock: it removes what an
interrupted build left behind, with a one-line notice, and finishes a build that crashed after its
site went live but before its staging folder was promoted.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from site_builder.sitedir import MARKER, build_id, make_world_readable, read_marker

log = logging.getLogger(__name__)
RENAME_EXCHANGE = 2
AT_FDCWD = -100
_libc = ctypes.CDLL(None, use_errno=True)


def _exchange(a: Path, b: Path) -> None:
    """Atomically swap two paths on one file system (Linux ``renameat2``)."""
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(a))


def _aside(site_dir: Path, kind: str) -> Path:
    """A fresh unused name beside ``site_dir`` (``.site-old-…`` or ``.site-new-…``)."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{kind}-", dir=site_dir.parent))
    tmp.rmdir()
    return tmp


def _between_renames() -> None:
    """The moment between the two renames of the fallback swap (a hook for crash tests)."""


def _swap(new: Path, site_dir: Path) -> Path:
    """Put ``new`` at ``site_dir``; return where the old site now is (to be deleted)."""
    try:
        _exchange(new, site_dir)
        return new
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise
    old = _aside(site_dir, "old")
    site_dir.rename(old)
    _between_renames()
    try:
        new.rename(site_dir)
    except OSError:
        old.rename(site_dir)
        raise
    return old


def publish(new: Path, site_dir: Path) -> None:
    """Make the gated site in ``new`` the site at ``site_dir``; ``new`` is consumed."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    make_world_readable(new)
    if os.stat(new).st_dev != os.stat(site_dir.parent).st_dev:
        beside = _aside(site_dir, "new")
        shutil.copytree(new, beside, symlinks=True)  # the gated copy, on the site's file system
        shutil.rmtree(new, ignore_errors=True)
        new = beside
    if not site_dir.exists():
        new.rename(site_dir)
    else:
        old = _swap(new, site_dir)
        shutil.rmtree(old, ignore_errors=True)
    log.info("published %s", site_dir)


def _remove(path: Path, what: str) -> None:
    log.warning("openness: removed %s left by an interrupted command: %s", what, path)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def recover(work: Path, site_dir: Path | None, promote: Callable[[Path], None] | None = None) -> None:
    """Clean up after a command that was killed, before this one starts (under the lock).

    ``promote(staged)`` is called for a staged folder whose build is the live site's (the build
    died after its swap, before its promotion)."""
    if site_dir is not None and site_dir.parent.is_dir():
        for leftover in sorted(site_dir.parent.glob(f".{site_dir.name}-*-*")):
            if read_marker(leftover) is None:
                log.warning("openness: left alone %s: it is not an openness site; remove it by hand", leftover)
            elif not site_dir.exists() and leftover.name.startswith(f".{site_dir.name}-old-"):
                leftover.rename(site_dir)  # a crash between the two renames of the fallback swap
                log.warning("openness: restored the previous site from %s", leftover)
            else:
                _remove(leftover, "a temporary site folder")
    tmp = work / "tmp"
    if tmp.is_dir():
        for leftover in sorted(tmp.iterdir()):
            _remove(leftover, "a temporary folder")
    live = build_id(site_dir) if site_dir is not None and (site_dir / MARKER).is_file() else None
    for staged in sorted(work.glob("next*")):
        if live and staged.name == f"next-{live}" and promote is not None:
            promote(staged)
            log.warning("openness: finished promoting the staging of the live site's build %s", live)
        else:
            _remove(staged, "an unused staging folder")
    if (work / "docs.old").exists():
        _remove(work / "docs.old", "an old staging folder")
