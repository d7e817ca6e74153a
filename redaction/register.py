"""The register of known people and places, and every variant a reader would recognise.

It holds the people declared in review front matter and the partnership's private register
(``register.yaml`` beside mkdocs.yml, git-ignored; see ``register.example.yaml``), which maps staff
names and initials to a role or organisation. Each variant is matched case- and accent-
insensitively, across line breaks, even where the NER sees nothing.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from redaction.allowlist import Allowlist, fold
from redaction.errors import ConfigError
from redaction.pseudonyms import review_labels
from redaction.schema import Option, Text, TextList, ValidationError, load_yaml_list, validate
from redaction.sources import Review
from redaction.text_rules.cues import in_a_date
from redaction.trie import trie_pattern
from redaction.vocabulary import honorifics, street_suffixes
from redaction.words import counted

log = logging.getLogger(__name__)

HONORIFICS = honorifics()
STAFF_SCHEMA: dict[str, Option] = {
    "name": Text(),
    "aliases": TextList(required=False, default=[]),
    "initials": TextList(required=False, default=[]),
    "role": Text(),
}
STREET = re.compile(rf"\b{street_suffixes().pattern(with_short=False)}\b", re.I)


@functools.cache
def _fold_char(c: str) -> str:
    folded = (unicodedata.normalize("NFKD", c)[:1] or c).lower()
    return folded if len(folded) == 1 else c


def fold_keep_length(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with the same length (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return text.translate({ord(c): _fold_char(c) for c in set(text) if ord(c) > 127}).translate(_ASCII_LOWER)


_ASCII_LOWER = {i: i + 32 for i in range(ord("A"), ord("Z") + 1)}


@dataclass
class Identity:
    """One known person or place: its variants, its public replacement and where it was declared."""

    name: str
    replacement: str
    kind: str  # "declared", "staff" or "place"
    source: str
    variants: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    explicit: set[str] = field(default_factory=set)


def person_variants(name: str, aliases: tuple[str, ...] | list[str]) -> set[str]:
    out = {name, *aliases}
    for full in [name, *aliases]:
        words = full.split()
        if words and words[0].rstrip(".") in HONORIFICS:
            words = words[1:]
        for w in words:
            out.add(w)
            out.update(p for p in w.split("-") if len(p) >= 3)
        if len(words) >= 2:
            out.update(f"{t} {words[-1]}" for t in HONORIFICS)
            if not words[-1].lower().endswith("s"):
                out.add(words[-1] + "s")  # the family: "the Tansleys"
            out.add(" ".join(words))
    return {v for v in out if len(v.strip()) >= 2}


PLACE_KINDS = [
    (re.compile(r"\b(?:Academy|School|College|Nursery|Primary|Infants|Juniors)\b", re.I), "the school"),
    (re.compile(r"\b(?:Surgery|Practice|Medical Centre|Health Centre)$", re.I), "the GP practice"),
    (re.compile(r"\bHospital$", re.I), "the hospital"),
    (re.compile(r"\b(?:Centre|Hub|Club)$", re.I), "the centre"),
    (STREET, "a nearby street"),
]


def place_replacement(place: str) -> str:
    """A readable stand-in chosen by the kind of place its last word names."""
    last = place.split()[-1] if place.split() else ""
    for rx, text in PLACE_KINDS:
        if rx.search(place) and (rx is not STREET or rx.search(last)):
            return text
    return "[place withheld]"


class Register:
    """Every identity the build knows of, with one compiled matcher."""

    def __init__(self, identities: list[Identity], allowlist: Allowlist) -> None:
        self.identities = identities
        self.allowlist = allowlist
        self._by_variant: dict[str, Identity] = {}
        derived: dict[str, list[Identity]] = {}
        for ident in identities:
            for v in ident.explicit or ident.variants:
                self._by_variant.setdefault(fold_keep_length(" ".join(v.split())), ident)
        for ident in identities:
            for v in ident.variants - ident.explicit:
                derived.setdefault(fold_keep_length(" ".join(v.split())), []).append(ident)
        for key, owners in derived.items():
            if key in self._by_variant:
                continue
            if len({o.replacement for o in owners}) > 1:
                # A surname shared by several declared people: hide it without naming which one.
                self._by_variant[key] = Identity(key, "[name withheld]", "declared", owners[0].source, {key})
            else:
                self._by_variant[key] = owners[0]
        body = trie_pattern(self._by_variant)
        self._pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])") if self._by_variant else None

    def identity_for(self, text: str) -> Identity | None:
        return self._by_variant.get(fold_keep_length(" ".join(text.split())))

    def find(self, text: str, quoted: Callable[[int], bool] | None = None) -> list[tuple[int, int, Identity]]:
        """Every occurrence of a registered variant in ``text``."""
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(fold_keep_length(text)):
            original = text[m.start() : m.end()]
            ident = self.identity_for(original)
            if ident is None:
                continue
            if ident.initials and original.upper() in ident.initials and not original.isupper():
                continue  # initials count only in capitals ("AM said", not "I am")
            single = " " not in original.strip()
            if single and ident.kind != "place" and in_a_date(text, m.start(), m.end()):
                continue  # "10 June 2025", though a June Heath is declared
            # A one-word variant that is also an ordinary word ("Hope", "Will") only counts capitalised.
            if (
                single
                and ident.kind != "place"
                and self.allowlist.is_common_word(original)
                and not original[0].isupper()
                and not (quoted and quoted(m.start()))  # "tell summer..." in a quoted message is the name
            ):
                continue
            out.append((m.start(), m.end(), ident))
        return out

    def all_names(self) -> set[str]:
        return {v for i in self.identities if i.kind != "place" for v in i.variants}


def declared_identities(reviews: list[Review]) -> list[Identity]:
    out = []
    for review in reviews:
        labels = review_labels(review)
        for person, label in labels.items():
            real = [n for n in (person.name, *person.aliases) if n]
            if not real:
                continue  # a pseudonym only: the review arrived anonymised, there is no name to hide
            out.append(
                Identity(
                    real[0],
                    label,
                    "declared",
                    review.rel,
                    person_variants(real[0], real[1:]),
                    explicit=set(real),
                )
            )
        for place in review.places:
            out.append(Identity(place, place_replacement(place), "place", review.rel, {place}, explicit={place}))
    return out


def staff_identities(path: Path) -> list[Identity]:
    """The private register: ``people: [{name, aliases?, initials?, role}]``."""
    people = load_yaml_list(path, "people", "the register")
    out = []
    for i, entry in enumerate(people, 1):
        try:
            v = validate(STAFF_SCHEMA, entry)
        except ValidationError as exc:
            raise ConfigError(str(exc), file=path, key=f"people[{i}]" + (f".{exc.key}" if exc.key else "")) from None
        ident = Identity(
            v["name"],
            v["role"],
            "staff",
            path.name,
            person_variants(v["name"], v["aliases"]),
            set(v["initials"]),
            explicit={v["name"], *v["aliases"], *v["initials"]},
        )
        ident.variants |= ident.initials
        out.append(ident)
    return out


def build_register(reviews: list[Review], register_file: Path | None, allowlist: Allowlist) -> Register:
    identities = declared_identities(reviews)
    if register_file is not None:
        identities += staff_identities(register_file)
    log.info("register holds %s", counted(len(identities), "identity"))
    return Register(identities, allowlist)


__all__ = ["Identity", "Register", "build_register", "fold", "person_variants"]
