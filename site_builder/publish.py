"""Replace the site folder only when a new build has passed every check.

The new site is built in a sibling temporary folder; on success the old folder is moved aside and
the new one moved in (two renames on one file system), on failure the temporary folder is deleted
and the previous site is left byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)


@contextlib.contextmanager
def temporary_site(site_dir: Path) -> Iterator[Path]:
    """A fresh folder beside ``site_dir``, removed unless it has been published."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def replace_site(new: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    try:
        new.rename(site_dir)
    except OSError:
        if old is not None:
            old.rename(site_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    log.info("published %s", site_dir)
