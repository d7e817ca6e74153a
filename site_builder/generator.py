"""The static site generator step, kept replaceable: it only needs a docs folder and a config.

MkDocs (with Material) builds from the staging folder alone; the project's ``mkdocs.yml`` is read
as data and re-written with ``docs_dir`` pointing at the staging folder, ``site_dir`` at a temporary
folder, and the package's theme overrides. No MkDocs plugin API is used, so a successor that reads
mkdocs.yml (such as Zensical) can be swapped in by changing ``COMMAND``.
"""

from __future__ import annotations

import copy
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from redaction.errors import BuildError
from site_builder.project import Project

log = logging.getLogger(__name__)
THEME_OVERRIDES = Path(__file__).parent / "theme"
SANITISER = "site_builder.sanitise"
COMMAND = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]


def generated_config(project: Project, site_dir: Path, docs_dir: Path | None = None) -> Path:
    """Write the config MkDocs runs with: the project's mkdocs.yml, pointed at the staging folder."""
    config: dict[str, Any] = copy.deepcopy(project.mkdocs_config)
    config["docs_dir"] = str(docs_dir or project.staging)
    config["site_dir"] = str(site_dir)
    theme = config.setdefault("theme", {"name": "material"})
    if isinstance(theme, str):
        theme = config["theme"] = {"name": theme}
    theme["custom_dir"] = str(THEME_OVERRIDES)
    theme["font"] = False
    css = [c for c in config.get("extra_css", []) if c != "assets/openness/openness.css"]
    config["extra_css"] = ["assets/openness/openness.css", *css]
    # Every page's HTML is sanitised last (site_builder.sanitise): no script from a source runs.
    extensions = [e for e in config.get("markdown_extensions") or [] if e != SANITISER]
    config["markdown_extensions"] = [*extensions, SANITISER]
    out = project.work / "mkdocs.generated.yml"
    out.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def build_site(project: Project, site_dir: Path, docs_dir: Path | None = None) -> None:
    """Run the generator over the staging folder (or ``docs_dir``) into ``site_dir``.

    It runs in the staged folder, not the project folder, so no Markdown extension that reads
    files (snippets, includes) can reach the raw minutes/ and reviews/."""
    docs = docs_dir or project.staging
    config = generated_config(project, site_dir, docs_dir=docs)
    proc = subprocess.run([*COMMAND, "-f", str(config)], capture_output=True, text=True, cwd=docs, check=False)
    if proc.returncode != 0:
        detail = " | ".join(ln.strip() for ln in (proc.stderr or proc.stdout).splitlines() if ln.strip())[-600:]
        raise BuildError(f"MkDocs failed: {detail}", file=project.root / "mkdocs.yml")
    log.info("site generated in %s", site_dir)
