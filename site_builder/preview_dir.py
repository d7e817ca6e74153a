"""Where ``openness build --preview DIR`` may write: a folder a person can read, never the site.

DIR is refused when it is, contains or lies inside the site folder; when it is the project folder
or contains it; or when it lies inside a folder of sources or private working files (content/,
minutes/, reviews/, .openness/), where the next build would read it or a commit would take it.
A DIR that exists must be an empty folder or an earlier build's output (its marker lists every file
in it, :mod:`site_builder.sitedir`): it is replaced whole, so nobody's other files can be deleted
by a typo.
"""

from __future__ import annotations

from pathlib import Path

from redaction.errors import ConfigError
from site_builder.project import Project
from site_builder.sitedir import validate_site_dir


def inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def preview_dir(project: Project, wanted: Path, site_dir: Path) -> Path:
    """The resolved preview folder, or a ConfigError (exit 2) saying why not: the rules of any site
    folder (:func:`~site_builder.sitedir.validate_site_dir`), and never the published site."""
    path = (wanted if wanted.is_absolute() else Path.cwd() / wanted).resolve()
    site = site_dir.resolve()
    if inside(path, site) or inside(site, path):
        raise ConfigError("the preview must lie outside the site folder", file=wanted)
    return validate_site_dir(project.root, wanted, option="--preview")
