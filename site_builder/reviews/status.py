"""``openness status``: each review's state, what is missing before it can go live, and when.

Reviews are named by file path and their type in words, never by title or by a person: the
report reads raw sources and runs no redaction, so it prints no raw text from them (not even
``withheld_reason``), only dates, keys and fixed wording.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from redaction.policy import load_policy
from redaction.sources import Review, gather
from site_builder.project import Project, format_date
from site_builder.reviews.catalogue import TYPE_NAMES
from site_builder.reviews.rules import display_state, earliest_publication, review_problems
from site_builder.reviews.vocab import ChecklistItem, load_checklist, load_themes

log = logging.getLogger(__name__)


@dataclass
class ReviewStatus:
    """The status of one review, as data (what the report prints)."""

    rel: str
    label: str
    state: str
    go_live: str
    missing: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


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
    review: Review, as_of: dt.date, retention_days: int, themes: dict[str, str], checklist: list[ChecklistItem]
) -> ReviewStatus:
    """What ``openness status`` says about one review."""
    state = display_state(review, as_of, retention_days)
    label = f"{TYPE_NAMES[review.review_type]} ({review.publish_on.year})"
    status = ReviewStatus(review.rel, label, state, go_live_text(review, state, as_of))
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
        for p in review_problems(review, as_of, themes, [i.key for i in checklist])
    ]
    if review.review_type == "lcspr" and review.national_panel_notified and state in ("draft", "embargoed"):
        earliest = earliest_publication(review.national_panel_notified)
        status.after.append(
            f"earliest publication date under the seven-working-day rule: "
            f"{format_date(earliest)} ({earliest.isoformat()})"
        )
    upcoming = state in ("draft", "embargoed")
    for item in checklist:
        if review.checklist.get(item.key) is True:
            continue
        if upcoming and not item.after_publication:
            status.missing.append(f"checklist: {item.key}: {item.text}")
        elif not upcoming and item.after_publication and review.checklist:
            status.after.append(f"after publication, checklist: {item.key}: {item.text}")
    return status


def statuses(project: Project, as_of: dt.date) -> list[ReviewStatus]:
    policy = load_policy(project.root)
    _, reviews = gather(project.root)
    themes, checklist = load_themes(project.root), load_checklist()
    return [
        review_status(r, as_of, policy.retention_days, themes, checklist) for r in sorted(reviews, key=lambda r: r.rel)
    ]


def status_report(project: Project, as_of: dt.date) -> str:
    """The text ``openness status`` prints."""
    items = statuses(project, as_of)
    lines = [f"Practice reviews as of {format_date(as_of)} ({as_of.isoformat()}): {len(items)}", ""]
    for s in items:
        lines += [f"{s.rel} — {s.label}", f"  state: {s.state}", f"  goes live: {s.go_live}"]
        if s.state in ("published", "archived") and not s.missing:
            lines.append("  missing: nothing")
        elif s.missing:
            upcoming = s.state in ("draft", "embargoed")
            lines += [
                "  missing before it can go live:" if upcoming else "  missing:",
                *(f"    - {m}" for m in s.missing),
            ]
        elif s.state != "withheld":
            lines.append("  missing: nothing")
        lines += [f"  note: {a}" for a in s.after]
        lines.append("")
    return "\n".join(lines)
