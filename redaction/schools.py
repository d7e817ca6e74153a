"""Named schools in reviews: a review is about one family, so the school it names is theirs
("Oakham Fields Primary" -> "the school"); generic ones ("the Virtual School") stay."""

from __future__ import annotations

import re

from redaction.allowlist import Allowlist, fold
from redaction.engine import Finding

SCHOOL = re.compile(
    r"\b(?:[A-Z][\w'’\-]*[ \t]+){1,4}(?:Primary|Secondary|High|Infant|Junior|Grammar|Community|Church of England|"
    r"C of E|CE|Catholic|Free|Special)?[ \t]*(?:School|Academy|College|Nursery|Primary|Infants|Juniors)\b"
)
GENERIC_SCHOOL_WORDS = {
    "virtual",
    "special",
    "free",
    "primary",
    "secondary",
    "high",
    "infant",
    "junior",
    "independent",
    "residential",
    "local",
    "catholic",
    "church",
    "village",
    "grammar",
    "community",
    "pupil",
    "referral",
    "alternative",
    "the",
    "a",
    "her",
    "his",
    "their",
    "new",
    "previous",
    "same",
}


def school_findings(view: str, allowlist: Allowlist) -> list[Finding]:
    """Named schools ("Oakham Fields Primary"), not generic ones ("the Virtual School", "a Special School")."""
    out = []
    for m in SCHOOL.finditer(view):
        words = m.group().split()
        named = [w for w in words[:-1] if fold(w) not in GENERIC_SCHOOL_WORDS and not allowlist.is_org_word(w)]
        if named and not any(s <= m.start() and m.end() <= e for s, e in allowlist.protected_spans(view)):
            out.append(Finding(m.start(), m.end(), "SCHOOL", "SchoolInReview", 0.8, m.group()))
    return out
