"""Settle a grown project before ``benchmarks/rebuild.py`` times it: hold back what the gate blocks.

Labelled corpora hold what the redaction still misses (that is what they measure), and several
partnerships' corpora in one project give one corpus's declared people to another's pages. The
publication gate then blocks the build, as it must. Here, as a partnership would, each source
behind a blocked page is held back in the temporary copy (a review is marked withheld, minutes
become a draft), named on stderr, and the build is tried again. A blocked page is traced to its
source by its address, or else by the gate's masked context found in the rendered pages.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.rebuild_corpus import BenchError
from benchmarks.rebuild_measure import env
from redaction.markdown_view import plain_view
from redaction.sources import FRONT
from site_builder.context import load_context
from site_builder.project import Project
from site_builder.stage import prepare, render

# One blocking finding as the build logs it: "<file>: <kind>: <masked>  [<context>]".
BLOCKING = re.compile(r"^(?P<file>[^\s:]+): (?P<kind>[a-z][a-z ]*): .*?(?:  \[…?(?P<context>.*?)…?\])?$", re.M)
MAX_ROUNDS = 6


def page_key(path: str) -> str:
    """'minutes/a/2024-04-30/index.html' and 'minutes/a/2024-04-30.md' both give 'minutes/a/2024-04-30'."""
    for suffix in ("index.html", ".html", "index.md", ".md"):
        if path.endswith(suffix):
            return path.removesuffix(suffix).rstrip("/")
    return path


def context_pattern(context: str) -> re.Pattern[str]:
    """The masked context as a pattern: 'C***** R*****' matches any two 6-letter words after C and R."""
    out = []
    for m in re.finditer(r"([^\W_])(\**)|(\s+)|(.)", context, re.S):
        if m[1]:
            out.append(re.escape(m[1]) + (rf"[^\W_]{{{len(m[2])}}}(?![^\W_])" if m[2] else ""))
        elif m[3]:
            out.append(r"\s+")
        else:
            out.append(re.escape(m[4]))
    return re.compile("".join(out))


def blocked_sources(project: Path, as_of: dt.date, log: str) -> set[str]:
    """The sources (``minutes/x.md``) behind the pages the gate blocked in ``log``."""
    stage = prepare(load_context(Project(project), as_of))  # the failed build left its analyses in the cache
    pages = render(stage).files
    owner = {page_key(d.path): d.source.rel for d in stage.docs}

    def source_of(page: str) -> str | None:
        key = page_key(page)
        while key and key not in owner:
            key = key.rpartition("/")[0]  # a review's briefing or Easy Read page is its review's
        return owner.get(key)

    found: set[str] = set()
    for m in BLOCKING.finditer(log):
        if m["kind"].startswith("question") or m["file"] == "openness":
            continue
        rel = source_of(m["file"])
        if rel is None and m["context"]:
            rx = context_pattern(m["context"])
            hits = [p for p, text in pages.items() if rx.search(" ".join(plain_view(text).split()))]
            found.update(r for r in map(source_of, hits) if r)
        elif rel:
            found.add(rel)
    return found


def hold_back_source(project: Path, rel: str) -> None:
    """Keep ``rel`` off the site in this copy: a review becomes withheld, minutes a draft."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    m = FRONT.match(text)
    if m is None:
        raise BenchError(f"{rel}: no front matter to hold it back with")
    front = re.sub(r"^(status|withheld_reason):.*\n", "", m[1], flags=re.M)
    if rel.startswith("reviews/"):
        front += "status: withheld\nwithheld_reason: blocked by the publication gate\n"
    else:
        front += "status: draft\n"
    path.write_text(text[: m.start(1)] + front + text[m.end(1) :], encoding="utf-8")


def settle(project: Path, build: list[str], as_of: dt.date) -> list[str]:
    """Build until the gate lets the project through; returns the sources held back."""
    held: list[str] = []
    for _ in range(MAX_ROUNDS):
        proc = subprocess.run(build, capture_output=True, text=True, env=env())
        if proc.returncode == 0:
            return held
        log = proc.stdout + "\n" + proc.stderr
        last = [ln for ln in log.splitlines() if ln.startswith("openness: error:")] or [log.strip()[-300:]]
        if "publication gate blocked" not in last[-1]:
            raise BenchError(f"the settling build failed (exit {proc.returncode}): {last[-1]}")
        sources = blocked_sources(project, as_of, log) - set(held)
        if not sources:
            raise BenchError(f"the gate blocks pages traced to no source: {last[-1]}")
        for rel in sorted(sources):
            hold_back_source(project, rel)
            print(f"rebuild: held back (blocked by the publication gate): {rel}", file=sys.stderr)
        held += sorted(sources)
    raise BenchError(f"the gate still blocks the build after holding back {len(held)} sources")
