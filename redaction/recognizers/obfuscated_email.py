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

AT = r"(?:\s*[\[({<]\s*(?i:at)\s*[\])}>]\s*|\s+(?i:at)\s+)"
DOT = r"(?:\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*|\s+(?i:dot)\s+|\.)"
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,40}[A-Za-z0-9])?"
LOCAL = rf"[A-Za-z0-9][A-Za-z0-9_%+\-]*(?:{DOT}[A-Za-z0-9_%+\-]+)*"
BRACKETED = re.compile(r"[\[({<]\s*(?:at|dot)\s*[\])}>]", re.I)
SPLIT_DOT = re.compile(DOT)


def plain_address(text: str) -> str:
    """ "jo [dot] smith [at] leeds [dot] gov [dot] uk" -> "jo.smith@leeds.gov.uk"."""
    local, domain = re.split(AT, text, maxsplit=1)
    return ".".join(SPLIT_DOT.split(local)) + "@" + ".".join(SPLIT_DOT.split(domain))


class ObfuscatedEmailRecognizer(RegexRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        ("disguised e-mail", rf"(?<![\w.@])(?P<x>{LOCAL}{AT}{LABEL}(?:{DOT}{LABEL}){{1,4}})(?![\w@])", 0.85),
    ]

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        found = match.group("x")
        words_at = re.search(r"\s(?i:at)\s", found) and re.search(r"\s(?i:dot)\s", found)
        if not (BRACKETED.search(found) or words_at):
            return False
        address = plain_address(found)
        return bool(OFFLINE_EXTRACT(address.split("@", 1)[1]).suffix)
