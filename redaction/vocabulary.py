"""Word lists that several modules need, each read from ONE data file (``data/vocabulary/``).

* street suffixes (``street_suffixes.yaml``): the address recogniser, the person filter and the
  replacement chosen for a declared place;
* honorifics (``honorifics.yaml``): titles before a surname, declared-name variants ("Mrs X");
* pseudonym labels and categories (``pseudonyms.yaml``);
* review types (``review_types.yaml``): the source schema and the public catalogue;
* place prefixes (``place_prefixes.yaml``): "Low Fell", "Great Ayton" are places.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redaction.schema import load_data

FOLDER = Path(__file__).parent / "data" / "vocabulary"


@functools.cache
def _read(name: str) -> dict[str, Any]:
    data = load_data((FOLDER / name).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{FOLDER / name}: expected a mapping")
    return data


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class StreetSuffixes:
    streets: tuple[str, ...]  # never a surname alone ("Road", "Close")
    also_names: tuple[str, ...]  # street words that are names too ("Hill", "Green")
    short: tuple[str, ...]  # abbreviations ("Rd", "Gdns")

    @property
    def every(self) -> tuple[str, ...]:
        return self.streets + self.also_names

    def pattern(self, with_short: bool = True) -> str:
        """A regex alternation of every suffix (and abbreviation)."""
        return "(?:" + _alternation(list(self.every) + (list(self.short) if with_short else [])) + ")"

    def streets_pattern(self) -> str:
        return "(?:" + _alternation(list(self.streets)) + ")"


@functools.cache
def street_suffixes() -> StreetSuffixes:
    data = _read("street_suffixes.yaml")
    streets = data.get("streets") or {}
    names = data.get("also_names") or {}
    short = [s for table in (streets, names) for forms in table.values() for s in forms or []]
    return StreetSuffixes(tuple(streets), tuple(names), tuple(dict.fromkeys(short)))


@functools.cache
def honorifics() -> tuple[str, ...]:
    """Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Cllr, Sir, Dame, Master."""
    return tuple(str(h) for h in _read("honorifics.yaml")["honorifics"])


@functools.cache
def identifying_titles() -> frozenset[str]:
    """Titles replaced with the name they precede (Professor, Reverend...): they identify."""
    return frozenset(str(t).casefold() for t in _read("honorifics.yaml").get("identifying", []))


def honorific_pattern() -> str:
    return "(?:" + _alternation(list(honorifics())) + ")"


@dataclass(frozen=True)
class PseudonymVocabulary:
    categories: tuple[tuple[str, int | None], ...]  # (label, below_age)
    no_age: dict[str, str]
    labels: tuple[str, ...]
    subject_relations: frozenset[str]

    def category(self, age: int | None, review_type: str) -> str:
        if age is None:
            return self.no_age.get(review_type, self.no_age["default"])
        for label, below in self.categories:
            if below is None or age < below:
                return label
        return self.categories[-1][0]

    def label_pattern(self) -> str:
        """A known label: a category word and one capital letter ("Adult D", "Person B")."""
        words = _alternation(list(self.labels)).replace(r"\ ", r"\s+")
        return rf"\b(?:{words})\s+[A-Z]\b"


@functools.cache
def pseudonym_vocabulary() -> PseudonymVocabulary:
    data = _read("pseudonyms.yaml")
    cats = tuple((str(c["label"]), c.get("below_age")) for c in data["categories"])
    return PseudonymVocabulary(
        cats,
        {str(k): str(v) for k, v in data["no_age"].items()},
        tuple(str(x) for x in data["labels"]),
        frozenset(str(x).lower() for x in data["subject_relations"]),
    )


@functools.cache
def review_types() -> dict[str, dict[str, str]]:
    """key -> {"name": ..., "plural": ...}, in the order of the data file."""
    return {
        str(k): {"name": str(v["name"]), "plural": str(v["plural"])}
        for k, v in _read("review_types.yaml")["review_types"].items()
    }


@functools.cache
def place_prefixes() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _read("place_prefixes.yaml")["place_prefixes"])
