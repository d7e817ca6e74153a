"""One detection of the analysis engine, a plain value: importing it loads neither spaCy nor Presidio."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One detection: offsets into the analysed text, the entity, who found it and how sure it was."""

    start: int
    end: int
    entity: str
    recognizer: str
    score: float
    text: str
