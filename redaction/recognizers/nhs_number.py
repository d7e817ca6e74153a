"""NHS numbers: ten digits whose Modulus 11 checksum holds, never a placeholder like 000 000 0000.

Written 3-3-4, 4-3-3, in pairs (2-2-2-2-2) or unspaced; a number whose checksum fails stays."""

from __future__ import annotations

import re
from typing import ClassVar

from redaction.recognizers.base import RegexRecognizer
from redaction.text_rules.nhs import nhs_checksum_ok


class NhsNumberRecognizer(RegexRecognizer):
    ENTITY = "UK_NHS"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        ("nhs 3-3-4", r"(?<![\w/.-])\d{3}([ \-.]?)\d{3}\1\d{4}(?![\w/-])", 0.9),
        ("nhs 4-3-3", r"(?<![\w/.-])[1-9]\d{3}([ \-.])\d{3}\1\d{3}(?![\w/-])", 0.85),
        ("nhs in pairs", r"(?<![\w/.-])[1-9]\d([ \-.])\d\d(?:\1\d\d){3}(?![\w/-])", 0.85),
    ]
    CONTEXT: ClassVar[list[str]] = ["nhs", "nhs no", "nhs number", "health service"]

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        digits = re.sub(r"\D", "", match.group())
        if len(set(digits)) == 1 or digits.startswith("000"):
            return False
        return nhs_checksum_ok(digits)
