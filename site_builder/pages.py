"""Generated pages: each published source's page, the minutes and board pages, and (through
:mod:`site_builder.reviews`) the review catalogue, learning briefings and the feeds.

Every page is built from the redacted titles, summaries and bodies and the dates, never from
source file names or raw front matter. ``stage.render`` stamps every page returned here, and
adds the feeds (:mod:`site_builder.reviews.feeds`) to the staged files.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from redaction.sources import Minutes, Review
from site_builder import minutes_pages, opendata
from site_builder.minutes_pages import breadcrumbs, minutes_nav
from site_builder.project import format_date
from site_builder.reviews import catalogue
from site_builder.reviews.catalogue import TYPE_PLURALS, link, type_path
from site_builder.reviews.review_page import briefing_page, easy_read_page, review_page, split_heading
from site_builder.reviews.vocab import load_themes

if TYPE_CHECKING:
    from site_builder.staged import Stage, StagedDoc

log = logging.getLogger(__name__)
__all__ = ["index_pages", "json_ld", "link", "source_page", "with_front_matter"]


def with_front_matter(body: str, title: str, stamp: str, jsonld: str = "") -> str:
    title_json = json.dumps(title, ensure_ascii=False)
    extra = f"openness_jsonld: {json.dumps(jsonld, ensure_ascii=False)}\n" if jsonld else ""
    return f"---\ntitle: {title_json}\nopenness_redaction: {json.dumps(stamp)}\n{extra}---\n\n{body}"


def json_ld(stage: Stage, doc: StagedDoc) -> str:
    """The schema.org data of a review (Report) or minutes (Event) page."""
    if isinstance(doc.source, Review):
        return opendata.review_json_ld(stage, doc)
    return opendata.minutes_json_ld(stage, doc)


def _entry(stage: Stage, doc: StagedDoc) -> catalogue.Entry:
    return next(e for e in catalogue.entries(stage) if e.path == doc.path)


def source_page(stage: Stage, doc: StagedDoc) -> str:
    src = doc.source
    if isinstance(src, Review):
        entry = _entry(stage, doc)
        crumbs = breadcrumbs(
            doc.path,
            [
                ("Home", "index.md"),
                ("Practice reviews", catalogue.INDEX),
                (TYPE_PLURALS[src.review_type], type_path(src.review_type)),
            ],
            entry.title,
        )
        page = review_page(src, entry, doc.body, load_themes(stage.project.root))
        return f"{crumbs}\n{page}\n"
    assert isinstance(src, Minutes)
    heading, rest = split_heading(doc.body, doc.title)
    meeting = stage.policy.meetings[src.meeting]
    intro = (
        f'<p class="openness-meta">Minutes of the {meeting.name} meeting held on '
        f"{format_date(src.date)}. Names of individuals have been removed.</p>"
    )
    crumbs, others = minutes_nav(stage, doc)
    return f"{crumbs}\n{heading}\n\n{intro}\n{rest.rstrip()}\n\n{others}\n"


def index_pages(stage: Stage) -> dict[str, str]:
    """The minutes and board pages, the review catalogue, its filter pages, the learning briefings
    and the open data page."""
    out: dict[str, str] = {minutes_pages.INDEX: minutes_pages.index_page(stage)}
    for key, meeting in stage.policy.meetings.items():
        if meeting.publish:
            out[minutes_pages.board_path(key)] = minutes_pages.board_page(stage, key)
    out.update(review_pages(stage))
    out[opendata.PAGE] = opendata.open_data_page(stage)
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
        trail = [("Home", "index.md"), ("Practice reviews", catalogue.INDEX), (entry.title, entry.path)]
        page = briefing_page(doc.source, entry, doc.body, themes)
        out[entry.briefing_path] = breadcrumbs(entry.briefing_path, trail, "Learning briefing") + "\n" + page
        if doc.easy_read:
            page = easy_read_page(doc.source, entry, doc.easy_read)
            out[entry.easy_read_path] = breadcrumbs(entry.easy_read_path, trail, "Easy Read") + "\n" + page
    return out
