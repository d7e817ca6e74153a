"""Counted words for every message the tool prints: "1 review", "2 reviews", never a bracketed plural."""

from __future__ import annotations

#: Words whose plural does not follow the spelling rules below.
IRREGULAR = {"minutes": "minutes", "person": "people", "child": "children"}


def plural_of(word: str) -> str:
    """The English plural of a countable noun ("review" -> "reviews", "identity" -> "identities")."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def counted(count: int, word: str, plural: str | None = None) -> str:
    """``count`` and ``word``, the word in the plural unless the count is exactly one.

    ``plural`` gives the plural form where the rule would be wrong for a phrase ("file changed")."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {plural or plural_of(word)}"
