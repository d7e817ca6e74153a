"""Words that are public in one document: a review's declared labels and pseudonyms, and the
abbreviations the document defines. Every recogniser's findings honour them, as they honour the
partnership's own allowlist entries and its public contact details.

A finding made only of public terms is dropped ("AA", "AA's", "Jay and BB"); one with a public
term at its edge is trimmed to the rest ("AA Smith" -> "Smith" is replaced, "AA" stays). Findings
of the register (declared and registered names) are never dropped: a doubt is resolved by redacting.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from redaction.allowlist import DATA, STOP_WORDS, Allowlist, fold, terms_pattern
from redaction.engine import Finding
from redaction.sources import Review

#: Words a label is written with: "Child AA", "Sibling BB", "the AA family".
LABEL_WORDS = {"baby", "child", "young", "person", "adult", "sibling", "subject", "family", "case", "parent"}
NAME_ENTITIES = ("PERSON", "INITIALS")
WORD = re.compile(r"[^\W_][\w'’\-]*")


@functools.cache
def function_words() -> frozenset[str]:
    path = DATA / "names" / "function_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


DOUBLED = re.compile(r"(?<![\w&\-])([A-Z])\1(?![\w&\-])")
CATEGORY_LABEL = re.compile(r"\b(?:Baby|Child|Young Person|Adult|Person|Sibling|Case|Family)\s+([A-Z]{1,3})\b")
FIRST_CELL = re.compile(r"^[ \t]*\|[ \t]*([^|\n]*?)[ \t]*\|", re.M)


def label_shaped(text: str) -> set[str]:
    """Letter labels an anonymised review uses without declaring them: doubled letters ("AA"),
    letters after a category ("Child AB"), and the first column of a table made only of letters."""
    found = {m.group() for m in DOUBLED.finditer(text)} | set(CATEGORY_LABEL.findall(text))
    cells = [c for c in FIRST_CELL.findall(text) if c and not set(c) <= set("-: ")]
    letters = [c for c in cells if re.fullmatch(r"[A-Z]{1,3}", c)]
    if len(letters) >= 2 and len(letters) >= len(cells) - 1:  # every row but the header
        found |= set(letters)
    return found


def review_terms(review: Review) -> set[str]:
    """A review's declared ``labels:`` and its people's pseudonyms: the text may use them. A review
    that declares ``people: anonymised`` holds no real names, so its letter labels are public even
    where it does not list them."""
    terms = {*review.labels, *(p.pseudonym for p in review.people if p.pseudonym)}
    if review.anonymised:
        terms |= label_shaped(review.title + "\n" + review.body)
    return terms


def shared_pseudonyms(reviews: Iterable[Review]) -> set[str]:
    """Pseudonyms of three characters or more from every review: public in every document, as
    minutes discuss a review by them ("the review about Jacob"). Two-letter labels ("AA") stay
    public only in their own review: elsewhere they may be someone's initials."""
    return {p.pseudonym for r in reviews for p in r.people if p.pseudonym and len(p.pseudonym.strip()) > 2}


def document_terms(sources: Iterable[object], reviews: Iterable[Review]) -> list[frozenset[str]]:
    """The public terms of each source, in order: its own (a review's) plus the shared pseudonyms."""
    shared = shared_pseudonyms(reviews)
    return [frozenset(shared | (review_terms(s) if isinstance(s, Review) else set())) for s in sources]


@dataclass
class PublicSpans:
    """Where public terms stand in one document's reading view."""

    terms: set[str]
    spans: list[tuple[int, int]]

    @classmethod
    def find(cls, view: str, terms: Iterable[str], allowlist: Allowlist) -> PublicSpans:
        terms = {t for t in terms if t.strip()}
        rx = terms_pattern(terms)
        spans = [m.span() for m in rx.finditer(view)] if rx else []
        return cls(terms, spans + allowlist.user_spans(view))

    def covered(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)

    def trim(self, f: Finding, view: str, allowlist: Allowlist) -> Finding | None:
        """The finding without its public words; None when nothing name-like is left ("JAY WAS
        NOT": the gazetteer's span after a pseudonym in capitals is only ordinary words)."""
        words = list(WORD.finditer(view, f.start, f.end))
        if not any(self.covered(m.start(), _bare_end(view, m)) for m in words):
            return f
        rest = [
            m
            for m in words
            if not self.covered(m.start(), _bare_end(view, m))
            and fold(m.group()) not in STOP_WORDS
            and fold(m.group()) not in LABEL_WORDS
        ]
        if not rest or all(
            fold(m.group()) in function_words()
            or (allowlist.is_common_word(m.group()) and not allowlist.is_first_name(m.group()))
            or allowlist.is_public_word(m.group())
            for m in rest
        ):
            return None
        start, end = rest[0].start(), _bare_end(view, rest[-1])
        return Finding(start, end, f.entity, f.recognizer, f.score, view[start:end])


def _bare_end(view: str, m: re.Match[str]) -> int:
    """End of a word without its possessive ("AA's" -> "AA")."""
    return m.end() - 2 if re.search(r"['’]s$", m.group()) and len(m.group()) > 2 else m.end()


def honour_public(
    findings: list[Finding], view: str, public: PublicSpans, allowlist: Allowlist, register_spans: set[tuple[int, int]]
) -> list[Finding]:
    """Drop or trim findings that are public here: terms, allowlist entries, contact details."""
    contact_spans = allowlist.contacts.spans(view)
    out = []
    for f in findings:
        if any(s < f.end and f.start < e for s, e in contact_spans) or allowlist.contacts.is_public(f.text):
            continue  # the partnership's own phone, e-mail, postcode or office address
        if f.entity not in NAME_ENTITIES or (f.start, f.end) in register_spans:
            out.append(f)
            continue
        if f.recognizer == "NameColumn" and any(
            s <= f.start and f.end <= e for s, e in allowlist.protected_spans(view)
        ):
            continue  # a public body, role or place in a "Name" column ("Age UK", "Designated Nurse")
        trimmed = public.trim(f, view, allowlist)
        if trimmed is not None:
            out.append(trimmed)
    return out
