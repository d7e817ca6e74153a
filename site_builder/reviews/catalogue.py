"""The review catalogue as data, its filters, and its pages (list, type/year/theme pages, archive).

Filtering needs no JavaScript: each type, year and theme has its own static page, linked from
the catalogue. Everything shown comes from the staged (redacted) documents: titles and summaries
are the redacted ones; withheld, embargoed and draft reviews are never staged, so never listed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redaction.sources import Review
from redaction.vocabulary import review_types
from site_builder.project import format_date
from site_builder.reviews.rules import is_archived

if TYPE_CHECKING:
    from site_builder.staged import Stage

log = logging.getLogger(__name__)

TYPE_NAMES = {key: t["name"] for key, t in review_types().items()}
TYPE_PLURALS = {key: t["plural"] for key, t in review_types().items()}
INDEX = "reviews/index.md"
ARCHIVE = "reviews/archive.md"


@dataclass(frozen=True)
class Entry:
    """One published review in the catalogue (redacted title and summary only)."""

    path: str
    title: str
    review_type: str
    published: dt.date
    themes: tuple[str, ...]
    summary: str
    archived: bool

    @property
    def year(self) -> int:
        return self.published.year

    @property
    def folder(self) -> str:
        """The review's own folder: its page is ``index.md`` there, with its briefing and Easy Read."""
        return self.path.removesuffix(".md").removesuffix("/index")

    @property
    def briefing_path(self) -> str:
        return f"{self.folder}/briefing.md"

    @property
    def easy_read_path(self) -> str:
        return f"{self.folder}/easy-read.md"


def entries(stage: Stage) -> list[Entry]:
    """Every staged review, newest first."""
    out = []
    for doc in stage.docs:
        src = doc.source
        if isinstance(src, Review):
            archived = is_archived(src, stage.as_of, stage.policy.retention_days)
            out.append(
                Entry(doc.path, doc.title, src.review_type, src.publish_on, tuple(src.themes), doc.summary, archived)
            )
    return sorted(out, key=lambda e: (e.published, e.path), reverse=True)


def filter_entries(
    items: list[Entry],
    *,
    review_type: str | None = None,
    year: int | None = None,
    theme: str | None = None,
    archived: bool | None = False,
) -> list[Entry]:
    """The entries matching every given filter. ``archived=None`` keeps current and archived."""
    return [
        e
        for e in items
        if (review_type is None or e.review_type == review_type)
        and (year is None or e.year == year)
        and (theme is None or theme in e.themes)
        and (archived is None or e.archived == archived)
    ]


def facets(items: list[Entry]) -> dict[str, Counter[str]]:
    """Counts per type, year and theme over ``items``: the filters that have something to show."""
    return {
        "type": Counter(e.review_type for e in items),
        "year": Counter(str(e.year) for e in items),
        "theme": Counter(t for e in items for t in e.themes),
    }


def type_path(key: str) -> str:
    return f"reviews/type/{key}.md"


def year_path(year: int | str) -> str:
    return f"reviews/year/{year}.md"


def theme_path(key: str) -> str:
    return f"reviews/theme/{key}.md"


def link(from_path: str, to_path: str) -> str:
    """Relative Markdown link between two docs paths."""
    return "../" * from_path.count("/") + to_path


def breadcrumbs(here: str, trail: list[tuple[str, str]], current: str) -> str:
    """A breadcrumb trail: links (label, docs path) then the current page, not linked."""
    items = [f"{i}. [{label}]({link(here, path)})" for i, (label, path) in enumerate(trail, 1)]
    items.append(f'{len(trail) + 1}. <span aria-current="page">{current}</span>')
    return (
        '<nav class="openness-breadcrumbs" aria-label="You are here" markdown="1">\n\n'
        + "\n".join(items)
        + "\n\n</nav>\n"
    )


def theme_links(here: str, keys: tuple[str, ...], themes: dict[str, str]) -> str:
    return ", ".join(f"[{themes[k]}]({link(here, theme_path(k))})" for k in keys if k in themes)


def short_title(title: str, review_type: str) -> str:
    """The title without its leading type ("Safeguarding Adults Review: Adult M - ..." under the
    heading "Safeguarding Adults Reviews" reads "Adult M - ...")."""
    head, sep, rest = title.partition(":")
    words = {w.lower() for w in TYPE_NAMES[review_type].split()}
    if sep and rest.strip() and "review" in head.lower() and {w.lower() for w in head.split()} <= words | {"review"}:
        return rest.strip()
    return title


def entry_lines(here: str, items: list[Entry], themes: dict[str, str], grouped_by_type: bool = False) -> list[str]:
    """One item per review: its title as a link, then its date and summary once (the type is in
    the title or in the heading above, never repeated), then its themes."""
    lines = []
    for e in items:
        title = short_title(e.title, e.review_type) if grouped_by_type else e.title
        detail = f"Published {format_date(e.published)}."
        if e.summary:
            detail += f" {e.summary.strip()}"
        if e.themes:
            detail += f"  \n  Themes: {theme_links(here, e.themes, themes)}."
        lines.append(f"- [{title}]({link(here, e.path)})  \n  {detail}")
    return lines


