"""One decision everywhere (issue 11): once a word is taken for a person's name, it is taken for
one wherever it acts as one.

* ``decided_singles``: one-word names a document's findings decided on ("Ms Preston" -> Preston,
  "Faith said" -> Faith, a Name cell, a name after "known as"). Every other occurrence in the same
  document is replaced too (possessives, headings, tables, footnotes); in other documents of the
  build, only where it acts as a person.
* ``email_names``: the names inside e-mail addresses ("faith.hart@...", "jo [dot] smith [at] ...")
  count as names found: "Faith Hart" is then looked for everywhere.
* ``place_use_of_surname``: a declared surname that is also a town stays where it is the town.
* ``short_form_findings``: a capitalised word of three letters or more that begins or ends a given
  name of the same document ("Alexandra" -> "Alex", "Sandra"), where it acts as a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from redaction.allowlist import STOP_WORDS, Allowlist
from redaction.context import ambiguous_part, used_publicly
from redaction.engine import Finding
from redaction.filters import in_public_phrase
from redaction.names import KNOWN_LABEL, WORD, strip_title
from redaction.register import Identity, fold_keep_length
from redaction.text_rules.cues import acts_as_person, in_a_date
from redaction.text_rules.email_address import plain_address
from redaction.text_rules.initials import person_context

CAPITALISED = re.compile(r"(?<![\w'’\-])[A-Z][a-z][\w'’\-]*")
LOCAL_SPLIT = re.compile(r"[._\-+]+|\d+")


def _name_like(word: str, allowlist: Allowlist, labels: set[str]) -> bool:
    return (
        len(word) >= 3
        and word[0].isupper()
        and not word.isupper()
        and word.lower() not in STOP_WORDS
        and word not in labels
        and not allowlist.is_org_word(word)  # a place may be a surname: each use is judged in context
        and not re.fullmatch(allowlist.title_pattern, word)
    )


def decided_singles(findings: Iterable[Finding], allowlist: Allowlist, labels: set[str]) -> set[str]:
    """One-word person names among ``findings`` (after any title)."""
    out = set()
    for f in findings:
        if f.entity != "PERSON" or KNOWN_LABEL.search(f.text):
            continue
        words = WORD.findall(strip_title(f.text, allowlist))
        if len(words) == 1 and _name_like(words[0], allowlist, labels):
            out.add(words[0])
    return out


def email_names(findings: Iterable[Finding], allowlist: Allowlist) -> tuple[set[str], set[str]]:
    """(full names, single given names) written in the local part of e-mail addresses."""
    full: set[str] = set()
    single: set[str] = set()
    for f in findings:
        if f.entity != "EMAIL_ADDRESS":
            continue
        address = f.text if "@" in f.text else plain_address(f.text)
        local = address.split("@", 1)[0]
        parts = [p for p in LOCAL_SPLIT.split(local) if p.isalpha() and len(p) >= 2]
        if not parts or not allowlist.is_first_name(parts[0]) or allowlist.is_public_word(parts[0]):
            continue
        if len(parts) >= 2 and not allowlist.is_public_word(parts[-1]) and len(parts[-1]) >= 3:
            full.add(f"{parts[0].title()} {parts[-1].title()}")
        elif len(parts) == 1 and len(parts[0]) >= 3:
            single.add(parts[0].title())
    return full, single


def short_form_findings(view: str, givens: Iterable[str], allowlist: Allowlist, labels: set[str]) -> list[Finding]:
    """Prefixes and suffixes (three letters or more) of ``givens`` used as a person in ``view``."""
    forms: set[str] = set()
    for given in givens:
        g = given.lower()
        for k in range(3, len(g)):
            forms |= {g[:k], g[-k:]}
    forms -= {g.lower() for g in givens}
    if not forms:
        return []
    out = []
    for m in CAPITALISED.finditer(view):
        word = m.group()
        if word.lower() in forms and _name_like(word, allowlist, labels) and acts_as_person(view, m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), "PERSON", "ShortFormOfName", 0.7, word))
    return out


def one_decision(
    view: str,
    singles: tuple[set[str], set[str]],
    known_parts: set[str],
    allowlist: Allowlist,
    lower_case_counts: Callable[[int, str], bool],
) -> list[Finding]:
    """Every occurrence of a one-word name this document decided on (``singles[0]``), as the parts
    of full names are found; a name decided in another document (``singles[1]``) only where it acts
    as a person. A word that is also an ordinary word or a place counts only where it acts."""
    here, elsewhere = singles
    out = []
    for words, strict in ((here - known_parts, False), (elsewhere - known_parts - here, True)):
        if not words:
            continue
        body = "|".join(re.escape(fold_keep_length(w)) for w in sorted(words, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w])(?:{body})(?![\w])", fold_keep_length(view)):
            original = view[m.start() : m.end()]
            if not original[0].isupper() and not lower_case_counts(m.start(), original):
                continue
            if in_a_date(view, m.start(), m.end()):
                continue
            acting = acts_as_person(view, m.start(), m.end()) or person_context(view, m.start(), m.end(), strong=True)
            if (strict or ambiguous_part(original, allowlist)) and not acting:
                continue
            if not acting and used_publicly(view, m.start(), m.end(), allowlist, strict=True):
                continue
            if in_public_phrase(Finding(m.start(), m.end(), "PERSON", "", 0, original), view, allowlist):
                continue
            out.append(Finding(m.start(), m.end(), "PERSON", "OneDecision", 0.75, original))
    return out


def place_use_of_surname(f: Finding, ident: Identity, view: str, allowlist: Allowlist) -> bool:
    """A declared surname that is also a town, used as the town ("moved from Whitby", "Ledbury
    Market House"); the person's own mentions carry a given name or a title."""
    word = f.text.strip()
    return (
        " " not in word
        and ident.kind != "place"
        and word not in ident.explicit
        and allowlist.is_place(word)
        and not re.match(r"['’]s\b", view[f.end : f.end + 2])
        and used_publicly(view, f.start, f.end, allowlist)
    )
