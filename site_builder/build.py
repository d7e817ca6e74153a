"""``openness build``: stage, generate, check, then publish (or leave the old site untouched)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import shutil
from pathlib import Path

from redaction.allowlist import PHRASE_SPANS
from redaction.engine import AnalysisCache
from redaction.errors import GateBlocked, SourceError
from redaction.markdown_view import strip_comments
from redaction.public_terms import document_terms
from redaction.redactor import Redactor, Replacement
from redaction.sources import Review, Source, load_minutes, load_review
from redaction.words import counted
from site_builder import outcome
from site_builder.context import Context, load_context
from site_builder.gate import GateConfig, Report, check_site
from site_builder.gate.ask import Audit
from site_builder.gate.entries import SiteEntry, read_site
from site_builder.gate.memo import GateMemos
from site_builder.gate.questions import Question
from site_builder.generator import Generator, build_site, choose
from site_builder.generator_wait import WaitingGenerator
from site_builder.init import private_files_warning, unfilled_gaps
from site_builder.lock import project_lock
from site_builder.outcome import Summary
from site_builder.prestart import Prestarted
from site_builder.preview_dir import preview_dir
from site_builder.project import Project
from site_builder.publish import publish, recover
from site_builder.redirects import write_redirects
from site_builder.reviews.text import analysed_text
from site_builder.sitedir import new_build_id, validate_site_dir, write_marker
from site_builder.stage import prepare, promote, same_docs, stage_project
from site_builder.warm import warm_gate, warm_up

log = logging.getLogger(__name__)


def build(
    project: Project,
    site_dir: Path,
    as_of: dt.date,
    preview: Path | None = None,
    summary: Summary | None = None,
    generator: str | None = None,
    prestarted: Prestarted | None = None,
) -> Path:
    """Stage, generate into a private temporary folder, run the gate and ask its questions, and
    only then swap the new site in at ``site_dir`` and promote its staging. Any failure leaves the
    old site, staging, manifest and audit as they were.

    With ``preview`` the site is written there whatever the questions (never published, staging
    not promoted). ``summary`` is filled in as the build goes, for the caller to print.
    ``generator`` is ``mkdocs`` or ``zensical`` (default: ``generator:`` in openness.yml, else MkDocs).
    ``prestarted``: the process loading the models (:mod:`site_builder.prestart`), if the caller
    started it; else the build starts one. The build stops it."""
    try:
        choose(project, generator)  # an unknown or missing generator stops the build before any work
        if preview is not None:
            site_dir = site_dir if site_dir.is_absolute() else Path.cwd() / site_dir
            preview = preview_dir(project, preview, site_dir)
        else:
            site_dir = validate_site_dir(project.root, site_dir)
        for warning in (
            private_files_warning(project.root, project.register_file),
            unfilled_gaps(project.root / "content"),
        ):
            if warning:
                log.warning("openness: warning: %s", warning)
        # Loading the models takes longer than reading the project: on a project built before
        # (few documents to analyse, few pages to read), a process loads them at once, on the
        # other core, for the analysis and then the gate's NER and identifiers
        # (site_builder.prestart). It starts before the lock is taken, so it never holds the lock.
        prestarted = prestarted or Prestarted.for_project(project)
        with project_lock(project.work, "build"):
            return _locked_build(project, site_dir, as_of, preview, summary, generator, prestarted)
    finally:
        if prestarted is not None:
            prestarted.close()


def _locked_build(
    project: Project,
    site_dir: Path,
    as_of: dt.date,
    preview: Path | None,
    summary: Summary | None,
    generator: str | None,
    prestarted: Prestarted | None,
) -> Path:
    """:func:`build`, once the project is locked."""
    recover(project.work, site_dir, functools.partial(promote, project))
    build = new_build_id()
    staged = project.work / f"next-{build}"
    tmp = project.work / "tmp" / f"site-{build}"
    waiting: list[WaitingGenerator] = []
    server = prestarted is not None and prestarted.server  # it has the public-phrase matchers compiled
    phrases = PHRASE_SPANS.set(prestarted.protected_spans if server and prestarted is not None else None)
    try:
        ctx = load_context(project, as_of)  # read once: the stage, the gate and its questions share it
        memos = GateMemos(project.cache / "gate", prestarted)  # what earlier builds found, by content
        if prestarted is not None:  # the generator's and the gate's loading, while it waits for an analysis
            gen = choose(project, generator)
            if server and (process := gen.prestart()) is not None:
                waiting.append(process)  # at once: the models load nowhere, so the other core is free
            prestarted.while_waiting = functools.partial(_while_waiting, ctx, gen, waiting, not server)
        stage = stage_project(ctx, AnalysisCache(project.cache, prestarted), promote_now=False, into=staged)
        if prestarted is not None and not stage.redacted_sources:
            prestarted.close()  # no source changed: it is not needed (nor is any model, unless a page changed)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        if stage.redacted_sources or not same_docs(project.staging, staged / "docs"):
            early = prestarted is not None and prestarted.alive  # else the models load here
            warm_up(ctx, bool(stage.redacted_sources) and not early, not early, not server)  # while generating
        audit = Audit.of_stage(stage)  # what the redactor did in this build
        warming = warm_gate(ctx, audit, memos)  # it writes to the memos: joined before they are saved
        build_site(project, tmp, docs_dir=staged / "docs", generator=generator, waiting=next(iter(waiting), None))
        write_redirects(tmp, stage.redirects, bool(project.mkdocs_config.get("use_directory_urls", True)))
        write_marker(tmp, build)
        entries = read_site(tmp)  # read once: the gate and its questions share it
        report = check_site(ctx, tmp, staged=staged, entries=entries, memos=memos, audit=audit)
        questions = outcome.ask(entries, stage, summary, memos, audit)
        if prestarted is not None:
            prestarted.close()
        warming.join()
        memos.save()
        report.ner_read = memos.finder.read if memos.finder is not None else 0  # the gate's and the questions'
        if summary is not None:
            summary.gate, summary.questions_worked_out = report, memos["ask"].misses
        if preview is not None:
            return _preview(report, questions, tmp, preview, project)
        _gate(report, site_dir)
        outcome.decide(project, questions, site_dir, preview=False)
        publish(tmp, site_dir)
        promote(project, staged)
    finally:
        PHRASE_SPANS.reset(phrases)
        for process in waiting:
            process.close()
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(staged, ignore_errors=True)
    return site_dir


def _while_waiting(ctx: Context, gen: Generator, waiting: list[WaitingGenerator], phrases: bool) -> None:
    """Started while the build waits for the analysis in the other process: the generator's
    process (it imports the generator meanwhile) and the gate's loading."""
    if not waiting and (process := gen.prestart()) is not None:
        waiting.append(process)
    warm_up(ctx, False, False, phrases)


