"""``feed.xml`` (Atom) of every publication, and ``meetings.ics`` (iCalendar) of the boards' meetings.

Entries come from the staged (redacted) documents only: one per published minutes or review,
titled with its redacted title. Links are absolute when mkdocs.yml sets ``site_url``, otherwise
relative to the site root (where both files live), which feed readers resolve against the feed's
own address. Output is deterministic: dates come from the sources and the build date only.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

import icalendar

from redaction.errors import ConfigError
from redaction.sources import Minutes, Review
from site_builder.project import Project, format_date, slugify
from site_builder.reviews.catalogue import TYPE_NAMES

if TYPE_CHECKING:
    from site_builder.staged import Stage

log = logging.getLogger(__name__)
FEED = "feed.xml"
CALENDAR = "meetings.ics"


def site_config(project: Project) -> dict[str, Any]:
    """mkdocs.yml as data (empty if unreadable: the generator reports that itself)."""
    try:
        return project.mkdocs_config
    except ConfigError:
        return {}


def page_url(doc_path: str, config: dict[str, Any]) -> str:
    """The URL of a docs page: absolute under ``site_url`` if set, else relative to the site root."""
    base = doc_path.removesuffix(".md")
    if not config.get("use_directory_urls", True):
        rel = base + ".html"
    elif base == "index" or base.endswith("/index"):
        rel = base.removesuffix("index")
    else:
        rel = base + "/"
    site_url = str(config.get("site_url") or "")
    return (site_url.rstrip("/") + "/" + rel) if site_url else (rel or "./")


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entry_id(name: str, url: str, doc_path: str, day: dt.date) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return f"tag:{slugify(name)}.invalid,{day.isoformat()}:{doc_path.removesuffix('.md')}"


def atom_feed(stage: Stage) -> str:
    """An Atom 1.0 feed with one entry per published minutes or review, newest first."""
    config = site_config(stage.project)
    name = str(config.get("site_name") or "Publications")
    items = []
    for doc in stage.docs:
        src = doc.source
        if isinstance(src, Minutes):
            day, kind = src.date, "minutes"
            meeting = stage.policy.meetings[src.meeting].name
            summary = f"Minutes of the {meeting} meeting held on {format_date(day)}."
        elif isinstance(src, Review):
            day, kind = src.publish_on, "review"
            summary = doc.summary or f"{TYPE_NAMES[src.review_type]} published {format_date(day)}."
        else:
            continue
        items.append((day, doc.path, doc.title, kind, summary))
    items.sort(key=lambda i: (i[0], i[1]), reverse=True)
    updated = items[0][0] if items else stage.as_of
    home = page_url("index.md", config)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
        f"  <title>{escape(name)}: new publications</title>",
        f"  <id>{escape(_entry_id(name, home, 'index', updated))}</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(name)}</name></author>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
    ]
    site_url = str(config.get("site_url") or "")
    if site_url:
        self_url = quoteattr(site_url.rstrip("/") + "/" + FEED)
        lines.append(f'  <link rel="self" type="application/atom+xml" href={self_url}/>')
    for day, path, title, kind, summary in items:
        url = page_url(path, config)
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <link href={quoteattr(url)}/>",
            f"    <id>{escape(_entry_id(name, url, path, day))}</id>",
            f"    <updated>{_stamp(day)}</updated>",
            f"    <published>{_stamp(day)}</published>",
            f'    <category term="{kind}"/>',
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def meetings_calendar(stage: Stage) -> str:
    """iCalendar of every board's published meetings and its next meeting (all-day events)."""
    config = site_config(stage.project)
    name = str(config.get("site_name") or "Safeguarding Partnership")
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{name}//openness//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{name}: board meetings")
    stamp = dt.datetime.combine(stage.as_of, dt.time(), tzinfo=dt.UTC)
    host = slugify(name) + ".invalid"
    events: list[tuple[dt.date, str, str, str | None]] = []
    for doc in stage.docs:
        src = doc.source
        if isinstance(src, Minutes) and stage.policy.meetings[src.meeting].board:
            events.append((src.date, src.meeting, "Minutes published", page_url(doc.path, config)))
    for key, meeting in stage.policy.meetings.items():
        if meeting.board and meeting.publish and meeting.next_meeting and meeting.next_meeting >= stage.as_of:
            board_url = page_url(f"minutes/{key}/index.md", config)
            events.append((meeting.next_meeting, key, "Next meeting", board_url))
    for day, key, note, url in sorted(set(events)):
        event = icalendar.Event()
        event.add("uid", f"{key}-{day.isoformat()}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"{stage.policy.meetings[key].name} meeting")
        event.add("description", f"{note}." if not url else f"{note}: {url}")
        if url and url.startswith(("http://", "https://")):
            event.add("url", url)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def feed_files(stage: Stage) -> dict[str, str]:
    """The extra (non-Markdown) files to stage at the site root."""
    return {FEED: atom_feed(stage), CALENDAR: meetings_calendar(stage)}
