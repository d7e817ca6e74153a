"""Generated pages: each published source's page, and the indexes of minutes and reviews.

Index pages are built from the redacted titles and the dates, never from source file names.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from redaction.sources import Minutes, Review
from site_builder.project import format_date

if TYPE_CHECKING:
    from site_builder.stage import Stage, StagedDoc

REVIEW_TYPE_NAMES = {
    "lcspr": "Local Child Safeguarding Practice Review",
    "sar": "Safeguarding Adults Review",
    "partnership": "Partnership review",
    "single-agency": "Single-agency review",
    "rapid-review": "Rapid review learning",
}


def with_front_matter(body: str, title: str, stamp: str) -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nopenness_redaction: {json.dumps(stamp)}\n---\n\n{body}"


def _ensure_heading(body: str, title: str) -> str:
    stripped = body.lstrip()
    if stripped.startswith("# "):
        first, _, rest = stripped.partition("\n")
        return first, rest
    return f"# {title}", body


def source_page(stage: Stage, doc: StagedDoc) -> str:
    heading, rest = _ensure_heading(doc.body, doc.title)
    src = doc.source
    if isinstance(src, Minutes):
        meeting = stage.policy.meetings[src.meeting]
        intro = (f'<p class="openness-meta">Minutes of the {meeting.name} meeting held on '
                 f"{format_date(src.date)}. Names of individuals have been removed.</p>")
    else:
        assert isinstance(src, Review)
        intro = (f'<p class="openness-meta">{REVIEW_TYPE_NAMES[src.review_type]}. '
                 f"Published {format_date(src.publish_on)}.</p>")
    return f"{heading}\n\n{intro}\n{rest.rstrip()}\n"


def link(from_path: str, to_path: str) -> str:
    """Relative Markdown link between two docs paths."""
    depth = from_path.count("/")
    return "../" * depth + to_path


def index_pages(stage: Stage) -> dict[str, str]:
    out: dict[str, str] = {}
    by_meeting: dict[str, list[StagedDoc]] = defaultdict(list)
    reviews: list[StagedDoc] = []
    for doc in stage.docs:
        if isinstance(doc.source, Minutes):
            by_meeting[doc.source.meeting].append(doc)
        else:
            reviews.append(doc)
    lines = ["# Minutes", "", "We publish the minutes of these meetings. Other meetings are private: "
             "see the [Openness Statement](../openness-statement.md).", ""]
    for key, meeting in stage.policy.meetings.items():
        if not meeting.publish:
            continue
        lines.append(f"- [{meeting.name}]({key}/index.md)")
        out[f"minutes/{key}/index.md"] = board_page(stage, key, by_meeting.get(key, []))
    out["minutes/index.md"] = "\n".join(lines) + "\n"
    out["reviews/index.md"] = reviews_index(stage, reviews)
    return out


def board_page(stage: Stage, key: str, docs: list[StagedDoc]) -> str:
    meeting = stage.policy.meetings[key]
    here = f"minutes/{key}/index.md"
    lines = [f"# {meeting.name}", ""]
    if meeting.next_meeting and meeting.next_meeting >= stage.as_of:
        lines += [f"Next meeting: {format_date(meeting.next_meeting)}.", ""]
    years: dict[int, list[StagedDoc]] = defaultdict(list)
    for d in docs:
        assert isinstance(d.source, Minutes)
        years[d.source.date.year].append(d)
    if not years:
        lines.append("No minutes have been published yet.")
    for year in sorted(years, reverse=True):
        lines += [f"## {year}", ""]
        for d in sorted(years[year], key=lambda d: d.source.date, reverse=True):  # type: ignore[attr-defined]
            lines.append(f"- [{format_date(d.source.date)}]({link(here, d.path)})")  # type: ignore[attr-defined]
        lines.append("")
    return "\n".join(lines) + "\n"


def reviews_index(stage: Stage, docs: list[StagedDoc]) -> str:
    here = "reviews/index.md"
    lines = ["# Practice reviews", ""]
    by_type: dict[str, list[StagedDoc]] = defaultdict(list)
    for d in docs:
        assert isinstance(d.source, Review)
        by_type[d.source.review_type].append(d)
    if not docs:
        lines.append("No reviews have been published yet.")
    for rtype, name in REVIEW_TYPE_NAMES.items():
        if rtype not in by_type:
            continue
        lines += [f"## {name}s" if not name.endswith("learning") else f"## {name}", ""]
        for d in sorted(by_type[rtype], key=lambda d: d.source.publish_on, reverse=True):  # type: ignore[attr-defined]
            when = format_date(d.source.publish_on)  # type: ignore[attr-defined]
            lines.append(f"- [{d.title}]({link(here, d.path)}) (published {when})")
        lines.append("")
    if stage.policy.show_withheld:
        withheld = [r for r in stage.reviews if r.status == "withheld"]
        if withheld:
            lines += ["## Withheld reviews", "",
                      f"{len(withheld)} review(s) cannot be published at present, for example because of "
                      "criminal proceedings. They will be published when that is possible.", ""]
    return "\n".join(lines) + "\n"
