"""A published review's page and its printable learning briefing, both from the redacted text.

The review page shows the title, the type in words, the publication date, the themes, the
(redacted) summary and the body: what happened, the learning and the recommendations. The
briefing keeps what a practitioner needs on paper: summary, themes, learning, recommendations.
"""

from __future__ import annotations

import logging
import re

from redaction.sources import Review
from site_builder.project import format_date
from site_builder.reviews.catalogue import TYPE_NAMES, Entry, link, theme_links

log = logging.getLogger(__name__)

SECTION = re.compile(r"^## +(.+?)\s*$", re.M)
BRIEFING_SECTIONS = ("learning", "recommendation", "what went well")


def split_heading(body: str, title: str) -> tuple[str, str]:
    """(the ``# heading`` line, the rest): the body's own heading, else one from the title."""
    stripped = body.lstrip()
    if stripped.startswith("# "):
        first, _, rest = stripped.partition("\n")
        return first, rest
    return f"# {title}", body


def sections(body: str) -> list[tuple[str, str]]:
    """The body's ``## `` sections as (heading, text), in order."""
    marks = list(SECTION.finditer(body))
    return [
        (m.group(1), body[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(body)].strip())
        for i, m in enumerate(marks)
    ]


def briefing_sections(body: str) -> list[tuple[str, str]]:
    """The learning and recommendations sections (and what went well)."""
    return [(h, t) for h, t in sections(body) if any(w in h.lower() for w in BRIEFING_SECTIONS)]


def meta_line(review: Review, title: str = "") -> str:
    """The date line under the title; the type too, unless the title already says it."""
    kind = TYPE_NAMES[review.review_type]
    said = kind.lower() in title.lower()
    return f'<p class="openness-meta">{"" if said else kind + ". "}Published {format_date(review.publish_on)}.</p>'


def review_page(review: Review, entry: Entry, body: str, themes: dict[str, str]) -> str:
    """The Markdown of a published review's page (``body`` is the redacted body)."""
    here = entry.path
    heading, rest = split_heading(body, entry.title)
    lines = [heading, "", meta_line(review, heading), ""]
    if entry.archived:
        lines += ["This review is in the [archive](" + link(here, "reviews/archive.md") + ").", ""]
    if entry.themes:
        lines += [f"**Themes:** {theme_links(here, entry.themes, themes)}", ""]
    if entry.summary:
        lines += [f"**In brief:** {entry.summary}", ""]
    lines += [f"[Learning briefing for practitioners (printable)]({link(here, entry.briefing_path)})", ""]
    if review.easy_read_text:
        lines += [f"[Easy Read version]({link(here, entry.easy_read_path)})", ""]
    return "\n".join(lines) + rest.rstrip() + "\n"


def briefing_page(review: Review, entry: Entry, body: str, themes: dict[str, str]) -> str:
    """A short print-friendly briefing: summary, themes, learning and recommendations."""
    here = entry.briefing_path
    lines = [
        f"# Learning briefing: {entry.title}",
        "",
        f'<p class="openness-meta">For practitioners. From the {TYPE_NAMES[review.review_type]} '
        f"published {format_date(review.publish_on)}. Print this page to share it in team "
        "meetings.</p>",
        "",
    ]
    if entry.themes:
        lines += [f"**Themes:** {theme_links(here, entry.themes, themes)}", ""]
    if entry.summary:
        lines += ["## Summary", "", entry.summary, ""]
    found = briefing_sections(body)
    for heading, text in found:
        lines += [f"## {heading}", "", text, ""]
    if not found:
        lines += ["The full review sets out its learning and recommendations.", ""]
    lines += [f"[Read the full review]({link(here, entry.path)})", ""]
    return "\n".join(lines)


def easy_read_page(review: Review, entry: Entry, text: str) -> str:
    """The redacted Easy Read version, with a way back to the full review."""
    heading, rest = split_heading(text, f"Easy Read: {entry.title}")
    lines = [
        heading,
        "",
        f'<p class="openness-meta">Easy Read version of the {TYPE_NAMES[review.review_type]} '
        f"published {format_date(review.publish_on)}.</p>",
        "",
        f"[Read the full review]({link(entry.easy_read_path, entry.path)})",
        "",
    ]
    return "\n".join(lines) + rest.rstrip() + "\n"