def filter_menu(here: str, items: list[Entry], themes: dict[str, str]) -> list[str]:
    """Links to the type, year and theme pages, with counts (plain links: no JavaScript needed)."""
    f = facets(items)
    by_type = [f"[{TYPE_PLURALS[k]}]({link(here, type_path(k))}) ({f['type'][k]})" for k in TYPE_NAMES if f["type"][k]]
    by_year = [f"[{y}]({link(here, year_path(y))}) ({f['year'][y]})" for y in sorted(f["year"], reverse=True)]
    by_theme = [
        f"[{label}]({link(here, theme_path(k))}) ({f['theme'][k]})" for k, label in themes.items() if f["theme"][k]
    ]
    if not items:
        return []
    return [
        "## Find a review",
        "",
        "- By type: " + " · ".join(by_type),
        "- By year: " + " · ".join(by_year),
        "- By theme: " + " · ".join(by_theme),
        "",
    ]


def listing(
    here: str,
    title: str,
    intro: str,
    current: list[Entry],
    archived: list[Entry],
    themes: dict[str, str],
    grouped_by_type: bool = False,
) -> str:
    lines = [breadcrumbs(here, [("Home", "index.md"), ("Practice reviews", INDEX)], title), f"# {title}", "", intro, ""]
    lines += (
        entry_lines(here, current, themes, grouped_by_type) if current else ["No reviews here are in the current list."]
    )
    if archived:
        lines += ["", "## In the archive", "", *entry_lines(here, archived, themes, grouped_by_type)]
    lines += ["", f"[All practice reviews]({link(here, INDEX)})"]
    return "\n".join(lines) + "\n"


def catalogue_pages(stage: Stage, themes: dict[str, str], withheld: int) -> dict[str, tuple[str, str]]:
    """Path -> (title, Markdown) of the catalogue, its filter pages and the archive."""
    items = entries(stage)
    current = [e for e in items if not e.archived]
    old = [e for e in items if e.archived]
    out: dict[str, tuple[str, str]] = {}
    f = facets(items)
    for key in f["type"]:
        out[type_path(key)] = (
            TYPE_PLURALS[key],
            listing(
                type_path(key),
                TYPE_PLURALS[key],
                f"Every published {TYPE_NAMES[key]}, newest first.",
                filter_entries(items, review_type=key),
                filter_entries(items, review_type=key, archived=True),
                themes,
                grouped_by_type=True,
            ),
        )
    for year in f["year"]:
        title = f"Reviews published in {year}"
        out[year_path(year)] = (
            title,
            listing(
                year_path(year),
                title,
                "Newest first.",
                filter_entries(items, year=int(year)),
                filter_entries(items, year=int(year), archived=True),
                themes,
            ),
        )
    for key in f["theme"]:
        title = f"Reviews about {themes[key].lower()}" if key in themes else key
        out[theme_path(key)] = (
            title,
            listing(
                theme_path(key),
                title,
                f"Reviews with the theme: {themes.get(key, key)}.",
                filter_entries(items, theme=key),
                filter_entries(items, theme=key, archived=True),
                themes,
            ),
        )
    days = stage.policy.retention_days
    out[ARCHIVE] = (
        "Archive of practice reviews",
        listing(
            ARCHIVE,
            "Archive of practice reviews",
            f"Reviews published more than {days} days ago. They stay available here: no published review is removed.",
            old,
            [],
            themes,
        ),
    )
    out[INDEX] = ("Practice reviews", index_page(current, old, items, themes, withheld))
    return out


def index_page(
    current: list[Entry], old: list[Entry], items: list[Entry], themes: dict[str, str], withheld: int
) -> str:
    here = INDEX
    lines = [
        breadcrumbs(here, [("Home", "index.md")], "Practice reviews"),
        "# Practice reviews",
        "",
        f"New publications: [news feed (Atom)]({link(here, 'feed.xml')}) · "
        f"[board meetings calendar (iCalendar)]({link(here, 'meetings.ics')})",
        "",
    ]
    lines += filter_menu(here, items, themes)
    if not items:
        lines += ["No practice reviews have been published yet.", ""]
    elif not current:
        lines += ["No reviews are in the current list: every published review is in the archive.", ""]
    for key, plural in TYPE_PLURALS.items():
        group = filter_entries(current, review_type=key)
        if group:
            lines += [f"## {plural}", "", *entry_lines(here, group, themes, grouped_by_type=True), ""]
    if old:
        lines += [f"Older reviews are in the [archive]({link(here, ARCHIVE)}) ({len(old)}).", ""]
    if withheld:
        lines += [
            "## Withheld reviews",
            "",
            ("One review cannot" if withheld == 1 else f"{withheld} reviews cannot")
            + " be published at present, for example because of criminal proceedings. "
            + ("It" if withheld == 1 else "They")
            + " will be published when that is possible.",
            "",
        ]
    return "\n".join(lines)
