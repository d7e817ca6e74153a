"""Small rewrites that keep redacted text readable.

A family member is often named in apposition: "her mother, Hodan Warsame, said" becomes, after
replacement, "her mother, Rose's mother, said". The repeated relation is dropped ("her mother
said"); nothing identifying is added or kept.
"""

from __future__ import annotations

import re

SYNONYMS = {
    "sibling": "brother|sister|sibling|half-brother|half-sister|stepbrother|stepsister",
    "mother": "mother|mum|mam",
    "father": "father|dad",
    "grandmother": "grandmother|grandma|nan|nana|gran",
    "grandfather": "grandfather|grandad|granddad|grandpa",
    "stepfather": "stepfather|stepdad",
    "stepmother": "stepmother|stepmum",
    "partner": "partner|boyfriend|girlfriend",
}


ADJECTIVES = "(?:older|younger|elder|eldest|oldest|youngest|little|big|baby|twin|maternal|paternal)"


class RepeatedRelations:
    """Removes ``, <label>`` where it only repeats the relation just named ("her mother, X's mother,").
    The patterns are compiled once per set of labels (one per build)."""

    def __init__(self, labels: set[str]) -> None:
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        for label in sorted(labels, key=len, reverse=True):
            m = re.fullmatch(r"(.+)['’]s ([a-z][a-z\- ]*?)(?: \(\d+\))?", label)
            if not m:
                continue
            words = SYNONYMS.get(m.group(2), re.escape(m.group(2)))
            self.patterns.append(
                (
                    label,
                    re.compile(
                        rf"(\b(?:her|his|their|the|[A-Z][\w ]*?['’]s)(?: {ADJECTIVES})? (?:{words})),"
                        rf"[ \t]+{re.escape(label)}(?=[,.;:)\s])(,)?"
                    ),
                )
            )

    def drop(self, text: str) -> str:
        for label, pattern in self.patterns:
            if label in text:
                text = pattern.sub(lambda m: m.group(1), text)
        return text


def drop_repeated_relations(text: str, labels: set[str]) -> str:
    """One-off form of :class:`RepeatedRelations`."""
    return RepeatedRelations(labels).drop(text)
