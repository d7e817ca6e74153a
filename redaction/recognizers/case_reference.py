"""Police crime numbers and case references, found by their context ("crime ref 37/22870/24",
"MASH ref 2025/004417", "Case 25/017"). Financial years ("2024/25") and section numbers stay."""

from __future__ import annotations

import re
from typing import ClassVar

from redaction.recognizers.base import RegexRecognizer

CONTEXT_WORDS = (
    r"(?:crime|incident|occurrence|log|case|ref|reference|referral|urn|crn|cn|cad|niche|athena|"
    r"storm|mash|cdop|police|investigation|job|file|custody|pnc|serial|record|docket|claim|"
    r"tenancy|home\s+office|ho|ukvi|immigration|housing|account|court|rent)"
)
# Between the cue and the reference: "number", "no.", "is", a colon, a bracket ("reference (B7845123)").
LINK = r"(?:\s+(?i:no|nos|number|numbers|ref|reference|id|crime|case|log)\b)?\.?(?:\s*(?:(?i:is|was)\b|[:#(\[]))*\s*"
# After a context word: any token of letters, digits, '/' and '-' that holds at least four digits.
REF = r"(?=[A-Za-z0-9/\-]*\d(?:[A-Za-z/\-]*\d){3})[A-Za-z0-9](?:[A-Za-z0-9]|[/\-](?=[A-Za-z0-9])){3,24}"


class CaseReferenceRecognizer(RegexRecognizer):
    ENTITY = "CASE_REFERENCE"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        (
            "reference with context",
            rf"(?i:\b{CONTEXT_WORDS}\b){LINK}(?P<x>{REF})(?![\w/])",
            0.85,
        ),
        ("three-part reference", r"(?<![\w/])(?P<x>(?=[A-Z]*\d)[0-9A-Z]{1,6}/\d{3,8}/\d{2,4})(?![\w/])", 0.7),
        (
            "structured reference near its context",
            rf"(?i:\b{CONTEXT_WORDS}\b)[^.\n]{{1,40}}?\s(?P<x>(?=[\w/\-]*\d(?:[\w/\-]*\d){{3}})"
            r"[A-Za-z0-9]+(?:[/\-][A-Za-z0-9]+)+)(?![\w/])",
            0.75,
        ),
    ]

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        ref = match.group("x")
        parts = re.split(r"[/-]", ref)
        # A financial or academic year (2024/25, 2024-2025) is not a reference.
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            a, b = parts
            if len(a) == 4 and a.startswith(("19", "20")) and len(b) in (2, 4) and int(b[-2:]) == (int(a) + 1) % 100:
                return False
        # A plain date or a bare year is not a reference.
        if re.fullmatch(r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}", ref) or re.fullmatch(r"(?:19|20)\d\d", ref):
            return False
        return any(ch.isdigit() for ch in ref) and len(re.sub(r"\D", "", ref)) >= 4
