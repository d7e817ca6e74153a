"""The static site generator step, kept replaceable: it only needs a docs folder and a config.

The project's ``mkdocs.yml`` is read as data and written again with ``docs_dir`` pointing at the
staging folder, ``site_dir`` at a temporary folder, the package's theme overrides and the
partnership's branding (:mod:`site_builder.branding`). No plugin API is used, so any generator
that reads mkdocs.yml can build the staged folder. Each generator is one small class:

* :class:`MkDocs` (MkDocs with Material for MkDocs): the default;
* :class:`Zensical`: the successor to Material by its authors (``pip install 'openness[zensical]'``).

Choose with ``openness build --generator zensical`` or ``generator: zensical`` in openness.yml.
"""

from __future__ import annotations

import copy
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

import yaml

from redaction.errors import BuildError, ConfigError
from site_builder.branding import apply_branding
from site_builder.generator_wait import WaitingGenerator
from site_builder.project import Project

log = logging.getLogger(__name__)
THEME_OVERRIDES = Path(__file__).parent / "theme"
SANITISER = "site_builder.sanitise"
DEFAULT = "mkdocs"


class Generator:
    """Runs one generator over a staged docs folder."""

    name: ClassVar[str]
    module: ClassVar[str]  # the Python module that must be importable
    label: ClassVar[str]
    #: Modules a process started early may import while the staged folder is not ready
    #: (:mod:`site_builder.generator_wait`); none: the build starts the command when it is.
    preload: ClassVar[tuple[str, ...]] = ()

    def command(self, config: Path) -> list[str]:
        """The generator's own command line (the benchmark's bare build runs it too)."""
        raise NotImplementedError

    def build_command(self, config: Path, project: Project) -> list[str]:
        """The command a build runs: :meth:`command`, unless a generator remembers its work."""
        return self.command(config)

    def config_paths(self, config_file: Path, docs: Path, site_dir: Path) -> tuple[str, str]:
        """``docs_dir`` and ``site_dir`` as written in the generated config."""
        return str(docs), str(site_dir)

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def prestart(self) -> WaitingGenerator | None:
        """A process importing :attr:`preload` until :meth:`run` gives it the command, or None."""
        if not self.preload:
            return None
        try:
            return WaitingGenerator(self.preload)
        except OSError:  # no process to be had: the command starts when the folder is ready
            return None

    def run(self, project: Project, site_dir: Path, docs: Path, waiting: WaitingGenerator | None = None) -> None:
        config = generated_config(project, site_dir, docs, self)
        command = self.build_command(config, project)
        proc = waiting.run(command, docs) if waiting is not None else None
        if proc is None:
            proc = subprocess.run(command, capture_output=True, text=True, cwd=docs, check=False)
        else:
            log.info("%s ran in its process started early", self.label)
        if proc.returncode != 0:
            detail = " | ".join(ln.strip() for ln in (proc.stderr or proc.stdout).splitlines() if ln.strip())[-600:]
            raise BuildError(f"{self.label} failed: {detail}", file=project.root / "mkdocs.yml")


class MkDocs(Generator):
    name, module, label = "mkdocs", "mkdocs", "MkDocs"
    preload = ("mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "site_builder.mkdocs_cache")

    def command(self, config: Path) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]

    def build_command(self, config: Path, project: Project) -> list[str]:
        """MkDocs's own command, run with its page rendering remembered in the private cache
        (:mod:`site_builder.mkdocs_cache`)."""
        cache = project.cache / "generator"
        return [sys.executable, "-m", "site_builder.mkdocs_cache", str(cache), *self.command(config)[3:]]


