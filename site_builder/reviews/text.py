"""What the redaction stage analyses for a source, and how the redacted text is split back.

A review's front-matter ``summary`` is raw text, like its title and body: it is analysed and
redacted with them, as one text ``title + blank line + summary + blank line + body``. The title
and the summary are each collapsed to one line first, so the two first blank lines of the
redacted text are the separators (replacements never add or remove line breaks).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from redaction.markdown_view import normalise_source, strip_comments
from redaction.memo import Memo, digest
from redaction.redaction_cache import code_version
from redaction.sources import Review, Source
from site_builder.reviews.rules import check_reviews
from site_builder.reviews.vocab import load_checklist, load_themes

log = logging.getLogger(__name__)


def one_line(text: str) -> str:
    return " ".join(text.split())


def analysed_text(src: Source, memo: Memo | None = None) -> str:
    """The text the stage analyses and redacts for ``src``. With ``memo``, remembered by the
    title, summary and body and by the redaction package's code and data (normalising a
    partnership's sources took a quarter of a second of every build)."""
    summary = src.summary if isinstance(src, Review) else ""
    key = digest("analysed text", code_version(), src.title, summary, src.body) if memo is not None else ""
    if memo is not None and isinstance(known := memo.get(key), str):
        return known
    head = one_line(src.title)
    if summary and one_line(summary):
        head += "\n\n" + one_line(summary)
    text = normalise_source(head + "\n\n" + strip_comments(src.body))
    if memo is not None:
        memo.put(key, text)
    return text


def split_redacted(src: Source, text: str) -> tuple[str, str, str]:
    """(title, summary, body) of the redacted :func:`analysed_text` of ``src``."""
    title, _, rest = text.partition("\n\n")
    summary = ""
    if isinstance(src, Review) and src.summary and one_line(src.summary):
        summary, _, rest = rest.partition("\n\n")
    return title.strip(), summary.strip(), rest


def check_publication_rules(
    project_root: Path, reviews: list[Review], as_of: dt.date, checklist_required: bool = False
) -> None:
    """The build's entry point: raise on the first review that breaks a publication rule."""
    check_reviews(reviews, as_of, load_themes(project_root), load_checklist(), checklist_required)
