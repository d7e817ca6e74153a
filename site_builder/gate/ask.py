"""Ask the questions of one built site, with what the build knows, and apply the answers given.

What the build knows comes from the private audit the stage writes (``.openness/audit/``: per
published document its source, its page and every replacement, original included) and from the
sources' own dates. So ``openness build``, ``--preview`` and ``openness check`` ask the same
questions of the same site. The open questions are saved (privately) in ``.openness/questions.json``
for ``openness review``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from redaction.register import Register
from redaction.sources import Review
from site_builder.context import Context
from site_builder.gate import answers
from site_builder.gate.entries import SiteEntry
from site_builder.gate.memo import GateMemos, Memo, digest
from site_builder.gate.names import finder_for
from site_builder.gate.question import Occurrence, collect, valid_rows
from site_builder.gate.questions import Asker, Question
from site_builder.gate.reading import search_passages
from site_builder.gate.repeats import remembered
from site_builder.gate.stamps import docs_paths
from site_builder.gate.vocabulary import Vocabulary, fold
from site_builder.project import Project

if TYPE_CHECKING:
    from site_builder.staged import Stage

log = logging.getLogger(__name__)
SAVED = "questions.json"


@dataclass
class Audit:
    """What the redactor did in the last staged build, per staged page (``minutes/.../x.md``)."""

    sources: dict[str, str] = field(default_factory=dict)  # staged page -> source file
    originals: list[str] = field(default_factory=list)
    replacements: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> Audit:
        out = cls()
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log.warning("%s: unreadable audit file skipped", path.name)
                continue
            out.sources[str(data.get("page", ""))] = str(data.get("source", ""))
            for r in data.get("replacements", []):
                out.originals.append(str(r.get("original", "")))
                out.replacements.append(str(r.get("replacement", "")))
        return out

    @classmethod
    def of_stage(cls, stage: Stage) -> Audit:
        """What the redactor did in the build under way (its audit is not promoted until the gate
        passes, so ``.openness/audit`` still holds the previous build's)."""
        out = cls()
        for doc in stage.docs:
            out.sources[doc.path] = doc.source.rel
            for r in doc.redacted.replacements:
                out.originals.append(r.original)
                out.replacements.append(r.replacement)
        return out

    def with_easy_read(self, reviews: list[Review]) -> dict[str, str]:
        """Staged page -> source file, with each review's Easy Read page and its own file."""
        pages = dict(self.sources)
        easy = {r.rel: f"reviews/{r.easy_read.removeprefix('reviews/')}" for r in reviews if r.easy_read}
        for page, src in self.sources.items():
            if src in easy:
                pages[page.removesuffix(".md") + "-easy-read.md"] = easy[src]
        return pages


def partnership_terms(project: Project) -> list[str]:
    """The partnership's own public words: its name, ``allowlist:`` and ``allowlist.yaml``."""
    s = project.settings
    terms = [str(s["partnership"])] if s.get("partnership") else []
    # The help banner's links are the partnership's own settings: their titles and addresses are public.
    help_links = (s.get("help") or {}).get("links") or []
    terms += [str(link[k]) for link in help_links for k in ("title", "url") if link.get(k)]
    return terms + [str(t) for t in s.get("allowlist", []) or []] + answers.public_terms(project)


def page_source(page: str, pages: dict[str, str]) -> str | None:
    return next((pages[d] for d in docs_paths(page) if d in pages), None)


def vocabulary(project: Project, register: Register, audit: Audit | None = None) -> Vocabulary:
    """What the gate accepts for this project: data files, the partnership's words, replacements."""
    audit = audit or Audit.read(project.audit)
    vocab = Vocabulary.load(partnership_terms(project), exact=project.public_contacts)
    vocab.add_public([*audit.replacements, *(i.replacement for i in register.identities)])
    return vocab


def ask_site(
    ctx: Context, entries: list[SiteEntry], audit: Audit | None = None, memos: GateMemos | None = None
) -> list[Question]:
    """The open questions of a built site on ``ctx.as_of`` (answered ones left out). ``audit``:
    what the redactor did for this site (a build passes its own); by default the last promoted
    build's. ``memos``: the questions of pages (and search-index passages) seen before, by content."""
    project, minutes, reviews, as_of = ctx.project, ctx.minutes, ctx.reviews, ctx.as_of
    audit = audit or Audit.read(project.audit)
    memos = memos or GateMemos(None)
    vocab = vocabulary(project, ctx.register, audit)
    dated: dict[str, dt.date] = {m.rel: m.date for m in minutes} | {r.rel: r.publish_on for r in reviews}
    dated |= {f"reviews/{r.easy_read.removeprefix('reviews/')}": r.publish_on for r in reviews if r.easy_read}
    pages: dict[str, str] = audit.with_easy_read(list(reviews))
    content = project.root / "content"
    if content.is_dir():
        pages |= {
            p.relative_to(content).as_posix(): f"content/{p.relative_to(content).as_posix()}"
            for p in content.rglob("*.md")
        }
    html_pages = {e.rel for e in entries if e.is_html}
    doc_dates = {
        page: dated[src] for page in html_pages if (src := page_source(page, pages)) is not None and src in dated
    }
    asker = Asker(vocab, finder_for(memos), audit.originals, doc_dates, as_of, public_dates=frozenset(dated.values()))
    questions = collect(site_occurrences(asker, entries, memos["ask"]))
    done, people = answers.decided(project), answers.register_names(project)
    mkdocs_text = fold((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    own = functools.cache(lambda src: _folded(project.root / src))
    out = []
    for q in questions:
        kept = [(k, c) for k, c in zip(q.keys, q.contexts, strict=True) if k not in done]
        q.keys, q.contexts = [k for k, _ in kept], [c for _, c in kept]
        if q.keys:
            q.context = q.contexts[0]
        if not q.keys or fold(answers.TITLE.sub("", q.text)) in people:
            continue
        q.source = source_of(q, page_source(q.page, pages), project.root, mkdocs_text, own)
        out.append(q)
    out.sort(key=lambda q: (q.source, q.page, q.text))
    return out


def site_occurrences(asker: Asker, entries: list[SiteEntry], memo: Memo) -> list[Occurrence]:
    """Every flagged span of every page and search index, in site order. A page whose bytes, date
    and rules are unchanged is not read again; a search index (it changes with any page) is read,
    and only its passages not seen before are worked out."""
    out: list[Occurrence] = []
    versions = asker.versions(memo)  # remembered: [version of the repeat alternatives, rows]
    for e in entries:
        if e.is_html:
            date = asker.doc_dates.get(e.rel)
            key = digest(asker.fingerprint, e.digest, date.isoformat() if date else "")
            rows = remembered(memo.get(key), versions, page_texts(e), valid_rows)
            if rows is None:
                found = asker.occurrences(e.passages)
                rows = [[o.page, o.text, o.context, o.part, sorted(o.kinds)] for o in found]
            memo.put(key, [versions.version, rows])
            out += [Occurrence(page, text, ctx, part, frozenset(kinds)) for page, text, ctx, part, kinds in rows]
        elif e.is_search_index and (index := e.text_only("data")) is not None:
            out += asker.occurrences(search_passages(index), memo)
    return out


def page_texts(entry: SiteEntry) -> Callable[[], list[str]]:
    """A page's passages' texts, read only when asked for."""
    return lambda: [p.text for p in entry.passages]


def _folded(path: Path) -> str:
    try:
        return fold(" ".join(path.read_text(encoding="utf-8").split()))
    except OSError:
        return ""


def source_of(
    q: Question, src: str | None, root: Path, mkdocs_text: str, own: Callable[[str], str] | None = None
) -> str:
    """The file to edit: the page's own source when it holds the words, else mkdocs.yml when it
    does (site name, navigation), else the page's source or the generator. ``own``: a source's
    folded text (default: read from ``root``)."""
    own = own or (lambda rel: _folded(root / rel))
    words = fold(" ".join(q.text.split()))
    if src is not None and (words in own(src) or words not in mkdocs_text):
        return src
    return "mkdocs.yml" if words in mkdocs_text else src or f"generated page ({q.page})"


def save(project: Project, questions: list[Question]) -> Path:
    """Keep the open questions for ``openness review`` (private: ``.openness/`` is git-ignored)."""
    project.work.mkdir(exist_ok=True)
    path = project.work / SAVED
    path.write_text(json.dumps([q.as_json() for q in questions], indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def distinct(questions: list[Question]) -> int:
    """How many answers a person must give: one per distinct text (a public word clears all pages)."""
    return len({fold(q.text) for q in questions})
