"""E-mail addresses written to dodge a scraper: "jo.smith [at] leeds [dot] gov [dot] uk",
"jo(at)example(dot)org", "jo smith at example dot org".

An address counts when its ending is a real public suffix (tldextract's bundled list, offline)
and it is visibly disguised: a bracketed "at"/"dot", or the words "at" and "dot" both written out.
"""

from __future__ import annotations

import re
from typing import ClassVar

from redaction.recognizers.base import RegexRecognizer
from redaction.recognizers.email import OFFLINE_EXTRACT
from redaction.text_rules.email_address import DOT, plain_address

BRACKET_AT = r"(?:\s*[\[({<]\s*(?i:at)\s*[\])}>]\s*)"
WORD_AT = r"(?:\s+(?i:at)\s+)"
DISGUISED_DOT = r"(?:\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*|\s+(?i:dot)\s+)"
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,40}[A-Za-z0-9])?"
LOCAL = rf"[A-Za-z0-9][A-Za-z0-9_%+\-]*(?:{DOT}[A-Za-z0-9_%+\-]+)*"
# With "at" written as a word, a disguised "dot" must follow in the domain ("jo at leeds dot gov dot
# uk"): "staff at leeds.gov.uk" is an ordinary sentence.
DOMAIN_AFTER_BRACKET = rf"{LABEL}(?:{DOT}{LABEL}){{1,4}}"
DOMAIN_AFTER_WORD = rf"{LABEL}(?:{DOT}{LABEL}){{0,3}}{DISGUISED_DOT}{LABEL}(?:{DOT}{LABEL}){{0,3}}"
BRACKETED = re.compile(r"[\[({<]\s*(?:at|dot)\s*[\])}>]", re.I)


class ObfuscatedEmailRecognizer(RegexRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        ("bracketed at", rf"(?<![\w.@])(?P<x>{LOCAL}{BRACKET_AT}{DOMAIN_AFTER_BRACKET})(?![\w@])", 0.85),
        ("at and dot as words", rf"(?<![\w.@])(?P<x>{LOCAL}{WORD_AT}{DOMAIN_AFTER_WORD})(?![\w@])", 0.85),
    ]

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        found = match.group("x")
        address = plain_address(found)
        return bool(OFFLINE_EXTRACT(address.split("@", 1)[1]).suffix)
