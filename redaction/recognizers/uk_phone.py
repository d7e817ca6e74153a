"""UK telephone numbers, including Ofcom's reserved drama ranges that ``phonenumbers`` rejects.

Presidio's own PhoneRecognizer (region GB) also runs; this one catches numbers it refuses as
"invalid" (07700 900xxx) and international forms (+44 7700 900xxx, +44 (0)1473 ...).
"""

from __future__ import annotations

import re
from typing import ClassVar

from redaction.recognizers.base import RegexRecognizer


def is_service_number(text: str) -> bool:
    """Freephone, non-geographic and short helpline numbers (0800, 0808, 0300, 0345, 0845, 116 123,
    111, 999) belong to services, never to a person: they are public and stay."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits.startswith(("080", "084", "087", "03", "116", "111", "999", "0500")) or len(digits) <= 6


class UkPhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        ("uk mobile", r"(?<![\w+])(?:\+44[ \-]?\(?0?\)?[ \-]?|0)7\d{3}[ \-]?\d{3}[ \-]?\d{3}(?![\w])", 0.8),
        (
            "uk landline",
            r"(?<![\w+])(?:\+44[ \-]?\(?0?\)?[ \-]?|0)[1-3]\d{2,4}\)?[ \-]?\d{3,4}[ \-]?\d{3,4}(?![\w])",
            0.7,
        ),
    ]

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        digits = re.sub(r"\D", "", match.group())
        if digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        if len(set(digits[1:])) <= 1:
            return False
        return 10 <= len(digits) <= 11
