"""``openness build``: stage, generate, check, then publish (or leave the old site untouched)."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

from redaction.engine import AnalysisCache
from redaction.errors import GateBlocked, SourceError
from redaction.markdown_view import strip_comments
from redaction.redactor import Redactor, Replacement
from redaction.register import build_register
from redaction.sources import Source, gather, load_minutes, load_review
from site_builder.gate import Report, check_site
from site_builder.generator import build_site, choose
from site_builder.project import Project
from site_builder.publish import replace_site, temporary_site
from site_builder.redirects import write_redirects
from site_builder.reviews.text import analysed_text
from site_builder.stage import load_allowlist, prepare, promote, stage_project

log = logging.getLogger(__name__)


def build(project: Project, site_dir: Path, as_of: dt.date, generator: str | None = None) -> Path:
    """Stage, generate into a temporary folder, run the gate, and only then replace ``site_dir``.

    ``generator`` is ``mkdocs`` or ``zensical`` (default: ``generator:`` in openness.yml, else MkDocs)."""
    site_dir = site_dir if site_dir.is_absolute() else (Path.cwd() / site_dir)
    choose(project, generator)  # an unknown or missing generator stops the build before any work
    stage = stage_project(project, as_of, promote_now=False)  # staged into .openness/next
    staged = project.next_staging
    try:
        with temporary_site(site_dir) as tmp:
            build_site(project, tmp, docs_dir=staged / "docs", generator=generator)
            write_redirects(tmp, stage.redirects, bool(project.mkdocs_config.get("use_directory_urls", True)))
            report = check_site(project, tmp, stage.register, staged=staged, as_of=as_of)
            _gate(report, site_dir)
            promote(project, staged)
            replace_site(tmp, site_dir)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return site_dir


def _gate(report: Report, site_dir: Path) -> None:
    """Log what the gate found (masked) and raise when it blocks."""
    for f in report.warnings:
        log.warning("%s", f.line())
    if report.blocked:
        for f in report.blocking:
            log.error("%s", f.line())  # masked: the gate never prints a sensitive string whole
        first = report.blocking[0]
        raise GateBlocked(
            f"publication gate blocked the build: {len(report.blocking)} finding(s), e.g. "
            f"{first.file}: {first.kind}; the previous site is unchanged",
            file=site_dir,
        )


def check(project: Project, site_dir: Path) -> Report:
    """Run the publication gate over an already built site (``openness check``).

    The register is rebuilt from every review (published or not) and the private register, so a
    name declared anywhere is looked for everywhere. Settings come from ``gate:`` in openness.yml.
    """
    from redaction.errors import ConfigError
    from site_builder.gate import load_gate_config

    if not site_dir.is_absolute():
        site_dir = Path.cwd() / site_dir if (Path.cwd() / site_dir).is_dir() else project.root / site_dir
    if not site_dir.is_dir():
        raise ConfigError("no built site here: run 'openness build' first", file=site_dir)
    config = load_gate_config(project)
    _, reviews = gather(project.root)
    allowlist = load_allowlist(project)
    register = build_register(reviews, project.register_file, allowlist)
    return check_site(project, site_dir, register, allowlist, config)


def redact_one(project: Project, file: Path, as_of: dt.date | None = None) -> tuple[str, list[Replacement]]:
    """Redact one source exactly as a build would (names found in the published documents are
    looked for in it too); the caller prints the text and the replacements."""
    path = file if file.is_absolute() else (Path.cwd() / file)
    try:
        rel = path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        raise SourceError("is not in this project's minutes/ or reviews/", file=file) from None
    if rel.startswith("reviews/"):
        src: Source = load_review(path, rel)
    elif rel.startswith("minutes/"):
        src = load_minutes(path, rel)
    else:
        raise SourceError("is not in minutes/ or reviews/", file=file)
    stage = prepare(project, as_of or dt.date.today(), redact=False)
    texts = [*stage.texts, analysed_text(src)]
    analyses = AnalysisCache(project.cache).analyse(texts)
    red = Redactor(stage.register, load_allowlist(project)).redact_all(texts, analyses)[-1]
    # Report lines of the source file: the analysed text is title (+ summary) then the body.
    head_lines = texts[-1].count("\n") - strip_comments(src.body).count("\n")
    body_line = path.read_text(encoding="utf-8").count("\n") - src.body.count("\n")
    for r in red.replacements:
        r.line = r.line - head_lines + body_line if r.line > head_lines else 2
    return red.text, red.replacements
