"""Shapes of text that name a person or a place whatever its words are: a title before a
capitalised word ("Ms Preston", even though Preston is a town), a house number before a street
("23 Hawthorn Drive"), a named school or centre ("Castle Mead Academy"), initials written with
dots or hyphens ("O.B.", "J-P") and reference numbers ("MASH/25/06119", "37/41906/25")."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator

from site_builder.gate.dates import full_dates
from site_builder.gate.spans import covers
from site_builder.gate.vocabulary import Vocabulary, fold, settings

CAP = r"[A-Z][\w'’\-]*"
INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){2,4}(?![\w])|(?<![\w-])[A-Z]-[A-Z](?![\w-])")
REFERENCE = re.compile(r"(?<![\w/-])(?:[A-Za-z]{1,6}[/-])?\d+(?:[/-]\d+)+(?:[/-][A-Za-z]{1,3})?(?![\w/]|-\d)")
LONG_NUMBER = re.compile(r"(?<![\d])\d{8,}(?![\d])")
YEAR_RANGE = re.compile(r"^(?:19|20)\d\d[/-](?:\d\d|(?:19|20)\d\d)$")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@functools.cache
def address_pattern() -> re.Pattern[str]:
    streets = _alternation([str(w) for w in settings().get("street_words", [])])
    return re.compile(
        rf"(?<![\w/])(?:Flat\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+(?:{CAP}\s+){{1,3}}(?:{streets})\b"
    )


@functools.cache
def home_street_pattern() -> re.Pattern[str]:
    """A street named as where someone lives: "a rented house in Hawthorn Drive"."""
    streets = _alternation([str(w) for w in settings().get("street_words", [])])
    return re.compile(
        r"\b(?:house|flat|home|address|lived|lives|living|moved|property|bedsit|maisonette)\b[^.\n]{0,40}?"
        rf"\b(?:in|on|at|to)\s+(?P<street>(?:{CAP}\s+){{1,3}}(?:{streets}))\b"
    )


@functools.cache
def place_pattern() -> re.Pattern[str]:
    kinds = _alternation([str(w) for w in settings().get("place_kinds", [])])
    return re.compile(rf"(?<![\w])(?:{CAP}\s+){{1,4}}(?:{kinds})\b")


def covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return covers(spans, s, e)


def shaped(text: str, vocab: Vocabulary, known: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """Spans of ``text`` whose shape asks a question, with their kind."""
    words = list(re.finditer(r"[^\W_]+(?:['’][^\W_]+)*\.?", text))
    for a, b in itertools.pairwise(words):
        title = fold(a.group()).rstrip(".")
        gap = text[a.end() : b.start()]
        if title in vocab.titles and a.group()[0].isupper() and gap in (" ", "\xa0") and b.group()[0].isupper():
            nxt = fold(b.group()).rstrip(".")
            if covered(known, a.start(), b.end()):
                continue
            if nxt in vocab.titles and re.match(r" [A-Z]", text[b.end() : b.end() + 2]):
                continue  # a chain of titles ("Detective Inspector Moss"): the last pair asks
            # "Ms Preston" asks even though Preston is a town; "Inspector Suffolk" (a table row read
            # as one line) does not: only a short title vouches for a public word after it
            if len(title) <= 4 or not covered(known, b.start(), b.end()):
                yield a.start(), b.end(), "person name"
    kinds = {fold(w) for k in settings().get("place_kinds", []) for w in re.findall(r"[^\W_]+", str(k))}
    for rx, kind in ((address_pattern(), "address"), (place_pattern(), "named place")):
        for m in rx.finditer(text):
            s = m.start()
            lead = re.match(r"(?:(?:The|A|An|At|In|On|To|From|Of|And|Or|By|For|With)\s+)+", text[s : m.end()])
            s += lead.end() if lead else 0
            name = re.match(r"(?:Flat\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+", text[s : m.end()])
            if covered(known, s, m.end()) or (name and covered(known, s + name.end(), m.end())):
                continue  # "30, Bury St Edmunds" is a town, not an address
            if kind == "named place" and all(
                covered(known, s + w.start(), s + w.end()) or fold(w.group()) in kinds
                for w in re.finditer(r"[^\W_]+", text[s : m.end()])
            ):
                continue  # "Ipswich Hospital": a public place and a public kind of place
            yield s, m.end(), kind
    for m in home_street_pattern().finditer(text):
        if not covered(known, *m.span("street")):
            yield m.start("street"), m.end("street"), "address"
    for m in INITIALS.finditer(text):
        if not covered(known, *m.span()) and m.group().replace(".", "").replace(" ", "") not in vocab.acronyms:
            yield m.start(), m.end(), "unknown word"
    for rx in (REFERENCE, LONG_NUMBER):
        for m in rx.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            if digits < 5 or YEAR_RANGE.match(m.group()) or covered(known, *m.span()):
                continue
            if not any(s == 0 and e == len(m.group()) for s, e, _ in full_dates(m.group(), dt.date.today())):
                yield m.start(), m.end(), "reference number"
