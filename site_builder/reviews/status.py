"""``openness status``: each review's state, what is missing before it can go live, and when; and
the minutes still in draft.

Reviews are named by file path and their type in words, never by title or by a person: the
report reads raw sources and runs no redaction, so it prints no raw text from them (not even
``withheld_reason``), only dates, keys and fixed wording.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from redaction.sources import Minutes, Review
from site_builder.context import Context
from site_builder.project import format_date
from site_builder.reviews.catalogue import TYPE_NAMES
from site_builder.reviews.rules import (
    checklist_blocks,
    display_state,
    earliest_publication,
    review_problems,
    unticked,
)
from site_builder.reviews.vocab import ChecklistItem, checklist_for, load_checklist, load_themes

log = logging.getLogger(__name__)


@dataclass
class ReviewStatus:
    """The status of one review, as data (what the report prints).

    ``missing`` holds what the rules need before it can go live; ``checklist`` the checklist items
    not yet ticked, which are required or only recommended (``required``, from openness.yml)."""

    rel: str
    label: str
    state: str
    go_live: str
    missing: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)
    required: bool = False


def go_live_text(review: Review, state: str, as_of: dt.date) -> str:
    day = f"{format_date(review.publish_on)} ({review.publish_on.isoformat()})"
    if state == "withheld":
        return "not scheduled: withheld"
    if state == "draft":
        return f"not before approval; planned for {day}"
    if state == "embargoed":
        return day
    return f"live since {day}" + (", now in the archive" if state == "archived" else "")


def review_status(
    review: Review,
    as_of: dt.date,
    retention_days: int,
    themes: dict[str, str],
    checklist: list[ChecklistItem],
    required: bool = False,
) -> ReviewStatus:
    """What ``openness status`` says about one review."""
    state = display_state(review, as_of, retention_days)
    label = f"{TYPE_NAMES[review.review_type]} ({review.publish_on.year})"
    status = ReviewStatus(review.rel, label, state, go_live_text(review, state, as_of), required=required)
    if state == "withheld":
        status.missing += [
            f"{p.key}: {p.message}" for p in review_problems(review, as_of, themes, []) if p.key == "withheld_reason"
        ]
        return status
    if state == "draft":
        status.missing.append("status: approval (status: approved) by the Partnership")
    if review.people_to_complete:
        status.missing.append(
            "people: replace the import's 'to-complete' stub with each person (pseudonym, relation) "
            "or 'people: anonymised'"
        )
    status.missing += [
        f"{p.key}: {p.message}" + (" [blocks the build]" if p.blocking else "")
        for p in review_problems(review, as_of, themes, checklist)
    ]
    if review.review_type == "lcspr" and review.national_panel_notified and state in ("draft", "embargoed"):
        earliest = earliest_publication(review.national_panel_notified)
        status.after.append(
            f"earliest publication date under the seven-working-day rule: "
            f"{format_date(earliest)} ({earliest.isoformat()})"
        )
    upcoming = state in ("draft", "embargoed")
    if upcoming:
        status.checklist = [f"{i.key}: {i.text}" for i in unticked(review, checklist)]
    elif required and checklist_blocks(review, as_of, checklist):
        status.missing += [f"checklist: {i.key}: {i.text} [blocks the build]" for i in unticked(review, checklist)]
    if not upcoming and review.checklist:
        status.after += [
            f"after publication, checklist: {i.key}: {i.text}"
            for i in checklist_for(review.review_type, checklist)
            if i.after_publication and review.checklist.get(i.key) is not True
        ]
    return status


def statuses(ctx: Context) -> list[ReviewStatus]:
    """What ``openness status`` says about each review, by file, as of ``ctx.as_of``."""
    project = ctx.project
    themes, checklist = load_themes(project.root), load_checklist()
    required = project.checklist_required
    return [
        review_status(r, ctx.as_of, ctx.policy.retention_days, themes, checklist, required)
        for r in sorted(ctx.reviews, key=lambda r: r.rel)
    ]


def draft_minutes(ctx: Context) -> list[Minutes]:
    """Minutes marked ``status: draft``: never published until approved."""
    return sorted((m for m in ctx.minutes if m.status == "draft"), key=lambda m: (m.date, m.rel))


def minutes_report(ctx: Context) -> list[str]:
    """The draft minutes, by file, meeting type and date (never their title or text)."""
    policy = ctx.policy
    drafts = draft_minutes(ctx)
    lines = [f"Draft minutes (not published until approved): {len(drafts)}"]
    for m in drafts:
        meeting = (
            policy.meetings[m.meeting].name if m.meeting in policy.meetings else f"unknown meeting type {m.meeting}"
        )
        lines.append(f"  {m.rel} — {meeting}, {format_date(m.date)} ({m.date.isoformat()})")
    return [*lines, ""]


def status_report(ctx: Context) -> str:
    """The text ``openness status`` prints, as of ``ctx.as_of``."""
    as_of = ctx.as_of
    items = statuses(ctx)
    lines = [f"Practice reviews as of {format_date(as_of)} ({as_of.isoformat()}): {len(items)}", ""]
    for s in items:
        lines += [f"{s.rel} — {s.label}", f"  state: {s.state}", f"  goes live: {s.go_live}"]
        upcoming = s.state in ("draft", "embargoed")
        required = [f"checklist: {c}" for c in s.checklist] if s.required else []
        missing = s.missing + required
        if missing:
            lines += [
                "  missing before it can go live:" if upcoming else "  missing:",
                *(f"    - {m}" for m in missing),
            ]
        elif s.state != "withheld":
            lines.append("  missing: nothing")
        if s.checklist and not s.required:
            lines += [
                "  recommended before it goes live (pre-publication checklist):",
                *(f"    - {c}" for c in s.checklist),
            ]
        lines += [f"  note: {a}" for a in s.after]
        lines.append("")
    return "\n".join(lines + minutes_report(ctx))
