"""Where a site may be written, and how openness recognises its own output.

A site folder is the one folder ``openness build`` replaces whole, so it must never be the
partnership's project folder, a folder that holds it, or a folder inside its sources or private
working files. An existing folder is replaced only when an earlier build wrote it: every build
leaves a marker file (:data:`MARKER`) listing the files it wrote, and a folder without one, or
holding a file the marker does not list, is refused rather than deleted.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from pathlib import Path

from redaction.errors import ConfigError

log = logging.getLogger(__name__)

#: The file every built site carries: which build wrote it and the files it wrote.
MARKER = ".openness-site.json"
#: Folders of the project a site may never be written into (nor be, nor contain).
PROTECTED = ("minutes", "reviews", "content", ".openness", ".git")


def new_build_id() -> str:
    """A unique, sortable id for one build: UTC time and a random suffix."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + secrets.token_hex(4)


def _absolute(path: Path) -> Path:
    """``path`` made absolute with its parent resolved (the last part may be a link or missing)."""
    path = path if path.is_absolute() else Path.cwd() / path
    return path.parent.resolve() / path.name


def validate_site_dir(root: Path, site_dir: Path, option: str = "--site-dir") -> Path:
    """The absolute site folder, or a :class:`ConfigError` (exit 2) saying why it cannot be one."""
    site = _absolute(site_dir)
    project = root.resolve()
    if site.is_symlink():
        raise ConfigError(f"{option} is a symbolic link; give the real folder", file=site)
    site = site.resolve() if site.exists() else site
    if site == project or project.is_relative_to(site):
        raise ConfigError(f"{option} would replace the project folder itself; choose an empty folder", file=site)
    for name in PROTECTED:
        if site.is_relative_to(project / name):
            raise ConfigError(f"{option} lies inside the project's {name}/ folder; choose another folder", file=site)
    if site.exists() and not site.is_dir():
        raise ConfigError(f"{option} is a file, not a folder", file=site)
    if site.is_dir():
        foreign = foreign_files(site)
        if foreign is not None:
            raise ConfigError(
                f"{option} holds {foreign}, which no earlier 'openness build' wrote; openness replaces the "
                "whole folder, so give an empty folder or move that file out first",
                file=site,
            )
    return site


def read_marker(site: Path) -> dict[str, object] | None:
    """The marker of a site folder, or None when it has none (or it is unreadable)."""
    try:
        data = json.loads((site / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("generator") == "openness" else None


def build_id(site: Path) -> str | None:
    marker = read_marker(site)
    value = marker.get("build") if marker else None
    return value if isinstance(value, str) else None


def site_files(site: Path) -> list[str]:
    """Every file under ``site`` (the marker excepted), relative, sorted."""
    out = []
    for dirpath, _dirs, files in os.walk(site):
        for name in files:
            rel = (Path(dirpath) / name).relative_to(site).as_posix()
            if rel != MARKER:
                out.append(rel)
    return sorted(out)


def foreign_files(site: Path) -> str | None:
    """A description of the first file in ``site`` that openness did not write, or None."""
    present = site_files(site)
    marker = read_marker(site)
    if marker is None:
        entries = sorted(p.name for p in site.iterdir())
        return f"'{present[0] if present else entries[0]}'" if entries else None  # None: an empty folder
    files = marker.get("files")
    listed = {str(f) for f in files} if isinstance(files, list) else set()
    extra = [rel for rel in present if rel not in listed]
    return f"'{extra[0]}'" if extra else None


def write_marker(site: Path, build: str) -> None:
    """Record that this build wrote every file now in ``site``."""
    data = {"generator": "openness", "build": build, "files": site_files(site)}
    (site / MARKER).write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")


def make_world_readable(folder: Path) -> None:
    """Folders 0755 and files 0644, as a web server needs (temporary folders start as 0700)."""
    os.chmod(folder, 0o755)
    for dirpath, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(Path(dirpath) / name, 0o755)
        for name in files:
            os.chmod(Path(dirpath) / name, 0o644)