def _preview(report: Report, questions: list[Question], tmp: Path, preview: Path, project: Project) -> Path:
    """Write the preview whatever the questions; blocking findings still make the exit status 1.
    The preview is swapped in like a site (it carries the marker of the files it wrote), so a
    folder holding anyone else's files is never replaced."""
    outcome.decide(project, questions, preview, preview=True)
    publish(tmp, preview)
    if report.blocked:
        _gate(report, preview)
    return preview


def _gate(report: Report, site_dir: Path) -> None:
    """Log what the gate found (masked) and raise when it blocks."""
    for f in report.warnings:
        log.warning("%s", f.line())
    if report.blocked:
        for f in report.blocking:
            log.error("%s", f.line())  # masked: the gate never prints a sensitive string whole
        first = report.blocking[0]
        raise GateBlocked(
            f"publication gate blocked the build: {counted(len(report.blocking), 'finding')}, e.g. "
            f"{first.file}: {first.kind}; the previous site is unchanged",
            file=site_dir,
        )


def site_to_check(project: Project, site_dir: Path) -> Path:
    """The built site ``openness check`` reads: a relative path from the current folder when it
    is there, else from the project folder."""
    if site_dir.is_absolute():
        return site_dir
    return Path.cwd() / site_dir if (Path.cwd() / site_dir).is_dir() else project.root / site_dir


def require_site(site_dir: Path) -> None:
    """``openness check`` needs a built site: one line when there is none."""
    from redaction.errors import ConfigError

    if not site_dir.is_dir():
        raise ConfigError("no built site here: run 'openness build' first", file=site_dir)


def check(
    ctx: Context,
    site_dir: Path,
    config: GateConfig | None = None,
    entries: list[SiteEntry] | None = None,
    memos: GateMemos | None = None,
) -> Report:
    """Run the publication gate over an already built site (``openness check``), ``site_dir``
    as found by :func:`site_to_check`.

    The register holds every review's people (published or not) and the private register, so a
    name declared anywhere is looked for everywhere. Settings come from ``gate:`` in openness.yml.
    """
    require_site(site_dir)
    return check_site(ctx, site_dir, config, entries=entries, memos=memos)


def redact_one(ctx: Context, file: Path) -> tuple[str, list[Replacement]]:
    """Redact one source exactly as a build on ``ctx.as_of`` would (names found in the published
    documents are looked for in it too); the caller prints the text and the replacements."""
    project = ctx.project
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
    stage = prepare(ctx, redact=False)
    texts = [*stage.texts, analysed_text(src)]
    analyses = AnalysisCache(project.cache).analyse(texts)
    # The same kinds and public terms as a build (Easy Read texts follow the published ones).
    sources = [s for s, _ in stage.published]
    sources += [s for s in sources if isinstance(s, Review) and s.easy_read_text] + [src]
    kinds = ["review" if isinstance(s, Review) else "minutes" for s in sources]
    terms = document_terms(sources, list(ctx.reviews))
    red = Redactor(ctx.register, ctx.allowlist).redact_all(texts, analyses, kinds, terms)[-1]
    # Report lines of the source file: the analysed text is title (+ summary) then the body.
    head_lines = texts[-1].count("\n") - strip_comments(src.body).count("\n")
    body_line = path.read_text(encoding="utf-8").count("\n") - src.body.count("\n")
    for r in red.replacements:
        r.line = r.line - head_lines + body_line if r.line > head_lines else 2
    return red.text, red.replacements
