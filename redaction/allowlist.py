"""Public words that must never be redacted, as data (``data/allowlist/*.yaml``, ``data/names``).

A partnership adds its own public terms and public contact details in ``openness.yml``
(``allowlist:`` and ``public_contacts:``). Acronyms are never taken for initials.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redaction.contacts import PublicContacts
from redaction.schema import load_data
from redaction.trie import trie_pattern
from redaction.vocabulary import honorifics

DATA = Path(__file__).parent / "data"
#: Set by a build for its own thread when another process has the public-phrase matchers
#: compiled already (``site_builder.model_server``): asked for a text's protected spans first,
#: it gives them, or None and they are worked out here.
PHRASE_SPANS: ContextVar[Callable[[Allowlist, str], tuple[tuple[int, int], ...] | None] | None] = ContextVar(
    "phrase_spans", default=None
)
#: Function words that never start or continue a name ("Ms Preston. The" is not "The" Preston).
STOP_WORDS = frozenset(
    (
        "a after all an and any as at before both but by during each for from he her his i if in it its mr "
        "mrs no not of on or our she since some that the their these they this those to we when while with "
    ).split()
)
PHRASE_FILES = {"organisations": "organisations", "legislation": "legislation", "roles": "roles", "places": "places"}
#: Phrases this short (or shorter) match in their exact case only: "AM" is public, "am" is a word.
EXACT_CASE_MAX = 2


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zieliński' and 'ZIELINSKI' fold alike."""
    if text.isascii():  # nothing to decompose (the same result, many times faster)
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_yaml_file(path: Path) -> dict[str, Any]:
    """A packaged data file as a mapping (empty when absent)."""
    if not path.is_file():
        return {}
    data = load_data(path.read_text(encoding="utf-8")) or {}
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


def named_after_people(path: Path) -> list[str]:
    """Laws, schemes, inquiries and reports named after people ("Clare's Law", "the Munro review"):
    each as written and with its last word in either case ("Munro Review", "Munro review")."""
    out = []
    for phrase in _yaml_list(path, "named_after_people"):
        head, _, last = phrase.rpartition(" ")
        out.append(phrase)
        if head and last[:1].isalpha():
            out += [f"{head} {last[0].upper()}{last[1:]}", f"{head} {last[0].lower()}{last[1:]}"]
    return out


def terms_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word matcher for public terms: those of one or two characters ("AA", "Jo") in their
    exact case, longer ones in any case ("Jay", "JAY"); a possessive ("AA's") is left outside."""
    exact = sorted({t.strip() for t in terms if 0 < len(t.strip()) <= EXACT_CASE_MAX}, key=len, reverse=True)
    loose = sorted({t.strip() for t in terms if len(t.strip()) > EXACT_CASE_MAX}, key=len, reverse=True)
    parts = [rf"(?-i:{trie_pattern(exact)})" if exact else "", rf"(?:{trie_pattern(loose)})" if loose else ""]
    body = "|".join(p for p in parts if p)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.I) if body else None


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
    user_terms: tuple[str, ...] = ()  # the partnership's own public words (openness.yml allowlist:)

    def __getstate__(self) -> dict[str, object]:
        """The words only: patterns compiled from them are compiled again where they are needed
        (sent to another process, a compiled phrase matcher would take longer to load than to build)."""
        cached = {n for n, v in vars(type(self)).items() if isinstance(v, functools.cached_property)}
        return {k: v for k, v in vars(self).items() if k not in cached}

    @classmethod
    @functools.cache
    def load(cls, extra_terms: tuple[str, ...] = (), public_contacts: tuple[str, ...] = ()) -> Allowlist:
        d = DATA / "allowlist"
        acr = set(_yaml_list(d / "acronyms.yaml", "acronyms"))
        acr |= {str(k) for k in (load_yaml_file(d / "public_bodies.yaml").get("abbreviations") or {})}
        # A short entry of the partnership's own ("NW", "SE") is an acronym: exact case, never initials.
        acr |= {t for t in extra_terms if len(t) <= EXACT_CASE_MAX and t.isalpha() and t.isupper()}
        org_words = {fold(w) for w in _yaml_list(d / "organisations.yaml", "organisation_words")}
        phrases: list[str] = list(extra_terms)
        for fname, key in PHRASE_FILES.items():
            phrases += _yaml_list(d / f"{fname}.yaml", key)
        phrases += named_after_people(d / "named_after_people.yaml")
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
            tuple(t for t in extra_terms if t.strip()),
        )

    @functools.cached_property
    def phrase_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w])(?:{trie_pattern(p for p in self.phrases if len(p) > 2)})(?![\w])")

    @functools.cached_property
    def short_phrase_pattern(self) -> re.Pattern[str] | None:
        """Entries of one or two characters ("NW"): exact case, whole words only."""
        short = [p for p in self.phrases if len(p.strip()) <= 2]
        return re.compile(rf"(?<![\w])(?:{trie_pattern(short)})(?![\w])") if short else None

    @functools.cached_property
    def user_pattern(self) -> re.Pattern[str] | None:
        """The partnership's own entries, of any length: the short ones in their exact case."""
        return terms_pattern(self.user_terms)

    def user_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the partnership's own public words stand: no recogniser replaces them."""
        return [m.span() for m in self.user_pattern.finditer(text)] if self.user_pattern else []

    @functools.cached_property
    def contacts(self) -> PublicContacts:
        return PublicContacts(tuple(self.public_contacts))

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
        remote = PHRASE_SPANS.get()
        if remote is not None and (found := remote(self, text)) is not None:
            return found
        return self.phrase_spans(text)

    def phrase_spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """:meth:`protected_spans` worked out here. They depend on :attr:`phrases` and
        :attr:`public_contacts` only (the model server keeps one compiled matcher per pair)."""
        spans = [m.span() for m in self.phrase_pattern.finditer(text)]
        if self.short_phrase_pattern is not None:
            spans += [m.span() for m in self.short_phrase_pattern.finditer(text)]
        spans += self.contacts.spans(text)
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
