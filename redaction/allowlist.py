"""Public words that must never be redacted, as data (``data/allowlist/*.yaml``, ``data/names``).

A partnership adds its own public terms and public contact details in ``openness.yml``
(``allowlist:`` and ``public_contacts:``). Acronyms are never taken for initials.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from redaction.trie import trie_pattern
from redaction.vocabulary import honorifics

DATA = Path(__file__).parent / "data"
#: Function words that never start or continue a name ("Ms Preston. The" is not "The" Preston).
STOP_WORDS = frozenset(
    (
        "a after all an and any as at before both but by during each for from he her his i if in it its mr "
        "mrs no not of on or our she since some that the their these they this those to we when while with "
    ).split()
)
PHRASE_FILES = {"organisations": "organisations", "legislation": "legislation", "roles": "roles", "places": "places"}


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zieliński' and 'ZIELINSKI' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_yaml_file(path: Path) -> dict[str, Any]:
    """A packaged data file as a mapping (empty when absent)."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def _yaml_list(path: Path, key: str) -> list[str]:
    return [str(x) for x in load_yaml_file(path).get(key, []) or []]


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def _nickname_rows(path: Path) -> list[tuple[str, str]]:
    """(given, short form) rows of the vendored nickname table (see data/names/NOTICE.md)."""
    out = []
    for line in _lines(path)[1:]:
        parts = line.split(",")
        if len(parts) == 3 and parts[1] == "has_nickname":
            out.append((parts[0], parts[2]))
    return out


@dataclass(eq=False)
class Allowlist:
    acronyms: set[str] = field(default_factory=set)
    organisation_words: set[str] = field(default_factory=set)
    phrases: list[str] = field(default_factory=list)
    place_words: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    first_names: set[str] = field(default_factory=set)
    common_words: set[str] = field(default_factory=set)
    public_contacts: list[str] = field(default_factory=list)
    nicknames: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    @functools.cache
    def load(cls, extra_terms: tuple[str, ...] = (), public_contacts: tuple[str, ...] = ()) -> Allowlist:
        d = DATA / "allowlist"
        acr = set(_yaml_list(d / "acronyms.yaml", "acronyms"))
        org_words = {fold(w) for w in _yaml_list(d / "organisations.yaml", "organisation_words")}
        phrases: list[str] = list(extra_terms)
        for fname, key in PHRASE_FILES.items():
            phrases += _yaml_list(d / f"{fname}.yaml", key)
        places = _yaml_list(d / "places.yaml", "places")
        place_words = {fold(p) for p in places if " " not in p} | {
            fold(w) for w in _yaml_list(d / "places.yaml", "place_words")
        }
        titles = _yaml_list(d / "roles.yaml", "titles")
        names = {fold(n) for n in _lines(DATA / "names" / "first_names.txt")}
        common = {fold(n) for n in _lines(DATA / "names" / "common_words.txt")}
        nick_data = load_yaml_file(DATA / "names" / "nicknames.yaml").get("nicknames", {}) or {}
        nicknames = {fold(k): [str(v) for v in vs] for k, vs in nick_data.items()}
        for given, short in _nickname_rows(DATA / "names" / "nicknames_english.csv"):
            nicknames.setdefault(fold(given), [])
            if short.title() not in nicknames[fold(given)]:
                nicknames[fold(given)].append(short.title())
        return cls(
            acr,
            org_words,
            sorted(set(phrases), key=len, reverse=True),
            place_words,
            titles,
            names,
            common,
            list(public_contacts),
            nicknames,
        )

    @functools.cached_property
    def phrase_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w])(?:{trie_pattern(p for p in self.phrases if len(p) > 2)})(?![\w])")

    @functools.cached_property
    def title_pattern(self) -> str:
        titles = sorted({t.rstrip(".") for t in self.titles} | set(honorifics()), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles) + r")\.?"

    def protected_spans(self, text: str) -> list[tuple[int, int]]:
        """Where public phrases (bodies, laws, roles, places) stand in ``text`` (memoised: the
        redactor asks again for each finding of the same document)."""
        return list(self._protected_spans(text))

    @functools.lru_cache(maxsize=16)  # noqa: B019 - Allowlist objects live as long as the process
    def _protected_spans(self, text: str) -> tuple[tuple[int, int], ...]:
        spans = [m.span() for m in self.phrase_pattern.finditer(text)]
        for contact in self.public_contacts:
            spans += [m.span() for m in re.finditer(re.escape(contact), text, re.I)]
        return tuple(spans)

    def is_acronym(self, token: str) -> bool:
        """Exact-case match only: "DI" is a rank, "Di" may be a name."""
        return token in self.acronyms

    def is_org_word(self, word: str) -> bool:
        """A word that marks a span as an organisation, role or thing ("Council", "Board", "SEND")."""
        return fold(word.strip(".,;:()'’")) in self.organisation_words or word in self.acronyms

    def is_place(self, word: str) -> bool:
        return fold(word.strip(".,;:()'’")) in self.place_words

    def is_public_word(self, word: str) -> bool:
        """An organisation word, an acronym or a place. Many surnames are also places (Preston,
        Bolton), so on its own a place word never stops a titled or gazetteer name."""
        return self.is_org_word(word) or self.is_place(word)

    def is_first_name(self, word: str) -> bool:
        return fold(word) in self.first_names

    def short_forms(self, given: str) -> list[str]:
        """ "Philippa" -> ["Pip", "Pippa"] (data/names/nicknames.yaml)."""
        return self.nicknames.get(fold(given), [])

    def is_common_word(self, word: str) -> bool:
        return fold(word) in self.common_words

    def all_public(self, words: Iterable[str]) -> bool:
        ws = [w for w in words if w]
        return bool(ws) and all(self.is_public_word(w) for w in ws)
