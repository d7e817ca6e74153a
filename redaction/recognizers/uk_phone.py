"""UK telephone numbers, including Ofcom's reserved drama ranges that ``phonenumbers`` rejects.

Presidio's own PhoneRecognizer (region GB) also runs; this one catches numbers it refuses as
"invalid" (07700 900xxx), international forms (+44 7700 900xxx, +44 (0)1473 ..., 0044 ...), any
grouping of the digits ("079 1153 7596") and an area code in brackets ("(07700) 941318").
"""

from __future__ import annotations

import re
from typing import ClassVar

from redaction.recognizers.base import RegexRecognizer

# The start of a UK number: 0, +44 or 0044 (with an optional "(0)"), or the area code in brackets.
PREFIX = r"(?:(?:\+|00)[ \t]?44[ \t\-]?(?:\(0\)[ \t\-]?)?|\(0|0)"
# Digits in any grouping a writer uses: "07700 900123", "079 1153 7596", "(07700) 941318".
DIGITS = r"(?:[ \t\-.]?\)?[ \t\-.]?\d)"


class UkPhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        ("uk mobile", rf"(?<![\w+(])(?P<x>{PREFIX}7\d{DIGITS}{{8}})(?![\w])", 0.8),
        ("uk landline", rf"(?<![\w+(])(?P<x>{PREFIX}[1-3]\d{DIGITS}{{7,8}})(?![\w])", 0.7),
    ]

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        number = match.group("x")
        if number.count("(") != number.count(")"):
            return False  # "(07700 900123" is not how anyone writes a number
        digits = re.sub(r"\D", "", number)
        if digits.startswith("0044"):
            digits = digits[2:]
        if digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        if len(set(digits[1:])) <= 1:
            return False
        return 10 <= len(digits) <= 11
