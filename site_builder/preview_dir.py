"""Where ``openness build --preview DIR`` may write: a folder a person can read, never the site.

DIR is refused when it is, contains or lies inside the site folder; when it is the project folder
or contains it; or when it lies inside a folder of sources or private working files (content/,
minutes/, reviews/, .openness/), where the next build would read it or a commit would take it.
A DIR that exists must be an empty folder or an earlier preview (it holds the ``MARKER`` file a
preview build leaves): it is replaced whole, so nobody's other files can be deleted by a typo.
"""

from __future__ import annotations

from pathlib import Path

from redaction.errors import ConfigError
from site_builder.project import Project

PRIVATE = ("content", "minutes", "reviews", ".openness")
MARKER = ".openness-preview"


def inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def preview_dir(project: Project, wanted: Path, site_dir: Path) -> Path:
    """The resolved preview folder, or a ConfigError (exit 2) saying why not."""
    path = (wanted if wanted.is_absolute() else Path.cwd() / wanted).resolve()
    site = site_dir.resolve()
    root = project.root.resolve()
    if inside(path, site) or inside(site, path):
        raise ConfigError("the preview must lie outside the site folder", file=wanted)
    if inside(root, path):
        raise ConfigError("the preview cannot be the project folder or hold it", file=wanted)
    for name in PRIVATE:
        if inside(path, root / name):
            raise ConfigError(f"the preview cannot be written inside {name}/", file=wanted)
    if path.exists() and not path.is_dir():
        raise ConfigError("exists and is not a folder", file=wanted)
    if path.is_dir() and any(path.iterdir()) and not (path / MARKER).is_file():
        raise ConfigError("is not empty and not an earlier preview: choose a new or empty folder", file=wanted)
    return path
