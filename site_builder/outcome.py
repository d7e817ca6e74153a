"""After the gate: the questions of a build, whether they block it, and the build summary.

A build with open questions stops (exit 1, the old site untouched) unless the partnership has set
``gate: {questions: warn}``; a ``--preview`` build is written anyway and never published. The
summary is printed after every build, blocked or not: documents published, withheld, embargoed
and drafts, replacements made, questions open, and how to open the review page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from redaction.errors import GateBlocked
from redaction.words import counted
from site_builder.context import Context
from site_builder.gate.ask import Audit, ask_site, distinct, save
from site_builder.gate.config import load_gate_config
from site_builder.gate.entries import SiteEntry
from site_builder.gate.memo import GateMemos
from site_builder.gate.questions import Question
from site_builder.gate.report import Report, mask
from site_builder.project import Project
from site_builder.review.queue import save_documents
from site_builder.reviews.rules import review_state

if TYPE_CHECKING:
    from site_builder.staged import Stage

log = logging.getLogger(__name__)


@dataclass
class Summary:
    """What a build did, for the person who ran it (no personal data in it)."""

    published: int = 0
    withheld: int = 0
    embargoed: int = 0
    drafts: int = 0
    private_minutes: int = 0
    replacements: int = 0
    questions: list[Question] = field(default_factory=list)
    project: Path | None = None
    preview: Path | None = None
    outcome: str = ""
    #: What this build had to work out again (the rest came from the caches, by content).
    analysed: int = 0
    redacted: tuple[str, ...] = ()
    gate: Report | None = None
    questions_worked_out: int = 0  # pages and search-index passages whose questions were worked out

    def fill(self, stage: Stage) -> None:
        self.project = stage.project.root
        self.published = len(stage.docs)
        states = [review_state(r, stage.as_of) for r in stage.reviews]
        self.withheld, self.embargoed, self.drafts = (
            states.count(state) for state in ("withheld", "embargoed", "draft")
        )
        self.private_minutes = sum(not stage.policy.meetings[m.meeting].publish for m in stage.minutes)
        self.replacements = sum(len(d.redacted.replacements) for d in stage.docs)
        self.analysed, self.redacted = stage.analysed, stage.redacted_sources

    def lines(self) -> list[str]:
        n = distinct(self.questions)
        review = "openness review" + (
            f" --project {self.project}" if self.project and self.project != Path.cwd() else ""
        )
        out = [
            f"documents published: {self.published} (reviews withheld: {self.withheld}, embargoed: {self.embargoed}, "
            f"drafts: {self.drafts}; private meeting minutes not published: {self.private_minutes})",
            f"replacements made: {self.replacements}",
            f"questions open: {n}" + (f" (at {counted(len(self.questions), 'place')} on the site)" if n else ""),
        ]
        if n:
            out.append(f"review page: run '{review}' (or '{review} --json' for a list)")
        if self.preview is not None:
            out.append(f"preview (not published): {self.preview / 'index.html'}")
        if self.outcome:
            out.append(self.outcome)
        return out


def ask(
    entries: list[SiteEntry],
    stage: Stage,
    summary: Summary | None,
    memos: GateMemos | None = None,
    audit: Audit | None = None,
) -> list[Question]:
    """The open questions of the site just built (read into ``entries``); saved for ``openness review``.
    ``audit``: what the redactor did in this build (default: worked out from ``stage``)."""
    questions = ask_site(stage.context, entries, audit or Audit.of_stage(stage), memos)
    save(stage.project, questions)
    save_documents(stage)
    if summary is not None:
        summary.fill(stage)
        summary.questions = questions
    return questions


def decide(project: Project, questions: list[Question], site_dir: Path, preview: bool) -> None:
    """Log each open question masked; block unless warn mode (a preview is never blocked)."""
    mode = load_gate_config(project).questions
    for q in questions:
        log.warning("%s: question (%s): %s  [source: %s]", q.page, q.kind, mask(q.text), q.source)
    if questions and mode == "block" and not preview:
        raise GateBlocked(
            f"{counted(distinct(questions), 'open question')} must be answered before publication: "
            "run 'openness review' (or build with --preview DIR to read the result); the previous site is unchanged",
            file=site_dir,
        )


def site_questions(ctx: Context, entries: list[SiteEntry], memos: GateMemos | None = None) -> list[Question]:
    """The open questions of an already built site (``openness check``), with the register of
    every review and the private register, as the check has."""
    return ask_site(ctx, entries, memos=memos)