class Zensical(Generator):
    """Zensical reads mkdocs.yml and Material's template blocks. It wants its folders given
    relative to the config file and its output inside that folder, so it builds beside the
    staged docs and the result is moved into ``site_dir``."""

    name, module, label = "zensical", "zensical", "Zensical"
    OUTPUT = "zensical-site"

    def command(self, config: Path) -> list[str]:
        return [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)]

    def config_paths(self, config_file: Path, docs: Path, site_dir: Path) -> tuple[str, str]:
        return os.path.relpath(docs, config_file.parent), self.OUTPUT

    def run(self, project: Project, site_dir: Path, docs: Path, waiting: WaitingGenerator | None = None) -> None:
        built = docs.parent / self.OUTPUT
        shutil.rmtree(built, ignore_errors=True)
        try:
            super().run(project, site_dir, docs, waiting)
            shutil.copytree(built, site_dir, dirs_exist_ok=True)
        finally:
            shutil.rmtree(built, ignore_errors=True)


GENERATORS: dict[str, type[Generator]] = {g.name: g for g in (MkDocs, Zensical)}


def choose(project: Project, name: str | None = None) -> Generator:
    """The generator named on the command line, else by ``generator:`` in openness.yml, else MkDocs."""
    chosen = name or str(project.settings.get("generator") or DEFAULT)
    if chosen not in GENERATORS:
        raise ConfigError(
            f"unknown generator '{chosen}' (known: {', '.join(GENERATORS)})",
            file=project.root / "openness.yml",
            key="generator",
        )
    gen = GENERATORS[chosen]()
    if not gen.available():
        raise ConfigError(
            f"the {gen.label} generator is not installed: pip install 'openness[{gen.name}]'",
            file=project.root / "openness.yml",
            key="generator",
        )
    return gen


def generated_config(
    project: Project, site_dir: Path, docs_dir: Path | None = None, gen: Generator | None = None
) -> Path:
    """Write the config the generator runs with: the project's mkdocs.yml, pointed at the staging
    folder, with the package's theme overrides, styles and the partnership's branding."""
    gen = gen or MkDocs()
    docs = docs_dir or project.staging
    out = docs.parent / f"{gen.name}.generated.yml" if docs_dir else project.work / "mkdocs.generated.yml"
    config: dict[str, Any] = copy.deepcopy(project.mkdocs_config)
    config["docs_dir"], config["site_dir"] = gen.config_paths(out, docs, site_dir)
    theme = config.setdefault("theme", {"name": "material"})
    if isinstance(theme, str):
        theme = config["theme"] = {"name": theme}
    theme["custom_dir"] = str(THEME_OVERRIDES)
    theme["font"] = False
    css = [c for c in config.get("extra_css", []) if c != "assets/openness/openness.css"]
    config["extra_css"] = ["assets/openness/openness.css", *css]
    extensions = config.setdefault("markdown_extensions", [])
    if not any(e == "md_in_html" or (isinstance(e, dict) and "md_in_html" in e) for e in extensions):
        extensions.append("md_in_html")  # the breadcrumbs and meeting links are Markdown inside <nav>
    extra = config.setdefault("extra", {})
    extra["openness_generator"] = gen.name
    if gen.name == "zensical":
        config["extra_css"].insert(1, "assets/openness/zensical.css")
    apply_branding(project, config)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Every page's HTML is sanitised last (site_builder.sanitise): no script from a source runs.
    config["markdown_extensions"] = [*(e for e in extensions if e != SANITISER), SANITISER]
    out.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def build_site(
    project: Project,
    site_dir: Path,
    docs_dir: Path | None = None,
    generator: str | None = None,
    waiting: WaitingGenerator | None = None,
) -> None:
    """Run the chosen generator over the staging folder (or ``docs_dir``) into ``site_dir``
    (by ``waiting``, its process started early by :meth:`Generator.prestart`, if given).

    It runs in the staged folder, not the project folder, so no Markdown extension that reads
    files (snippets, includes) can reach the raw minutes/ and reviews/."""
    gen = choose(project, generator)
    started = time.perf_counter()
    gen.run(project, site_dir, docs_dir or project.staging, waiting)
    log.info("site generated by %s in %s (%.1f s)", gen.label, site_dir, time.perf_counter() - started)
