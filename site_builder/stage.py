"""The redaction stage: from the loaded sources (:mod:`site_builder.context`), decide what is
published, redact, then write. The result is one immutable :class:`~site_builder.staged.Stage`.

Only redacted Markdown, generated index pages and the hand-written ``content/`` pages reach the
staging folder; raw sources never do. Everything is computed in memory first and written last,
into a fresh folder swapped in whole, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import logging
import shutil
from dataclasses import fields
from pathlib import Path
from types import MappingProxyType

from redaction import ENGINE_VERSION
from redaction.apply import Replacement
from redaction.engine import AnalysisCache, config_version
from redaction.errors import SourceError
from redaction.markdown_view import normalise_source, strip_comments
from redaction.memo import Memo
from redaction.public_terms import document_terms
from redaction.redaction_cache import RedactionCache
from redaction.redactor import Redactor
from redaction.sources import Minutes, Review, Source, read_text, refuse_links
from redaction.words import counted
from site_builder import addresses, opendata, pages
from site_builder.assets_clean import copy_asset
from site_builder.branding import BRAND_CSS, brand_css, check_branding
from site_builder.context import Context
from site_builder.project import Project, slugify
from site_builder.reviews.feeds import feed_files
from site_builder.reviews.rules import review_state
from site_builder.reviews.text import analysed_text, check_publication_rules, split_redacted
from site_builder.sanitise import plain_text
from site_builder.staged import Rendered, Stage, StagedDoc

log = logging.getLogger(__name__)
REPLACEMENT_FIELDS = tuple(f.name for f in fields(Replacement))
ASSETS = Path(__file__).parent / "assets"

STAMP_FORMAT = "v2"
REDIRECTS = "redirects.json"  # older docs path -> current docs path, beside manifest.json


def make_stamp(text: str, version: str, path: str | None = None) -> str:
    """The integrity stamp of a staged page: a hash of its docs path and its redacted Markdown.

    With ``path`` (format v2) the path is part of the hashed material, so a stamp copied onto
    another page cannot verify; without it (v1) the page is still bound to its path by the manifest.
    The publication gate recomputes both from the staged file (``site_builder.gate.stamps``).
    """
    if path is None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return f"v1 sha256={digest} engine={ENGINE_VERSION} config={version}"
    digest = hashlib.sha256(f"{path}\0{text}".encode()).hexdigest()
    return f"{STAMP_FORMAT} sha256={digest} engine={ENGINE_VERSION} config={version}"


def validate(ctx: Context) -> None:
    """The rules a build adds to loading: branding, minutes against the policy, publication rules."""
    check_branding(ctx.project)  # a failing colour or a missing logo stops the build before any redaction
    ctx.policy.check_minutes(list(ctx.minutes), ctx.as_of)
    check_publication_rules(ctx.project.root, list(ctx.reviews), ctx.as_of, ctx.project.checklist_required)


def published_sources(ctx: Context) -> list[tuple[Source, str]]:
    """What is published on ``ctx.as_of``, in page order: (source, page path, or "" for a review)."""
    published: list[tuple[Source, str]] = []
    for m in sorted(ctx.minutes, key=lambda m: (m.meeting, m.date)):
        if ctx.policy.publishes(m):
            published.append((m, addresses.minutes_path(m.meeting, m.date)))
    for r in sorted(ctx.reviews, key=lambda r: (r.publish_on, r.rel)):
        if review_state(r, ctx.as_of) == "published":
            published.append((r, ""))
    return published


def prepare(ctx: Context, cache: AnalysisCache | None = None, redact: bool = True) -> Stage:
    """Validate and redact everything, in memory. Raises on the first problem.

    With ``redact=False`` it stops once it knows what is published (``stage.texts``)."""
    validate(ctx)
    published = published_sources(ctx)
    memo = Memo(ctx.project.cache / "analysed-text.json" if ctx.project.work.is_dir() else None)
    texts = [analysed_text(src, memo) for src, _ in published]
    memo.save()
    # Easy Read versions are redacted in the same pass, so a name found anywhere is found there too.
    easy = [src for src, _ in published if isinstance(src, Review) and src.easy_read_text]
    texts += [normalise_source(strip_comments(src.easy_read_text)) for src in easy]
    if not redact:
        return Stage(ctx, tuple(published), tuple(texts))
    cache = cache or AnalysisCache(ctx.project.cache)
    kinds = ["review" if isinstance(src, Review) else "minutes" for src, _ in published] + ["review"] * len(easy)
    terms = document_terms([*(src for src, _ in published), *easy], list(ctx.reviews))
    redaction = RedactionCache(cache.folder and cache.folder / "redaction", Redactor(ctx.register, ctx.allowlist))
    redacted = redaction.redact_all(texts, kinds, terms, cache.analyse)
    labels = [src.rel for src, _ in published] + [f"{src.rel} (Easy Read)" for src in easy]
    easy_read = {id(src): red.text for src, red in zip(easy, redacted[len(published) :], strict=True)}
    used: set[str] = set()
    docs: list[StagedDoc] = []
    redirects: dict[str, str] = {}
    for (src, path), red in zip(published, redacted[: len(published)], strict=True):
        title, summary, body = split_redacted(src, red.text)
        title = plain_text(title)  # a title is printed by templates and feeds: never markup
        if isinstance(src, Review):
            path = addresses.review_path(src.publish_on.year, addresses.review_slug(title))
            old = addresses.old_review_path(src.review_type, src.publish_on.year, title)
        else:
            assert isinstance(src, Minutes)
            old = addresses.old_minutes_path(src.meeting, src.date)
        base, n = path, 2
        while path in used:
            path, n = f"{base}-{n}", n + 1
        used.add(path)
        doc = StagedDoc(
            src,
            path + ("/index.md" if isinstance(src, Review) else ".md"),
            title.strip(),
            body,
            red,
            summary=summary,
            easy_read=easy_read.get(id(src), ""),
        )
        docs.append(doc)
        for before, now in old_addresses(doc, old):
            redirects.setdefault(before, now)
    fresh = tuple(labels[i] for i in redaction.redacted)
    return Stage(ctx, tuple(published), tuple(texts), tuple(docs), redirects, cache.analysed, fresh)


def old_addresses(doc: StagedDoc, old: str) -> list[tuple[str, str]]:
    """(older docs path, current docs path): the address an earlier version gave ``doc`` (and its
    briefing's and Easy Read's), where it differs from today's."""
    if isinstance(doc.source, Review):
        folder = doc.path.removesuffix("/index.md")
        pairs = [(old, doc.path), (f"{old}-briefing", f"{folder}/briefing.md")]
        if doc.easy_read:
            pairs.append((f"{old}-easy-read", f"{folder}/easy-read.md"))
    else:
        pairs = [(old, doc.path)]
    return [(before + ".md", now) for before, now in pairs if before + ".md" != now]


