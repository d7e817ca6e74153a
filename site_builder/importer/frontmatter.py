"""Front matter for an imported document: from the command's flags, or read from the document
("Meeting Name: ... Board (Children's)", "Meeting Date & Time: Monday 11 March 2024 13.00-15.00").
A value that is neither given nor found is an error naming its flag."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from redaction.errors import SourceError
from redaction.policy import Policy
from site_builder.project import format_date

MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
MONTHS |= {k[:3]: v for k, v in MONTHS.items()} | {"sept": 9}
MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
DATE_FORMS = [
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(\d{{4}})\b", re.I), ("d", "m", "y")),
    (re.compile(rf"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), ("m", "d", "y")),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), ("d", "m", "y")),  # British order
]
LABEL_VALUE = r"[ \t]*[:\-–]?[ \t]*\n?(?:[ \t]*\n)*[ \t]*([^\n]+)"
MEETING_DATE = re.compile(
    r"(?im)^[ \t]*(?:meeting[ \t]+)?date(?:[ \t]*(?:&|and)[ \t]*time)?(?:[ \t]+of[ \t]+meeting)?" + LABEL_VALUE
)
MEETING_NAME = re.compile(r"(?im)^[ \t]*(?:meeting(?:[ \t]+name)?|name[ \t]+of[ \t]+meeting)[ \t]*:" + LABEL_VALUE)
PUBLISH_DATE = re.compile(
    r"(?im)^[ \t]*(?:publication[ \t]+date|date[ \t]+of[ \t]+publication|published(?:[ \t]+on)?)" + LABEL_VALUE
)
REVIEW_TYPES = [
    (re.compile(r"\bsafeguarding\s+adults?\s+review\b|\bSAR\b", re.I), "sar"),
    (re.compile(r"\bchild\s+safeguarding\s+practice\s+review\b|\bLCSPR\b|\bCSPR\b", re.I), "lcspr"),
    (re.compile(r"\brapid\s+review\b", re.I), "rapid-review"),
    (re.compile(r"\bsingle[\s-]+agency\s+review\b", re.I), "single-agency"),
    (re.compile(r"\b(?:partnership|thematic|multi[\s-]*agency)\s+(?:learning\s+)?review\b", re.I), "partnership"),
]
SMALL = {"the", "and", "of", "&", "meeting", "minutes"}


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` (11 March 2024, 11th of March 2024, 2024-03-11, 11/03/2024)."""
    for rx, order in DATE_FORMS:
        m = rx.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month = parts["m"]
        month_n = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
        try:
            return dt.date(int(parts["y"]), month_n, int(parts["d"]))
        except ValueError:
            continue
    return None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("’", "")) if w not in SMALL}


def match_meeting(text: str, policy: Policy) -> str | None:
    """The one meeting type of the publish policy whose name (or key) the text names, or None."""
    words = _words(text)
    scores: dict[str, int] = {}
    for key, meeting in policy.meetings.items():
        for name in (meeting.name, key.replace("-", " ")):
            need = _words(name)
            if need and need <= words:
                scores[key] = max(scores.get(key, 0), len(need))
    if not scores:
        return None
    best = max(scores.values())
    winners = [k for k, v in scores.items() if v == best]
    return winners[0] if len(winners) == 1 else None


def review_type_of(text: str) -> str | None:
    for rx, kind in REVIEW_TYPES:
        if rx.search(text):
            return kind
    return None


@dataclass
class Front:
    kind: str  # "minutes" or "review"
    title: str
    date: dt.date
    meeting: str = ""
    review_type: str = ""

    def yaml(self) -> str:
        if self.kind == "minutes":
            data = {"title": self.title, "meeting": self.meeting, "date": self.date.isoformat()}
            return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n"
        data = {
            "title": self.title,
            "review_type": self.review_type,
            "status": "draft",
            "publish_on": self.date.isoformat(),
        }
        return (
            "---\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
            + "# Imported from Word. Before approval, replace 'people: to-complete' with each person the\n"
            + "# review is about, e.g.\n"
            + "#   people:\n"
            + "#     - pseudonym: Jay       # the name the text already uses\n"
            + "#       name: ...            # optional: a real name that must never be published\n"
            + "#       relation: subject\n"
            + "#   labels: [AA, BB]         # letter labels the text uses, if any\n"
            + "# or 'people: anonymised' if the reviewer's text holds no real names at all.\n"
            + "people: to-complete\n---\n"
        )


def decide(
    text: str,
    first_heading: str,
    policy: Policy,
    meeting: str | None,
    date: dt.date | None,
    title: str | None,
    review_type: str | None,
    file: str,
) -> Front:
    """Front matter from the flags, else from ``text`` (the document's plain text)."""
    head = text[:4000]
    is_review = bool(review_type) or (
        not meeting and not MEETING_DATE.search(head) and review_type_of(first_heading or head[:300]) is not None
    )
    if is_review:
        review_type = review_type or review_type_of(first_heading or head[:300])
        if not review_type:
            raise SourceError("missing --review-type (the document does not say which kind of review it is)", file=file)
        m = PUBLISH_DATE.search(head)
        date = date or (parse_date(m.group(1)) if m else None)
        if date is None:
            raise SourceError(
                "missing --date (the review's publication date, YYYY-MM-DD: none found in the document)", file=file
            )
        title = title or first_heading
        if not title:
            raise SourceError("missing --title (the document has no heading to take it from)", file=file)
        return Front("review", title, date, review_type=review_type)
    if meeting is None:
        m = MEETING_NAME.search(head)
        meeting = match_meeting(m.group(1) if m else head[:600], policy)
        if meeting is None:
            raise SourceError(
                f"missing --meeting (one of: {', '.join(policy.meetings)}; the document's meeting name did not "
                "name exactly one)",
                file=file,
            )
    elif meeting not in policy.meetings:
        raise SourceError(
            f"--meeting '{meeting}' is not a meeting type (known: {', '.join(policy.meetings)})", file=file
        )
    if date is None:
        m = MEETING_DATE.search(head)
        date = parse_date(m.group(1)) if m else None
        if date is None:
            raise SourceError("missing --date (YYYY-MM-DD: no 'Meeting Date:' found in the document)", file=file)
    title = title or f"{policy.meetings[meeting].name} – {format_date(date)}"
    return Front("minutes", title, date, meeting=meeting)
