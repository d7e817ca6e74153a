"""Grow labelled corpora into a partnership project of N documents, for ``benchmarks/rebuild.py``.

Copy k of every source is dated k * 364 days earlier: every ISO date (front matter and body) and
every long-form date ("11 March 2024", "11th March 2024", "March 2024"). 364 days is 52 weeks, so
weekdays and working-day publication rules still hold (a bank holiday may move: a review the rules
then refuse is held back, see :func:`preflight`). Earlier rather than later, so that the copies are
still in the past on the build date. Copy k of ``<corpus>/minutes/x.md`` is ``minutes/c<k>-<corpus>-x.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus_leakscan import hold_back  # noqa: E402
from redaction.errors import OpennessError  # noqa: E402
from redaction.sources import gather  # noqa: E402
from site_builder.context import load_context  # noqa: E402
from site_builder.project import Project  # noqa: E402
from site_builder.reviews.text import analysed_text  # noqa: E402
from site_builder.stage import prepare  # noqa: E402
from site_builder.staged import Stage  # noqa: E402

SHIFT_DAYS = 364
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
LONG = re.compile(r"\b(?:(\d{1,2})(st|nd|rd|th)?\s+)?(" + "|".join(MONTHS) + r")\s+(\d{4})\b")
EASY_READ = re.compile(r"^(easy_read:[ \t]*[\"']?)(?:reviews/)?", re.M)
EASY_SUFFIX = ".easy-read.md"
CONTACT = re.compile(r"(?:\+44\s?|0)\d[\d ]{7,}|[^@\s]+@[^@\s]+\.\w+")


class BenchError(Exception):
    """The benchmark cannot go on: one line, exit status 2."""


@dataclass(frozen=True)
class Copy:
    rel: str  # path in the project, e.g. minutes/c1-blind-childrens-board-2025-02-11.md
    copy: int  # k: the dates are k * 364 days earlier
    index: int  # position among the N documents


def ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def shift_dates(text: str, days: int) -> str:
    """``text`` with every ISO and long-form date moved by ``days`` (month-year dates by their 15th)."""

    def iso(m: re.Match[str]) -> str:
        try:
            return (dt.date(int(m[1]), int(m[2]), int(m[3])) + dt.timedelta(days)).isoformat()
        except ValueError:
            return m[0]  # not a date (2025-13-40): left as it is

    def long(m: re.Match[str]) -> str:
        day, suffix, month, year = m[1], m[2], m[3], int(m[4])
        try:
            d = dt.date(year, MONTHS.index(month) + 1, int(day) if day else 15) + dt.timedelta(days)
        except ValueError:
            return m[0]
        if not day:
            return f"{MONTHS[d.month - 1]} {d.year}"
        return f"{d.day}{ordinal(d.day) if suffix else ''} {MONTHS[d.month - 1]} {d.year}"

    return LONG.sub(long, ISO.sub(iso, text))


def corpus_files(corpora: list[Path]) -> list[tuple[str, Path, str]]:
    """(label, file, folder) of every source in the corpora, Easy Read versions apart."""
    out, labels = [], set()
    for i, corpus in enumerate(corpora):
        label = corpus.name if corpus.name not in labels else f"{corpus.name}{i}"
        labels.add(label)
        for folder in ("minutes", "reviews"):
            files = sorted((corpus / folder).glob("*.md"))
            out += [(label, f, folder) for f in files if not f.name.endswith(EASY_SUFFIX)]
    if not out:
        raise BenchError(f"no minutes/ or reviews/ sources in {', '.join(map(str, corpora))}")
    return out


def grow(corpora: list[Path], project: Path, n: int) -> list[Copy]:
    """Write ``n`` sources into ``project`` (minutes/ and reviews/), repeating the corpora."""
    files = corpus_files(corpora)
    copies = []
    for folder in ("minutes", "reviews"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    for i in range(n):
        label, src, folder = files[i % len(files)]
        k = i // len(files)
        prefix = f"c{k}-{label}-"
        text = shift_dates(src.read_text(encoding="utf-8"), -SHIFT_DAYS * k)
        easy = re.search(r"^easy_read:[ \t]*[\"']?(?:reviews/)?([^\"'\s]+)", text, re.M)
        if easy and (src.parent / easy[1]).is_file():  # its Easy Read version goes with it
            easy_text = shift_dates((src.parent / easy[1]).read_text(encoding="utf-8"), -SHIFT_DAYS * k)
            (project / folder / (prefix + easy[1])).write_text(easy_text, encoding="utf-8")
            text = EASY_READ.sub(r"\g<1>" + prefix.replace("\\", "\\\\"), text, count=1)
        (project / folder / (prefix + src.name)).write_text(text, encoding="utf-8")
        copies.append(Copy(f"{folder}/{prefix}{src.name}", k, i))
    return copies


def make_distinct(project: Path, copies: list[Copy]) -> int:
    """Give every document an analysed text of its own: where a copy's text equals an earlier
    document's (no date in its title or body), a sentence naming its edition is added to its body.
    Returns how many were changed."""
    by_rel = {c.rel: c for c in copies}
    changed = 0
    for _ in range(3):
        minutes, reviews = gather(project)
        seen: set[str] = set()
        twins = []
        for src in sorted([*minutes, *reviews], key=lambda s: by_rel[s.rel].index):
            text = analysed_text(src)
            if text in seen:
                twins.append(src.rel)
            seen.add(text)
        if not twins:
            return changed
        for rel in twins:
            c = by_rel[rel]
            with (project / rel).open("a", encoding="utf-8") as f:
                f.write(f"\n\nThis record is archive edition {c.copy}, item {c.index + 1}.\n")
        changed += len(twins)
    raise BenchError("the analysed texts are still not all distinct")


def distinct_texts(project: Path) -> int:
    minutes, reviews = gather(project)
    return len({analysed_text(s) for s in [*minutes, *reviews]})


def preflight(project: Path, as_of: dt.date) -> tuple[Stage, list[str]]:
    """What the build will publish and analyse (nothing is redacted here), and the reviews held
    back: a review the publication rules refuse is marked withheld in this copy, named on stderr,
    and the project is tried again."""
    held: list[str] = []
    while True:
        try:
            return prepare(load_context(Project(project), as_of), redact=False), held
        except OpennessError as exc:
            if not hold_back(project, exc):
                raise BenchError(f"the grown project cannot be built: {exc.one_line()}") from None
            print(f"rebuild: held back (withheld in the copy): {exc.one_line()}", file=sys.stderr)
            held.append(exc.file or "")


@dataclass(frozen=True)
class Grown:
    stage: Stage  # what the build publishes: stage.texts are the analysed texts
    documents: int
    distinct: int  # distinct analysed texts among the documents
    changed: int  # documents given an edition sentence to make them distinct
    held_back: list[str]


def public_contacts(corpora: list[Path]) -> list[str]:
    """The phone numbers and e-mail addresses each corpus's expect.json keeps: its partnership's
    own public contacts, which a partnership lists under ``public_contacts:`` in openness.yml."""
    out: set[str] = set()
    for corpus in corpora:
        try:
            keep = json.loads((corpus / "expect.json").read_text(encoding="utf-8")).get("keep", [])
        except (OSError, ValueError, AttributeError):
            continue  # a corpus without labels: no public contacts known
        texts = [k if isinstance(k, str) else k.get("text", "") for k in keep if isinstance(k, str | dict)]
        out.update(t for t in texts if CONTACT.fullmatch(t.strip()))
    return sorted(out)


def new_project(project: Path, corpora: list[Path], n: int, as_of: dt.date) -> Grown:
    """Create the project: content/, mkdocs.yml, openness.yml (questions only warn, the corpora's
    public contacts) and ``n`` sources."""
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    contacts = "".join(f"  - {json.dumps(c)}\n" for c in public_contacts(corpora))
    settings = "gate:\n  questions: warn\n" + (f"public_contacts:\n{contacts}" if contacts else "")
    (project / "openness.yml").write_text(settings, encoding="utf-8")
    copies = grow(corpora, project, n)
    changed = make_distinct(project, copies)
    stage, held = preflight(project, as_of)
    return Grown(stage, len(copies), distinct_texts(project), changed, held)