def render(stage: Stage) -> Rendered:
    """Every staged Markdown page, by path (sources, generated indexes and content pages), and the
    stamp of every source and index page."""
    out: dict[str, str] = {}
    stamps: dict[str, str] = {}
    version = config_version()
    for doc in stage.docs:
        page = pages.source_page(stage, doc)
        stamp = stamps[doc.path] = make_stamp(page, version, doc.path)
        out[doc.path] = pages.with_front_matter(page, doc.title, stamp, pages.json_ld(stage, doc))
    for page_path, page in pages.index_pages(stage).items():  # generated indexes carry a stamp too
        stamps[page_path] = make_stamp(page, version, page_path)
        # The page's own heading is its title (a breadcrumb trail may come before the heading).
        heading = next((ln[2:].strip() for ln in page.splitlines() if ln.startswith("# ")), "")
        title = f"title: {json.dumps(heading)}\n" if heading else ""
        out[page_path] = f"---\n{title}openness_redaction: {json.dumps(stamps[page_path])}\n---\n\n{page}"
    out.update(feed_files(stage))  # feed.xml and meetings.ics, from the redacted docs
    out.update(opendata.data_files(stage))  # data/*.json, *.csv and their schemas
    for rel, text in content_pages(stage.project).items():
        out[rel] = text.replace("{{ what_we_publish }}", stage.policy.what_we_publish_markdown())
    return Rendered(MappingProxyType(out), MappingProxyType(stamps))


#: What content/ may hold besides Markdown: the site's own images, styles and fonts. Anything else
#: (PDF, Word, spreadsheets...) cannot be checked by the publication gate, so it is refused.
ASSET_SUFFIXES = {".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2"}


def content_files(project: Project) -> list[tuple[Path, str]]:
    """Every file of content/, by path relative to it; unsupported kinds stop the build."""
    refuse_links(project.root, "content")
    content = project.root / "content"
    if not content.is_dir():
        return []
    out = []
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        if path.is_dir():
            continue
        if path.suffix.lower() != ".md" and path.suffix.lower() not in ASSET_SUFFIXES:
            raise SourceError(
                f"cannot be published: the publication gate cannot read '{path.suffix or path.name}' files; "
                f"publish a Markdown page instead (allowed besides .md: {', '.join(sorted(ASSET_SUFFIXES))})",
                file=f"content/{rel}",
            )
        out.append((path, rel))
    return out


