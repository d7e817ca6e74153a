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


def drop_repeated_relations(text: str, labels: set[str]) -> str:
    """Remove ``, <label>`` where it only repeats the relation just named ("her mother, X's mother,")."""
    for label in sorted(labels, key=len, reverse=True):
        m = re.fullmatch(r"(.+)['’]s ([a-z][a-z\- ]*?)(?: \(\d+\))?", label)
        if not m:
            continue
        relation = m.group(2)
        words = SYNONYMS.get(relation, re.escape(relation))
        pattern = re.compile(
            rf"(\b(?:her|his|their|the|[A-Z][\w ]*?['’]s)(?: (?:older|younger|elder|eldest|oldest|youngest|"
            rf"little|big|baby|twin|maternal|paternal))? (?:{words})),[ \t]+{re.escape(label)}(?=[,.;:)\s])(,)?"
        )
        text = pattern.sub(lambda mm: mm.group(1), text)
    return text
