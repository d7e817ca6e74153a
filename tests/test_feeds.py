"""feed.xml (Atom) and meetings.ics (iCalendar): they parse, one entry per publication, right links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import icalendar
import pytest
from helpers import REPO

from redaction.policy import load_policy
from redaction.redactor import Redacted
from redaction.sources import Minutes, Review
from site_builder.context import Context
from site_builder.project import Project
from site_builder.reviews.feeds import atom_feed, feed_files, meetings_calendar, page_url
from site_builder.staged import Stage, StagedDoc

D = dt.date.fromisoformat


def make_stage(tmp_path: Path, config: str) -> Stage:
    (tmp_path / "mkdocs.yml").write_text("site_name: Test & Partnership\n" + config, encoding="utf-8")
    minutes = [
        Minutes(Path("m.md"), f"minutes/{k}.md", "RAW", "", meeting=k, date=D(day))
        for k, day in [("childrens-board", "2026-03-10"), ("adults-board", "2026-02-03")]
    ]
    review = Review(
        Path("r.md"),
        "reviews/r.md",
        "RAW TITLE",
        "",
        review_type="sar",
        status="approved",
        publish_on=D("2026-05-20"),
        summary="RAW SUMMARY",
    )
    ctx = Context(Project(tmp_path), D("2026-11-22"), load_policy(REPO), tuple(minutes), (review,))
    docs = [
        StagedDoc(m, f"minutes/{m.meeting}/2026/{m.date.isoformat()}.md", f"Board <{m.meeting}> & co", "", Redacted(""))
        for m in minutes
    ]
    docs.append(
        StagedDoc(
            review, "reviews/sar/2026/adult-m.md", "Review: Adult M", "", Redacted(""), summary="Redacted summary."
        )
    )
    return Stage(ctx, docs=tuple(docs))


@pytest.mark.parametrize(
    ("config", "link"),
    [
        ("", "reviews/sar/2026/adult-m/"),
        ("site_url: https://example.org/sp/\n", "https://example.org/sp/reviews/sar/2026/adult-m/"),
        ("use_directory_urls: false\n", "reviews/sar/2026/adult-m.html"),
    ],
)
def test_when_feed_built_then_it_parses_with_one_entry_per_publication(tmp_path: Path, config: str, link: str) -> None:
    feed = feedparser.parse(atom_feed(make_stage(tmp_path, config)))
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert len(feed.entries) == 3
    assert feed.entries[0].title == "Review: Adult M" and feed.entries[0].summary == "Redacted summary."
    assert feed.entries[0].link == link
    titles = {e.title for e in feed.entries[1:]}
    assert titles == {"Board <childrens-board> & co", "Board <adults-board> & co"}
    assert "RAW" not in atom_feed(make_stage(tmp_path, config))


@pytest.mark.parametrize(
    ("doc_path", "config", "url"),
    [
        ("index.md", {}, "./"),
        ("minutes/adults-board/index.md", {}, "minutes/adults-board/"),
        ("minutes/adults-board/index.md", {"site_url": "https://x.org"}, "https://x.org/minutes/adults-board/"),
        ("a/b.md", {"use_directory_urls": False}, "a/b.html"),
    ],
)
def test_when_docs_path_then_page_url(doc_path: str, config: dict[str, object], url: str) -> None:
    assert page_url(doc_path, config) == url


def test_when_calendar_built_then_it_parses_with_past_and_next_board_meetings(tmp_path: Path) -> None:
    cal = icalendar.Calendar.from_ical(meetings_calendar(make_stage(tmp_path, "")))
    events = sorted((e.decoded("dtstart"), str(e.get("summary"))) for e in cal.walk("VEVENT"))
    adults, children = "Adults' Board meeting", "Children's Board meeting"
    assert events == [
        (D("2026-02-03"), adults),
        (D("2026-03-10"), children),
        (D("2026-12-08"), children),
        (D("2027-01-19"), adults),
    ]
    assert all(e.get("uid") and e.get("dtstamp") for e in cal.walk("VEVENT"))


def test_when_feed_files_then_both_at_site_root(tmp_path: Path) -> None:
    assert set(feed_files(make_stage(tmp_path, ""))) == {"feed.xml", "meetings.ics"}