def content_pages(project: Project) -> dict[str, str]:
    """The hand-written pages, read as UTF-8 and without HTML comments (they never reach the site)."""
    return {
        rel: strip_comments(read_text(path, f"content/{rel}"))
        for path, rel in content_files(project)
        if path.suffix.lower() == ".md"
    }


def write(stage: Stage, rendered: Rendered, into: Path) -> None:
    """Write the staged docs and their stamp manifest into ``into`` (``docs/``, ``manifest.json``)
    and the private audit. Nothing is served or published from ``into`` until :func:`promote`."""
    project = stage.project
    shutil.rmtree(into, ignore_errors=True)
    docs = into / "docs"
    for rel, text in rendered.files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, rel in content_files(project):  # images and styles of the hand-written pages
        if path.suffix.lower() != ".md":
            copy_asset(path, docs / rel, f"content/{rel}")  # metadata stripped, text checked
    shutil.copytree(ASSETS, docs / "assets" / "openness", dirs_exist_ok=True)
    if css := brand_css(project):
        (docs / BRAND_CSS).write_text(css, encoding="utf-8")
    (into / "manifest.json").write_text(json.dumps(dict(rendered.stamps), indent=1, sort_keys=True), encoding="utf-8")
    (into / REDIRECTS).write_text(json.dumps(dict(stage.redirects), indent=1, sort_keys=True), encoding="utf-8")
    write_audit(stage, into / "audit")


def same_docs(current: Path, staged: Path) -> bool:
    """Whether ``staged`` holds exactly the files of ``current``, byte for byte (then the build
    will generate the site it generated before, unless the theme or config changed)."""
    if not current.is_dir():
        return False
    names = [sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) for root in (current, staged)]
    if names[0] != names[1]:
        return False
    return all(filecmp.cmp(current / rel, staged / rel, shallow=False) for rel in names[0])


def promote(project: Project, staged: Path) -> None:
    """Make a checked staging folder the project's current one (``.openness/docs``, its manifest
    and ``.openness/audit``). A build calls it only once its site is in place, so a blocked or
    crashed build leaves the current ones exactly as they were."""
    for name, current in (("docs", project.staging), ("audit", project.audit)):
        if not (staged / name).is_dir():
            continue
        old = project.work / f"{name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if current.exists():
            current.rename(old)
        (staged / name).rename(current)
        shutil.rmtree(old, ignore_errors=True)
    (staged / "manifest.json").replace(project.work / "manifest.json")
    if (staged / REDIRECTS).is_file():
        (staged / REDIRECTS).replace(project.work / REDIRECTS)
    shutil.rmtree(staged, ignore_errors=True)


def write_audit(stage: Stage, folder: Path) -> None:
    """Private report of every replacement, per document, into ``folder`` (promoted with the
    staging). Never under the site folder."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for doc in stage.docs:
        name = slugify(doc.path.removesuffix(".md"), 200) + ".json"
        (folder / name).write_text(audit_json(doc.source.rel, doc.path, doc.redacted.replacements), encoding="utf-8")


def audit_json(source: str, page: str, replacements: list[Replacement]) -> str:
    """One document's audit file: JSON with one replacement a line (readable, and written by
    the C encoder: an indented dump is the pure-Python one, and this runs on every build)."""
    rows = [json.dumps({f: getattr(r, f) for f in REPLACEMENT_FIELDS}, ensure_ascii=False) for r in replacements]
    listed = "[\n  " + ",\n  ".join(rows) + "\n ]" if rows else "[]"
    head = json.dumps({"source": source, "page": page}, indent=1, ensure_ascii=False)
    return f'{head[:-2]},\n "replacements": {listed}\n}}'


def stage_project(
    ctx: Context,
    cache: AnalysisCache | None = None,
    promote_now: bool = True,
    into: Path | None = None,
) -> Stage:
    """Prepare and write the staging folder. With ``promote_now=False`` it is left in ``into``
    (default ``project.next_staging``) for the caller to check first (``openness build`` does)."""
    stage = prepare(ctx, cache)
    project = ctx.project
    project.work.mkdir(exist_ok=True)
    into = into or project.next_staging
    write(stage, render(stage), into)
    if promote_now:
        promote(project, into)
    log.info("staged %s into %s", counted(len(stage.docs), "page"), project.staging)
    return stage
