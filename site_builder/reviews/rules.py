"""Publication rules for practice reviews, from the Partnership's practice review guidance.

- Seven working days: a copy of every LCSPR must reach the National Panel "no later than seven
  working days before the date of publication" (see :func:`earliest_publication`).
- Withheld: a withheld review carries a ``withheld_reason``; it is never published.
- Themes and checklist: only keys of the controlled vocabularies (:mod:`.vocab`); with
  ``checklist: required`` in openness.yml a review goes live only with its checklist ticked.
- Retention: published reviews stay listed at least ``retention_days`` (365 or more), then move to
  the archive; they are never dropped.

:func:`review_problems` lists every problem of one review (for ``openness status``);
:func:`check_reviews` raises on the first blocking one (for the build).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import holidays

from redaction.errors import SourceError
from redaction.sources import Review
from redaction.words import counted
from site_builder.project import format_date
from site_builder.reviews.vocab import ChecklistItem, checklist_for

log = logging.getLogger(__name__)

WORKING_DAYS_NOTICE = 7
REVIEW_STATES = ("draft", "approved", "embargoed", "published", "withheld", "archived")


@functools.cache
def _bank_holidays() -> holidays.HolidayBase:
    """England and Wales bank holidays (grown year by year as dates are looked up)."""
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays()


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day strictly after ``start`` (``start`` itself never counts)."""
    day, seen = start, 0
    while seen < count:
        day += dt.timedelta(days=1)
        seen += is_working_day(day)
    return day


def earliest_publication(notified: dt.date) -> dt.date:
    """The earliest day an LCSPR may be published, given the day the National Panel was notified.

    Working days are counted strictly after the notification day (which never counts, whatever
    the hour), skipping weekends and England and Wales bank holidays; the seventh such working
    day is the earliest publication day, and it counts as one of the seven. Example: notified on
    Friday 18 December 2026, with bank holidays on 25 and 28 December: 21, 22, 23, 24, 29, 30 and
    31 December are working days 1 to 7, so the earliest publication day is 31 December 2026.
    """
    return add_working_days(notified, WORKING_DAYS_NOTICE)


def is_archived(review: Review, as_of: dt.date, retention_days: int) -> bool:
    """A published review stays in the main list ``retention_days`` days, then is archived."""
    return review.publish_on <= as_of and (as_of - review.publish_on).days > retention_days


def review_state(review: Review, as_of: dt.date) -> str:
    """published, embargoed (approved, date not reached), withheld or draft."""
    if review.status != "approved":
        return review.status
    return "published" if review.publish_on <= as_of else "embargoed"


def display_state(review: Review, as_of: dt.date, retention_days: int) -> str:
    """:func:`review_state`, with published reviews past their retention shown as archived."""
    state = review_state(review, as_of)
    return "archived" if state == "published" and is_archived(review, as_of, retention_days) else state


@dataclass(frozen=True)
class Problem:
    """One thing wrong or missing. ``blocking`` problems stop the build."""

    key: str
    message: str
    blocking: bool


def notification_problems(review: Review, as_of: dt.date) -> list[Problem]:
    """The seven-working-day rule for an LCSPR (approved ones block the build)."""
    if review.review_type != "lcspr" or review.status == "withheld":
        return []
    approved = review.status == "approved"
    notified = review.national_panel_notified
    if notified is None:
        due = approved and review.publish_on <= as_of
        message = (
            "missing: an LCSPR must record the date the National Panel was notified "
            "(national_panel_notified: YYYY-MM-DD), at least seven working days before publish_on"
        )
        return [Problem("national_panel_notified", message, blocking=due)]
    earliest = earliest_publication(notified)
    if review.publish_on >= earliest:
        return []
    message = (
        f"publish_on {review.publish_on.isoformat()} is too early: the National Panel was notified on "
        f"{notified.isoformat()} (national_panel_notified) and an LCSPR may be published only seven "
        f"working days later; the earliest valid publication date is {format_date(earliest)} "
        f"({earliest.isoformat()})"
    )
    return [Problem("publish_on", message, blocking=approved)]


def vocabulary_problems(review: Review, themes: dict[str, str], checklist: Sequence[ChecklistItem]) -> list[Problem]:
    """Unknown themes or checklist items, or checklist values that are not true/false. A known item
    that does not apply to the review's type is listed, not blocking (ticking it does no harm)."""
    out = [
        Problem("themes", f"unknown theme '{t}' (known: {', '.join(themes)})", blocking=True)
        for t in review.themes
        if t not in themes
    ]
    known = {item.key: item for item in checklist}
    applicable = [item.key for item in checklist_for(review.review_type, list(checklist))]
    for key, value in review.checklist.items():
        if key not in known:
            close = difflib.get_close_matches(str(key), applicable, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            message = f"unknown checklist item '{key}'{hint} (known: {', '.join(applicable)})"
            out.append(Problem("checklist", message, blocking=True))
        elif not isinstance(value, bool):
            out.append(Problem("checklist", f"item '{key}' must be true or false", blocking=True))
        elif not known[key].applies_to(review.review_type):
            message = f"item '{key}' does not apply to this type of review; remove it"
            out.append(Problem("checklist", message, blocking=False))
    return out


def unticked(review: Review, checklist: Sequence[ChecklistItem]) -> list[ChecklistItem]:
    """The checklist items due before publication that apply to the review and are not ticked."""
    return [
        item
        for item in checklist_for(review.review_type, list(checklist))
        if not item.after_publication and review.checklist.get(item.key) is not True
    ]


def checklist_blocks(review: Review, as_of: dt.date, checklist: Sequence[ChecklistItem]) -> str | None:
    """With the checklist required: why a review due to go live cannot (None when it can)."""
    missing = unticked(review, checklist)
    if review_state(review, as_of) != "published" or not missing:
        return None
    return (
        f"cannot go live: the checklist is required (checklist: required in openness.yml) and "
        f"{counted(len(missing), 'item is', 'items are')} not ticked: {', '.join(i.key for i in missing)}"
    )


def review_problems(
    review: Review, as_of: dt.date, themes: dict[str, str], checklist: Sequence[ChecklistItem]
) -> list[Problem]:
    """Every rule problem of one review, blocking ones first."""
    out = vocabulary_problems(review, themes, checklist)
    if review.status == "withheld" and not review.withheld_reason:
        # Not blocking: a withheld review is never published whatever it says, and partnerships'
        # existing files (and the labelled corpora) often lack the key. `openness status` lists it.
        out.append(
            Problem(
                "withheld_reason",
                "a withheld review should say why (withheld_reason: ...); the reason is never published",
                blocking=False,
            )
        )
    out += notification_problems(review, as_of)
    return sorted(out, key=lambda p: not p.blocking)


def check_reviews(
    reviews: Iterable[Review],
    as_of: dt.date,
    themes: dict[str, str],
    checklist: Sequence[ChecklistItem],
    required: bool = False,
) -> None:
    """Raise :class:`SourceError` (naming the file and key) on the first blocking problem. With
    ``required``, a review due to go live with checklist items not ticked is one."""
    for review in sorted(reviews, key=lambda r: r.rel):
        for problem in review_problems(review, as_of, themes, checklist):
            if problem.blocking:
                raise SourceError(problem.message, file=review.rel, key=problem.key)
            log.info("%s: %s: %s", review.rel, problem.key, problem.message)
        reason = checklist_blocks(review, as_of, checklist) if required else None
        if reason:
            raise SourceError(reason, file=review.rel, key="checklist")
