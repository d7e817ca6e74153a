"""Street addresses with a house number ("12 Kittiwake Road", "Flat 4, 19 Larchwood Close")."""

from __future__ import annotations

import re
from typing import ClassVar

from redaction.recognizers.base import RegexRecognizer
from redaction.vocabulary import street_suffixes

SUFFIX = street_suffixes().pattern()
NOT_STREET_WORDS = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "children",
    "adults",
    "people",
    "families",
    "cases",
    "schools",
    "members",
    "staff",
    "per",
    "cent",
}
BUILDING = r"(?:House|Court|Lodge|Tower|Mansions|Building)"
WORD = r"[A-Z][\w'’\-]*"


class StreetAddressRecognizer(RegexRecognizer):
    ENTITY = "STREET_ADDRESS"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        (
            "numbered street",
            rf"(?P<x>(?:(?:Flat|Apartment|Apt|Unit|Room)[ \t]+\d+[A-Za-z]?,?[ \t]+)?"
            rf"(?<![\d,.])\d{{1,3}}[A-Za-z]?(?:-\d{{1,3}})?,?[ \t]+(?:{WORD}[ \t]+){{0,3}}{SUFFIX})\b",
            0.85,
        ),
        (
            "home street by context",
            r"(?i:\b(?:flat|house|home|address|lived|lives|living|moved|property|maisonette|bungalow|tenancy)\b)"
            rf"[^.\n]{{0,30}}?\b(?:on|in|at|to)[ \t]+(?:the[ \t]+)?(?P<x>(?:{WORD}[ \t]+){{1,3}}{SUFFIX})\b",
            0.8,
        ),
        (
            "flat in a named building",
            rf"(?P<x>(?:Flat|Apartment|Apt)[ \t]+\d+[A-Za-z]?,?[ \t]+(?:{WORD}[ \t]+){{1,3}}{BUILDING})\b",
            0.85,
        ),
    ]

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        """'12 Month Review Way' is not an address: quantities of time or people are never street names."""
        words = {w.strip(",").lower() for w in match.group("x").split()[1:-1]}
        return not words & NOT_STREET_WORDS
