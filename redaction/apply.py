"""Merge overlapping findings and write the replacements into the Markdown, with an audit."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from redaction.engine import Finding
from redaction.markdown_view import TAG

MARKS = {
    "PERSON": "[name withheld]",
    "INITIALS": "[name withheld]",
    "EMAIL_ADDRESS": "[email withheld]",
    "PHONE_NUMBER": "[phone number withheld]",
    "UK_NHS": "[NHS number withheld]",
    "UK_NINO": "[NI number withheld]",
    "UK_POSTCODE": "[postcode withheld]",
    "STREET_ADDRESS": "[address withheld]",
    "DATE_OF_BIRTH": "[date of birth withheld]",
    "CASE_REFERENCE": "[reference withheld]",
    "SCHOOL": "the school",
    "COMMENT_ANCHOR": "",  # a Word comment anchor ("[AB1]") goes entirely
}
PRIORITY = {"RegisterRecognizer": 0, "PropagatedName": 2, "PropagatedInitials": 2}


@dataclass
class Replacement:
    """One entry of the private audit report."""

    start: int
    end: int
    line: int
    original: str
    replacement: str
    entity: str
    recognizer: str
    score: float


@dataclass
class Redacted:
    text: str
    replacements: list[Replacement] = field(default_factory=list)


def merge(findings: list[Finding]) -> list[list[Finding]]:
    """Group overlapping findings; each group is sorted best first (register, then score, then length)."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    clusters: list[list[Finding]] = []
    end = -1
    for f in ordered:
        if clusters and f.start < end:
            clusters[-1].append(f)
            end = max(end, f.end)
        else:
            clusters.append([f])
            end = f.end
    return [sorted(c, key=lambda f: (PRIORITY.get(f.recognizer, 1), -(f.end - f.start), -f.score)) for c in clusters]


def url_safe(replacement: str) -> str:
    """A replacement inside an address or an id: "[name withheld]" -> "name-withheld"."""
    return re.sub(r"[^a-z0-9]+", "-", replacement.lower()).strip("-") or "withheld"


def _visible(view: str, text: str, i: int) -> bool:
    """Whether ``text[i]`` is something a reader sees (not markup blanked in the view)."""
    return (view[i] == text[i] and not view[i].isspace()) or (view[i].isspace() and text[i].isspace())


def _rewrite(text: str, view: str, start: int, end: int, replacement: str, whole: bool) -> str:
    """The span with its visible text replaced; markup between its fragments stays (``**``, tags).
    ``whole``: the span is one token (an address or an id) and is replaced entirely."""
    if whole:
        return replacement
    out, first, i = [], True, start
    while i < end:
        visible, j = _visible(view, text, i), i
        while j < end and _visible(view, text, j) == visible:
            j += 1
        if visible:
            out.append(replacement if first else "")
            first = False
        else:
            out.append(text[i:j])
        i = j
    return "".join(out)


def apply(
    text: str,
    view: str,
    clusters: list[list[Finding]],
    choose: Callable[[list[Finding]], str],
    urls: list[tuple[int, int]] | None = None,
) -> Redacted:
    """Replace each cluster's span in ``text``; markup inside the span (tags, ``**``) is kept.
    Inside an address or an id (``urls``) the replacement is written as a slug, so links still work."""
    tags = [m.span() for m in TAG.finditer(text)]
    pieces: list[str] = []
    audit: list[Replacement] = []
    pos = 0
    for cluster in clusters:
        start, end = min(f.start for f in cluster), max(f.end for f in cluster)
        replacement = choose(cluster)
        in_url = any(s <= start < e for s, e in urls or ())
        if in_url:
            replacement = url_safe(replacement)
        if any(s <= start < e for s, e in tags):
            replacement = html.escape(replacement, quote=True)
        pieces.append(text[pos:start])
        pieces.append(_rewrite(text, view, start, end, replacement, whole=in_url))
        pos = end
        best = cluster[0]
        recognizers = "+".join(dict.fromkeys(f.recognizer for f in cluster))
        line = text.count("\n", 0, start) + 1
        audit.append(Replacement(start, end, line, text[start:end], replacement, best.entity, recognizers, best.score))
    pieces.append(text[pos:])
    return Redacted("".join(pieces), audit)
