"""Which person findings to keep: public phrases, public words and lone guesses are dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable

from redaction.allowlist import Allowlist, fold
from redaction.context import NEXT_WORD, SAINT_BEFORE, ambiguous_part, extend_name, used_publicly
from redaction.engine import Finding
from redaction.names import KNOWN_LABEL, NOT_NAME, TITLE_RX, WORD, strip_title
from redaction.text_rules.cues import acts_as_person, organisation_number
from redaction.text_rules.phone import is_service_number
from redaction.vocabulary import identifying_titles, place_prefixes, street_suffixes

PLACE_PREFIXES = place_prefixes()
NER = "SpacyRecognizer"
STREET_SUFFIX = re.compile(rf"^{street_suffixes().streets_pattern()}$")
# A tab is a table-cell boundary in text taken from Word or a PDF ("Howard Woldsmith\tFirst draft").
BREAK = re.compile(r"\n[ \t]*\n|[ \t]\n|\n[ \t]|\t")


def organisation_contact(f: Finding, view: str, allowlist: Allowlist) -> bool:
    """A landline or a mailbox introduced as the partnership's or a service's (never a mobile, never
    an address whose local part starts with a given name)."""
    if f.entity == "PHONE_NUMBER":
        return not f.text.lstrip("+(0 ").startswith("7") and organisation_number(view, f.start)
    if f.entity == "EMAIL_ADDRESS" and "@" in f.text:
        first = re.split(r"[._\-+\d]+", f.text.split("@", 1)[0])[0]
        return not allowlist.is_first_name(first) and organisation_number(view, f.start)
    return False


def split_at_breaks(findings: Iterable[Finding], view: str) -> list[Finding]:
    """Cut person findings at paragraph, table-cell and tag boundaries ("Peggy\n\nMrs Houghton")."""
    out = []
    for f in findings:
        if f.entity != "PERSON" or not BREAK.search(f.text):
            out.append(f)
            continue
        pos = f.start
        for piece in BREAK.split(f.text):
            start = view.index(piece, pos) if piece else pos
            if piece.strip():
                out.append(Finding(start, start + len(piece), f.entity, f.recognizer, f.score, piece))
            pos = start + len(piece)
    return out


def trim(f: Finding, view: str) -> Finding | None:
    """Trim white space and a possessive ('s) from the ends of a span: "Bogdan Ionescu's" keeps
    its "'s" in the text, and a heading keeps its line break."""
    start, end = f.start, f.end
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    if f.entity == "PERSON" and re.search(r"['’][sS]$", view[start:end]) and end - start > 2:
        end -= 2
    if start >= end:
        return None
    return (
        f if (start, end) == (f.start, f.end) else Finding(start, end, f.entity, f.recognizer, f.score, view[start:end])
    )


def person_findings_kept(
    findings: Iterable[Finding],
    view: str,
    allowlist: Allowlist,
    known_parts: set[str],
    text: str | None = None,
    surnames: set[str] | None = None,
) -> list[Finding]:
    """Drop person findings that are public phrases, public words, or lone NER guesses."""
    protected = allowlist.protected_spans(view) + [m.span() for m in KNOWN_LABEL.finditer(view)]
    kept = []
    for found in split_at_breaks(findings, view):
        f = trim(found, view)
        if f is None:
            continue
        if f.entity == "PERSON" and f.recognizer != "RegisterRecognizer" and NOT_NAME.search(f.text):
            continue  # digits, '@', ':' ... ("Nelson BB9 7HX"): not a name
        if f.entity == "PERSON" and f.recognizer in (NER, "NameGazetteerRecognizer"):
            f = extend_name(f, view, allowlist, text)
        if f.entity == "PHONE_NUMBER" and is_service_number(f.text):
            continue  # "Childline on 0800 1111": a service's number, public
        if organisation_contact(f, view, allowlist):
            continue  # "Contact for the Board: 0121 496 0100": the partnership's line, not a person's
        if f.entity not in ("PERSON", "INITIALS"):
            kept.append(f)
            continue
        if any(s <= f.start and f.end <= e for s, e in protected):
            continue
        words = WORD.findall(strip_title(f.text, allowlist))
        titled = f.recognizer == "TitledNameRecognizer" or bool(TITLE_RX.match(f.text))
        if not words or any(allowlist.is_acronym(w) for w in words if w.isupper()):
            continue
        if allowlist.all_public(words) and not (titled and not any(allowlist.is_org_word(w) for w in words)):
            continue  # "Healthwatch Suffolk" goes; "Ms Preston" stays a person
        if STREET_SUFFIX.search(words[-1]) and f.recognizer != "RegisterRecognizer":
            continue  # "Tansy Rise", "Millhouse Row": a street, not a person
        if f.recognizer != "RegisterRecognizer" and SAINT_BEFORE.search(view[max(0, f.start - 8) : f.start]):
            continue  # "St Catherine's Hospice": a saint's name in a place name
        nxt = NEXT_WORD.match(view, f.end)
        if f.entity == "PERSON" and nxt and allowlist.is_org_word(nxt.group(1)) and nxt.group(1)[0].isupper():
            continue  # "James Paget University Hospital", "Mary Seacole House": named after a person
        if (
            len(words) == 1
            and f.recognizer == "NameGazetteerRecognizer"
            and used_publicly(view, f.start, f.end, allowlist, strict=not ambiguous_part(words[0], allowlist))
        ):
            continue  # "services in Dudley and Walsall": the towns, though Dudley is also a given name
        if f.recognizer == NER:
            # An organisation word vetoes a spaCy guess ("Healthwatch Suffolk"), except a leading given
            # name ("April Jones"); places alone do not (many surnames are towns).
            rest = words[1:] if allowlist.is_first_name(words[0]) and len(words) > 1 else words
            if fold(words[0]) in PLACE_PREFIXES and len(words) > 1:
                continue  # "Low Fell", "High Heaton", "Great Ayton": a place, not a person
            if any(allowlist.is_org_word(w) for w in rest) or (
                all(allowlist.is_place(w) for w in words) and not titled
            ):
                continue
            if len(words) == 1 and not (
                (allowlist.is_first_name(words[0].split("-")[0]) and not allowlist.is_common_word(words[0]))
                or words[0] in known_parts
                or TITLE_RX.match(f.text)
                or (allowlist.is_first_name(words[0]) and acts_as_person(view, f.start, f.end))
            ):
                continue  # a lone spaCy guess ("Said", "Gender") needs support
            if (
                len(words) == 1
                and (not allowlist.is_first_name(words[0]) or words[0] in (surnames or ()))
                and used_publicly(view, f.start, f.end, allowlist, strict=not ambiguous_part(words[0], allowlist))
            ):
                continue  # "a family in Nelson": the town, though a DCI Nelson exists
        kept.append(f)
    return kept


def keep_title(f: Finding, view: str, allowlist: Allowlist) -> Finding:
    """ "DCI Marcus Vesey" -> replace "Marcus Vesey" only: the rank is public and reads well."""
    if f.entity != "PERSON":
        return f
    m = re.match(rf"{allowlist.title_pattern}\s+", f.text)
    if not m or m.end() >= len(f.text):
        return f
    if m.group().strip().rstrip(".").casefold() in identifying_titles():
        return f  # "Professor [name withheld]" would narrow down who it is: the title goes too
    start = f.start + m.end()
    return Finding(start, f.end, f.entity, f.recognizer, f.score, view[start : f.end])


def in_public_phrase(f: Finding, view: str, allowlist: Allowlist) -> bool:
    """A one-word declared alias inside a public phrase of several words ("Liberty" in
    "Deprivation of Liberty Safeguards", "Clare" in "Clare's Law") is the phrase, not the person."""
    if " " in f.text.strip():
        return False
    return any(s <= f.start and f.end <= e and " " in view[s:e] for s, e in allowlist.protected_spans(view))
