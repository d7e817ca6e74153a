"""The minutes pages: the minutes index, each board's page and the navigation on each set of minutes.

* The index answers "what was decided lately?": the latest meeting of each board with its date,
  then each board's minutes by year.
* Each set of minutes has breadcrumbs (Home > Minutes > board) and "Other meetings of this board":
  the previous and next published meeting and the board's page.

Everything shown is a meeting name from the publish policy, a date, or a redacted title.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from redaction.sources import Minutes
from site_builder.project import format_date
from site_builder.reviews import feeds
from site_builder.reviews.catalogue import breadcrumbs, link

if TYPE_CHECKING:
    from site_builder.staged import Stage, StagedDoc

INDEX = "minutes/index.md"


def board_path(key: str) -> str:
    return f"minutes/{key}/index.md"


def by_board(stage: Stage) -> dict[str, list[StagedDoc]]:
    """Published minutes per meeting type, newest first."""
    out: dict[str, list[StagedDoc]] = defaultdict(list)
    for doc in stage.docs:
        if isinstance(doc.source, Minutes):
            out[doc.source.meeting].append(doc)
    for docs in out.values():
        docs.sort(key=lambda d: (_date(d), d.path), reverse=True)
    return out


def _date(doc: StagedDoc) -> str:
    assert isinstance(doc.source, Minutes)
    return doc.source.date.isoformat()


def minutes_nav(stage: Stage, doc: StagedDoc) -> tuple[str, str]:
    """(breadcrumbs, "Other meetings of this board") for one set of minutes."""
    src = doc.source
    assert isinstance(src, Minutes)
    meeting = stage.policy.meetings[src.meeting]
    here = doc.path
    crumbs = breadcrumbs(
        here, [("Home", "index.md"), ("Minutes", INDEX), (meeting.name, board_path(src.meeting))], format_date(src.date)
    )
    siblings = by_board(stage)[src.meeting]  # newest first
    i = siblings.index(doc)
    newer = siblings[i - 1] if i > 0 else None
    older = siblings[i + 1] if i + 1 < len(siblings) else None
    lines = [
        '<nav class="openness-pager" aria-label="Other meetings of this board" markdown="1">',
        "",
        "## Other meetings of this board",
        "",
    ]
    for label, other in (("Previous meeting", older), ("Next meeting", newer)):
        if other is not None:
            assert isinstance(other.source, Minutes)
            lines.append(f"- {label}: [{format_date(other.source.date)}]({link(here, other.path)})")
    if older is None and newer is None:
        lines.append(f"- This is the only published meeting of the {meeting.name} so far.")
    lines += [f"- [All {meeting.name} minutes]({link(here, board_path(src.meeting))})", "", "</nav>", ""]
    return crumbs, "\n".join(lines)


def _year_lists(here: str, docs: list[StagedDoc], heading: str) -> list[str]:
    years: dict[int, list[StagedDoc]] = defaultdict(list)
    for d in docs:
        assert isinstance(d.source, Minutes)
        years[d.source.date.year].append(d)
    lines: list[str] = []
    for year in sorted(years, reverse=True):
        lines += [f"{heading} {year}", ""]
        for d in years[year]:
            assert isinstance(d.source, Minutes)
            lines.append(f"- [{format_date(d.source.date)}]({link(here, d.path)})")
        lines.append("")
    return lines


def index_page(stage: Stage) -> str:
    """The minutes index: latest meeting of each board, then each board's minutes by year."""
    here = INDEX
    boards = by_board(stage)
    published = [(k, m) for k, m in stage.policy.meetings.items() if m.publish]
    lines = [
        breadcrumbs(here, [("Home", "index.md")], "Minutes"),
        "# Minutes",
        "",
        "We publish the minutes of these meetings. Other meetings are private: "
        f"see the [Openness Statement]({link(here, 'openness-statement.md')}).",
        "",
        "## Latest meetings",
        "",
    ]
    for key, meeting in published:
        docs = boards.get(key, [])
        if docs:
            latest = docs[0]
            assert isinstance(latest.source, Minutes)
            lines.append(f"- {meeting.name}: [{format_date(latest.source.date)}]({link(here, latest.path)})")
        else:
            lines.append(f"- {meeting.name}: no minutes have been published yet.")
    lines.append("")
    for key, meeting in published:
        lines += [f"## {meeting.name}", ""]
        if meeting.next_meeting and meeting.next_meeting >= stage.as_of:
            lines += [f"Next meeting: {format_date(meeting.next_meeting)}.", ""]
        docs = boards.get(key, [])
        if not docs:
            lines += [f"No minutes of the {meeting.name} have been published yet.", ""]
        lines += _year_lists(here, docs, "###")
        lines += [f"[{meeting.name} page]({link(here, board_path(key))})", ""]
    lines += [
        f"New publications: [news feed (Atom)]({link(here, feeds.FEED)}) · "
        f"[board meetings calendar (iCalendar)]({link(here, feeds.CALENDAR)}) · "
        f"[open data]({link(here, 'open-data.md')})",
    ]
    return "\n".join(lines) + "\n"


def board_page(stage: Stage, key: str) -> str:
    """A board's page: its next meeting (for boards) and its published minutes by year."""
    meeting = stage.policy.meetings[key]
    here = board_path(key)
    lines = [breadcrumbs(here, [("Home", "index.md"), ("Minutes", INDEX)], meeting.name), f"# {meeting.name}", ""]
    if meeting.board:
        if meeting.next_meeting and meeting.next_meeting >= stage.as_of:
            lines += [f"Next meeting: {format_date(meeting.next_meeting)}.", ""]
        lines += [
            f"Add the Boards' meetings to your calendar: [meetings calendar (iCalendar)]"
            f"({link(here, feeds.CALENDAR)}).",
            "",
        ]
    docs = by_board(stage).get(key, [])
    if not docs:
        lines.append(f"No minutes of the {meeting.name} have been published yet.")
    lines += _year_lists(here, docs, "##")
    return "\n".join(lines) + "\n"
