"""Merge overlapping findings and write the replacements into the Markdown, with an audit."""

from __future__ import annotations

import html
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


def apply(text: str, view: str, clusters: list[list[Finding]], choose) -> Redacted:
    """Replace each cluster's span in ``text``; markup inside the span (tags, ``**``) is kept."""
    tags = [m.span() for m in TAG.finditer(text)]
    pieces: list[str] = []
    audit: list[Replacement] = []
    pos = 0
    for cluster in clusters:
        start, end = min(f.start for f in cluster), max(f.end for f in cluster)
        replacement = choose(cluster)
        in_tag = any(s <= start < e for s, e in tags)
        if in_tag:
            replacement = html.escape(replacement, quote=True)
        pieces.append(text[pos:start])
        # Text fragments of the span are those the reader sees; markup between them stays.
        first = True
        i = start
        while i < end:
            j = i
            visible = (view[i] == text[i] and not view[i].isspace()) or (view[i].isspace() and text[i].isspace())
            while j < end and (
                ((view[j] == text[j] and not view[j].isspace()) or (view[j].isspace() and text[j].isspace())) == visible
            ):
                j += 1
            if visible:
                pieces.append(replacement if first else "")
                first = False
            else:
                pieces.append(text[i:j])
            i = j
        pos = end
        best = cluster[0]
        audit.append(
            Replacement(
                start,
                end,
                text.count("\n", 0, start) + 1,
                text[start:end],
                replacement,
                best.entity,
                "+".join(dict.fromkeys(f.recognizer for f in cluster)),
                best.score,
            )
        )
    pieces.append(text[pos:])
    return Redacted("".join(pieces), audit)
