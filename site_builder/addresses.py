"""Page addresses a person can read, and the older addresses kept working as redirects.

Every address comes from the redacted title or the meeting type and date, never from a source
file name:

* minutes: ``minutes/<meeting>/<YYYY-MM-DD>/`` (docs path ``minutes/<meeting>/<date>.md``);
* reviews: ``reviews/<year>/<slug>/`` (docs path ``reviews/<year>/<slug>/index.md``), with the
  learning briefing and Easy Read version beneath it (``briefing/``, ``easy-read/``).

A review's slug is ``learning-from-<subject>`` when its redacted title names its subject before
a dash ("Rapid Review: Baby J – ..." gives ``learning-from-baby-j``), otherwise the first words of
the title after its type ("Safeguarding Adults Review: self-neglect, hoarding and fire risk" gives
``self-neglect-hoarding-and-fire-risk``). Slugs stop at a word boundary, never inside a word, and
never end on a little word such as "and" or "of".

The addresses of earlier versions (``minutes/<meeting>/<year>/<date>/``,
``reviews/<type>/<year>/<title cut at 80 characters>/``) are published as redirect pages
(:mod:`site_builder.redirects`), so links people saved keep working.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MAX_SLUG = 48
MAX_WORDS = 7
LITTLE_WORDS = {"a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "at", "by", "from", "or", "her", "his"}
TYPE_PREFIX = re.compile(r"^[^:–—]{3,80}?\breview\b[^:]{0,40}:\s*", re.I)
SUBJECT = re.compile(r"^(?P<subject>[^–—:]{1,40}?)\s+[–—-]\s+\S")
BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (accents dropped, apostrophes joined: children's -> childrens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = re.sub(r"['’]", "", ascii_text)
    return re.findall(r"[a-z0-9]+", ascii_text)


def short_slug(text: str, max_len: int = MAX_SLUG, max_words: int = MAX_WORDS) -> str:
    """Whole words joined by hyphens, at most ``max_len`` characters and ``max_words`` words; when
    cut, never ending on a little word. Empty when the first word is already too long."""
    out: list[str] = []
    every = words(text)
    for w in every:
        if len(out) == max_words or len("-".join([*out, w])) > max_len:
            break
        out.append(w)
    while len(out) < len(every) and len(out) > 1 and out[-1] in LITTLE_WORDS:
        out.pop()  # a cut title does not end on "and" or "of" ("Adult A" whole keeps its "a")
    return "-".join(out)


def review_slug(title: str) -> str:
    """The slug of a review from its redacted title (see the module docstring)."""
    rest = BRACKETS.sub(" ", title).strip()
    rest = TYPE_PREFIX.sub("", rest, count=1).strip() or rest
    m = SUBJECT.match(rest)
    if m and len(words(m["subject"])) <= 3:
        return short_slug("learning from " + m["subject"]) or "review"
    return short_slug(rest) or "review"


def minutes_path(meeting: str, date: dt.date) -> str:
    """Docs path (without ``.md``) of a set of minutes."""
    return f"minutes/{meeting}/{date.isoformat()}"


def review_path(year: int, slug: str) -> str:
    """Docs path (without ``/index.md``) of a review."""
    return f"reviews/{year}/{slug}"


def old_minutes_path(meeting: str, date: dt.date) -> str:
    """Where the same minutes lived before (docs path without ``.md``)."""
    return f"minutes/{meeting}/{date.year}/{date.isoformat()}"


def old_review_path(review_type: str, year: int, title: str) -> str:
    """Where the same review lived before: the whole title cut at 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return f"reviews/{review_type}/{year}/{slug[:80].rstrip('-') or 'page'}"
