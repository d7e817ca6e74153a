"""Generated pages: each published source's page, the minutes and board pages, and (through
:mod:`site_builder.reviews`) the review catalogue, learning briefings and the feeds.

Every page is built from the redacted titles, summaries and bodies and the dates, never from
source file names or raw front matter. ``stage.render`` stamps every page returned here, and
adds the feeds (:mod:`site_builder.reviews.feeds`) to the staged files.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

from redaction.sources import Minutes, Review
from site_builder.project import format_date
from site_builder.reviews import catalogue, feeds
from site_builder.reviews.catalogue import link
from site_builder.reviews.review_page import briefing_page, easy_read_page, review_page, split_heading
from site_builder.reviews.vocab import load_themes

if TYPE_CHECKING:
    from site_builder.stage import Stage, StagedDoc

log = logging.getLogger(__name__)
__all__ = ["board_page", "index_pages", "link", "source_page", "with_front_matter"]


def with_front_matter(body: str, title: str, stamp: str) -> str:
    title_json = json.dumps(title, ensure_ascii=False)
    return f"---\ntitle: {title_json}\nopenness_redaction: {json.dumps(stamp)}\n---\n\n{body}"


def _entry(stage: Stage, doc: StagedDoc) -> catalogue.Entry:
    return next(e for e in catalogue.entries(stage) if e.path == doc.path)


def source_page(stage: Stage, doc: StagedDoc) -> str:
    src = doc.source
    if isinstance(src, Review):
        return review_page(src, _entry(stage, doc), doc.body, load_themes(stage.project.root))
    assert isinstance(src, Minutes)
    heading, rest = split_heading(doc.body, doc.title)
    meeting = stage.policy.meetings[src.meeting]
    intro = (
        f'<p class="openness-meta">Minutes of the {meeting.name} meeting held on '
        f"{format_date(src.date)}. Names of individuals have been removed.</p>"
    )
    return f"{heading}\n\n{intro}\n{rest.rstrip()}\n"


def index_pages(stage: Stage) -> dict[str, str]:
    """The minutes and board pages, the review catalogue, its filter pages and the learning briefings."""
    out: dict[str, str] = {}
    by_meeting: dict[str, list[StagedDoc]] = defaultdict(list)
    for doc in stage.docs:
        if isinstance(doc.source, Minutes):
            by_meeting[doc.source.meeting].append(doc)
    here = "minutes/index.md"
    lines = [
        "# Minutes",
        "",
        "We publish the minutes of these meetings. Other meetings are private: "
        f"see the [Openness Statement]({link(here, 'openness-statement.md')}).",
        "",
    ]
    for key, meeting in stage.policy.meetings.items():
        if not meeting.publish:
            continue
        lines.append(f"- [{meeting.name}]({key}/index.md)")
        path = f"minutes/{key}/index.md"
        out[path] = board_page(stage, key, by_meeting.get(key, []))
    lines += [
        "",
        f"New publications: [news feed (Atom)]({link(here, feeds.FEED)}) · "
        f"[board meetings calendar (iCalendar)]({link(here, feeds.CALENDAR)})",
    ]
    out[here] = "\n".join(lines) + "\n"
    out.update(review_pages(stage))
    return out


def review_pages(stage: Stage) -> dict[str, str]:
    """The catalogue, its filter and archive pages, and a learning briefing per review."""
    themes = load_themes(stage.project.root)
    withheld = sum(r.status == "withheld" for r in stage.reviews) if stage.policy.show_withheld else 0
    out = {path: body for path, (_, body) in catalogue.catalogue_pages(stage, themes, withheld).items()}
    docs = {doc.path: doc for doc in stage.docs}
    for entry in catalogue.entries(stage):
        doc = docs[entry.path]
        assert isinstance(doc.source, Review)
        if entry.briefing_path in docs or entry.briefing_path in out:
            log.warning("%s: no learning briefing: its page name is taken", doc.source.rel)
            continue
        out[entry.briefing_path] = briefing_page(doc.source, entry, doc.body, themes)
        if doc.easy_read:
            out[entry.easy_read_path] = easy_read_page(doc.source, entry, doc.easy_read)
    return out


def board_page(stage: Stage, key: str, docs: list[StagedDoc]) -> str:
    """A meeting's page: its next meeting (for boards) and its published minutes by year."""
    meeting = stage.policy.meetings[key]
    here = f"minutes/{key}/index.md"
    lines = [f"# {meeting.name}", ""]
    if meeting.board:
        if meeting.next_meeting and meeting.next_meeting >= stage.as_of:
            lines += [f"Next meeting: {format_date(meeting.next_meeting)}.", ""]
        lines += [
            f"Add the Boards' meetings to your calendar: [meetings calendar (iCalendar)]"
            f"({link(here, feeds.CALENDAR)}).",
            "",
        ]
    years: dict[int, list[tuple[Minutes, StagedDoc]]] = defaultdict(list)
    for d in docs:
        assert isinstance(d.source, Minutes)
        years[d.source.date.year].append((d.source, d))
    if not years:
        lines.append("No minutes have been published yet.")
    for year in sorted(years, reverse=True):
        lines += [f"## {year}", ""]
        for src, d in sorted(years[year], key=lambda pair: pair[0].date, reverse=True):
            lines.append(f"- [{format_date(src.date)}]({link(here, d.path)})")
        lines.append("")
    return "\n".join(lines) + "\n"
