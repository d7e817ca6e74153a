"""Structured identifiers: NHS numbers (valid checksum), NI numbers, UK phone numbers, e-mail
addresses, postcodes and dates of birth (introduced as such), unless on the public allowlist.

The project's own recognisers (``redaction.recognizers``) and Presidio's pattern recognisers are
reused as they are: they are plain regular expressions with validation and need no spaCy model.
They are built on the first scan, not when the scanner is made: importing Presidio costs about a
second, and a rebuild whose pages are all unchanged (verdicts cached) scans nothing. Public
contact details (``public_contacts:`` in openness.yml) are compared by their digits (phone
numbers) or case-folded (e-mail addresses, postcodes), so a public number passes however it is
spaced.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from redaction import recognizers
from redaction.allowlist import Allowlist
from redaction.text_rules.nhs import nhs_checksum_ok
from site_builder.gate.report import Hit

log = logging.getLogger(__name__)
KINDS = {
    "UK_NHS": "NHS number",
    "UK_NINO": "NI number",
    "PHONE_NUMBER": "phone number",
    "EMAIL_ADDRESS": "e-mail address",
    "UK_POSTCODE": "postcode",
    "DATE_OF_BIRTH": "date of birth",
}
NON_DIGIT = re.compile(r"\D")
SPACE = re.compile(r"\s+")
CACHE_SIZE = 20000
_SEEN: dict[tuple[str, str], list[tuple[int, int, str]]] = {}


def contact_key(text: str) -> str:
    """How a value is compared with the public contacts: digits for numbers, else folded text."""
    digits = NON_DIGIT.sub("", text)
    if len(digits) >= 7 and "@" not in text:
        if digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        return digits
    return SPACE.sub("", text).casefold()


@functools.lru_cache(maxsize=4)
def identifier_recognizers(allowlist: Allowlist) -> list[tuple[Any, str]]:
    """Each recogniser with the entity it finds; ``analyze(text, [entity], None)`` needs no NLP.
    Imports Presidio (``redaction.recognizers`` imports each recogniser when first named); built
    once per allowlist (``site_builder.warm`` may build them while the generator runs)."""
    from presidio_analyzer.predefined_recognizers import UkNinoRecognizer, UkPostcodeRecognizer

    return [
        (recognizers.NhsNumberRecognizer(allowlist=allowlist), "UK_NHS"),
        (recognizers.UkPhoneRecognizer(allowlist=allowlist), "PHONE_NUMBER"),
        (recognizers.OfflineEmailRecognizer(), "EMAIL_ADDRESS"),
        (UkNinoRecognizer(), "UK_NINO"),
        (UkPostcodeRecognizer(), "UK_POSTCODE"),
        (recognizers.DateOfBirthRecognizer(allowlist=allowlist), "DATE_OF_BIRTH"),
    ]


class EarlyIdentifiers(Protocol):
    """The recognisers already loaded in another process (``site_builder.prestart``)."""

    def identifiers(self, allowlist: Allowlist, text: str) -> list[tuple[int, int, str]] | None:
        """:func:`raw_matches` there, or None when it cannot answer (the caller then scans itself)."""


def raw_matches(recognizers: list[tuple[Any, str]], text: str) -> list[tuple[int, int, str]]:
    """Every recogniser's matches in ``text``: (start, end, entity)."""
    return [
        (r.start, r.end, entity) for recognizer, entity in recognizers for r in recognizer.analyze(text, [entity], None)
    ]


@dataclass
class IdentifierScanner:
    """Runs every identifier recogniser over a text and drops public contacts. With ``early``,
    the recognisers run in the process that has Presidio loaded already, when it can answer."""

    allowlist: Allowlist
    early: EarlyIdentifiers | None = None

    def __post_init__(self) -> None:
        self.public = {contact_key(c) for c in self.allowlist.public_contacts}
        self.public_key = "\0".join(sorted(self.public))
        self._recognizers: list[tuple[Any, str]] | None = None
        self.validators: dict[str, Callable[[str], bool]] = {"UK_NHS": lambda t: nhs_checksum_ok(NON_DIGIT.sub("", t))}

    @property
    def recognizers(self) -> list[tuple[Any, str]]:
        """The recognisers, built (and Presidio imported) when the first text is scanned."""
        if self._recognizers is None:
            self._recognizers = identifier_recognizers(self.allowlist)
        return self._recognizers

    def is_public(self, text: str) -> bool:
        return contact_key(text) in self.public

    def scan(self, text: str, view: str) -> list[Hit]:
        """Identifier hits in ``text`` (remembered per process: a re-check of a site is fast)."""
        key = (self.public_key, text)
        if key not in _SEEN:
            if len(_SEEN) > CACHE_SIZE:
                _SEEN.clear()
            _SEEN[key] = self._scan(text)
        return [Hit(view, s, e, kind) for s, e, kind in _SEEN[key]]

    def _scan(self, text: str) -> list[tuple[int, int, str]]:
        found = self.early.identifiers(self.allowlist, text) if self.early is not None else None
        if found is None:
            found = raw_matches(self.recognizers, text)
        hits = []
        for start, end, entity in found:
            value = text[start:end]
            check = self.validators.get(entity)
            if check is not None and not check(value):
                continue
            if self.is_public(value):
                continue
            hits.append((start, end, KINDS[entity]))
        return hits
