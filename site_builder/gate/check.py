"""The publication gate: scan every output file and decide whether the site may be published.

``check_site`` reads every file of a built site (``scan``), then looks for

* every variant of every declared person and place (``identities``), in content and in paths;
* structured identifiers not on the public allowlist (``identifiers``);
* missing or invalid redaction stamps on minutes and review pages (``stamps``);
* person names the NER still finds in page text (``names``: block, warn or approve).

Each finding is reported with its file and a masked context (``report``); nothing sensitive is
ever printed in full.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from redaction.allowlist import fold
from redaction.errors import ConfigError
from redaction.redaction_cache import fingerprint
from redaction.words import counted
from site_builder.context import Context
from site_builder.gate.approvals import approved, load_approvals
from site_builder.gate.ask import Audit, vocabulary
from site_builder.gate.config import GateConfig, load_gate_config
from site_builder.gate.entries import SiteEntry, read_site
from site_builder.gate.file_scan import FileScanner, clean_by_parts, remember_parts
from site_builder.gate.identifiers import IdentifierScanner
from site_builder.gate.memo import GateMemos, digest, gate_version
from site_builder.gate.names import KIND, VIEW, NameScanner, finder_for, ner_version, site_names
from site_builder.gate.report import BLOCK, MASK_ONLY, WARN, Finding, Hit, Report, context, mask, masked_text
from site_builder.gate.scan import normalise
from site_builder.gate.stamps import StampChecker
from site_builder.gate.unpublished import UnpublishedText

log = logging.getLogger(__name__)


def check_site(
    ctx: Context,
    site_dir: Path,
    config: GateConfig | None = None,
    staged: Path | None = None,
    entries: list[SiteEntry] | None = None,
    memos: GateMemos | None = None,
    audit: Audit | None = None,
) -> Report:
    """Scan ``site_dir``; the report is blocked when anything must not be published.

    ``staged`` is the folder holding the ``docs/`` and ``manifest.json`` the site was built from
    (default: the project's current staging folder and manifest). ``entries``: the site already
    read (default: read here). ``memos``: what earlier runs found clean, by content (default: none).
    ``audit``: what the redactor did for this site (a build passes its own; default: the last
    promoted build's), whose replacements the name check accepts."""
    project = ctx.project
    config = config or load_gate_config(project)
    if not site_dir.is_dir():
        raise ConfigError("no built site here: run 'openness build' first", file=site_dir)
    entries = read_site(site_dir) if entries is None else entries
    memos = memos or GateMemos(None)
    stamps = (
        StampChecker.for_project(staged, staged / "docs")
        if staged is not None
        else StampChecker.for_project(project.work, project.staging)
    )
    hits: dict[str, list[Hit]] = defaultdict(list)
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    kinds = scan_files(ctx, entries, memos, hits, texts)
    for e in entries:
        if stamps.needs_stamp(e.rel, kinds[e.rel]):
            # never remembered: the stamp is checked against this build (unreadable: no stamp)
            hit = stamps.check(e.text_only("html") or e.file)
            if hit is not None:
                hits[e.rel].append(hit)
    report = Report(
        files_scanned=sum(k != "vendored" for k in kinds.values()),
        files_vendored=sum(k == "vendored" for k in kinds.values()),
        searched=[rel for rel in kinds if rel in texts],
    )
    if config.ner:
        pages = [e for e in entries if kinds[e.rel] == "html"]
        report.name_searched, report.ner_read = name_hits(ctx, config, pages, memos, hits, texts, audit)
    for e in entries:
        if hits.get(e.rel):
            report.findings += findings_for(e.rel, hits[e.rel], texts[e.rel])
    log.info("gate: %s", report.summary())
    log.info(
        "gate: searched %s again (the rest found clean before, by content); looked for names on %s; the NER read %s",
        counted(len(report.searched), "file"),
        counted(len(report.name_searched), "page"),
        counted(report.ner_read, "text"),
    )
    return report


def scan_files(
    ctx: Context,
    entries: list[SiteEntry],
    memos: GateMemos,
    hits: dict[str, list[Hit]],
    texts: dict[str, dict[str, str]],
) -> dict[str, str]:
    """Identities, identifiers and unpublished text in every view of every file (a file found
    clean before, with the same bytes, register, allowlist and unpublished texts, is not read
    again; a search index may be found clean by its parts: ``index_parts``); returns each file's kind."""
    register, allowlist = ctx.register, ctx.allowlist
    unpublished = UnpublishedText.of(ctx, memos["unpublished"])
    scanner = FileScanner(register, IdentifierScanner(allowlist, memos.early), unpublished)
    version = digest(gate_version(), fingerprint(register, allowlist), unpublished.fingerprint)
    kinds: dict[str, str] = {}
    for e in entries:
        key = digest(version, e.digest)
        known = memos["scan"].get(key)
        if isinstance(known, str):
            kinds[e.rel] = known
            continue
        if e.is_search_index and clean_by_parts(e, scanner, memos["scan"], version):
            kinds[e.rel] = "data"
            memos["scan"].put(key, "data")
            continue
        f = e.file
        kinds[e.rel] = f.kind
        texts[f.rel].update({v.name: v.text for v in [f.path_view, *f.views]})
        found = scanner.hits(f)
        hits[f.rel] += found
        if not found:
            memos["scan"].put(key, f.kind)
            if e.is_search_index:
                remember_parts(e, memos["scan"], version)
    return kinds


def name_hits(
    ctx: Context,
    config: GateConfig,
    pages: list[SiteEntry],
    memos: GateMemos,
    hits: dict[str, list[Hit]],
    texts: dict[str, dict[str, str]],
    audit: Audit | None = None,
) -> tuple[list[str], int]:
    """Person names the NER finds in what each page shows and nothing vouches for (a page found
    clean before, with the same bytes, register and vocabulary, is not read again). Returns the
    pages looked at and how many texts the NER read."""
    project, register = ctx.project, ctx.register
    approvals = load_approvals(config.approvals) if config.names == "approve" else []
    vocab = vocabulary(project, register, audit)
    vocab.add_public(site_names(project.root / "mkdocs.yml"))
    finder = finder_for(memos)
    scanner = NameScanner(register, vocab, finder)
    version = digest(gate_version(), fingerprint(register, ctx.allowlist), vocab.fingerprint, ner_version())
    keys = {e.rel: digest(version, e.digest) for e in pages}
    found: dict[str, Any] = {e.rel: memos["names"].get(keys[e.rel]) for e in pages}
    todo = [e for e in pages if found[e.rel] is not True and not _valid_names(found[e.rel])]
    identifiers = IdentifierScanner(ctx.allowlist, memos.early)
    for rel, (text, page_hits) in scanner.scan([(e.rel, e.passages) for e in todo]).items():
        # never shown, only masked in the contexts of name findings
        masked = [[h.start, h.end, h.kind] for h in identifiers.scan(text, VIEW)] if page_hits else []
        masked += [[s, e, ""] for s, e, _ in register.find(text)] if page_hits else []
        found[rel] = {"text": text, "spans": [[h.start, h.end] for h in page_hits], "masked": masked}
        memos["names"].put(keys[rel], found[rel] if page_hits else True)
    for rel, known in found.items():
        if known is True or not known["spans"]:
            continue
        text = texts[rel]["visible"] = known["text"]
        hits[rel] += [Hit(VIEW, s, e, kind, MASK_ONLY) for s, e, kind in known["masked"]]
        for s, e in known["spans"]:
            name = text[s:e]
            if config.names == "approve" and (a := approved(approvals, name, rel)) is not None:
                log.info("%s: approved name %s (by %s on %s)", rel, mask(name), a.approved_by, a.date)
                continue
            severity = WARN if config.names == "warn" else BLOCK
            hits[rel].append(Hit(VIEW, s, e, KIND + (" (not approved)" if config.names == "approve" else ""), severity))
    return [e.rel for e in todo], finder.read


def findings_for(rel: str, hits: list[Hit], texts: dict[str, str]) -> list[Finding]:
    """One finding per distinct (kind, text) in a file, each with a context masked throughout."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for h in hits:
        if h.end > h.start:
            spans[h.view].append((h.start, h.end))
    shown_file = masked_text(normalise(rel), spans["path"]) if spans["path"] else rel
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for h in sorted(hits, key=lambda h: (h.severity != BLOCK, h.view == "path", h.start)):
        if h.severity == MASK_ONLY:
            continue
        text = texts.get(h.view, "")[h.start : h.end]
        key = (h.kind, fold(" ".join(text.split())))
        if key in seen:
            continue
        seen.add(key)
        if h.end <= h.start:  # a whole-file finding, such as a missing stamp
            out.append(Finding(shown_file, h.kind, h.detail, severity=h.severity))
            continue
        where = "in the file name" if h.view == "path" else ""
        snippet = where or context(texts[h.view], h, spans[h.view])
        out.append(Finding(shown_file, h.kind, mask(text), snippet, h.severity))
    return out


def _valid_names(value: Any) -> bool:
    """A remembered name scan of a page with names in it: its visible text, the spans, and the
    spans only masked (anything else is worked out again)."""
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return False
    spans, masked = value.get("spans"), value.get("masked")
    return (
        isinstance(spans, list)
        and isinstance(masked, list)
        and all(isinstance(x, list) and [type(v) for v in x] == [int, int] for x in spans)
        and all(
            isinstance(x, list)
            and len(x) == 3
            and isinstance(x[0], int)
            and isinstance(x[1], int)
            and isinstance(x[2], str)
            for x in masked
        )
    )
