"""The partnership's public contact details (``public_contacts:``): never replaced by any recogniser.

A phone number is matched by its digits however it is spaced (``01632 960 000``, ``01632960000``,
``+44 1632 960000``); an e-mail address, a postcode or the office's street address in any case and
with any spacing. A finding that is a contact, lies inside one, or is a part of the office address
("8 Russell Road" of "Endeavour House, 8 Russell Road, Ipswich IP1 2BX") is public.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

NON_DIGIT = re.compile(r"\D")
SEPARATORS = re.compile(r"[\s,.;:()\-–]+")
#: Parts of the office address shorter than this are not matched on their own (a house number).
MIN_PART = 8


def contact_key(text: str) -> str:
    """How a value is compared: national digits for a phone number, else folded text without spaces."""
    digits = NON_DIGIT.sub("", text)
    if len(digits) >= 7 and "@" not in text and len(digits) >= len(re.sub(r"[\W_]", "", text)) - 2:
        if digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        return digits
    return SEPARATORS.sub(" ", text).strip().casefold()


def _pattern(contact: str) -> str:
    key = contact_key(contact)
    if key.isdigit():  # a phone number: its digits with any separators, from 0 or +44
        rest = key[1:] if key.startswith("0") else key
        return r"(?:\+44[\s\-]*(?:\(0\)[\s\-]*)?|0)" + r"[\s\-()]*".join(re.escape(d) for d in rest)
    words = [re.escape(w) for w in key.split()]
    return r"[\s,.;:()\-–]*".join(words)


@dataclass(frozen=True)
class PublicContacts:
    contacts: tuple[str, ...]

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(contact_key(c) for c in self.contacts if c.strip())

    @functools.cached_property
    def pattern(self) -> re.Pattern[str] | None:
        parts = [_pattern(c) for c in self.contacts if c.strip()]
        return re.compile(rf"(?<![\w])(?:{'|'.join(parts)})(?![\w])", re.I) if parts else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.pattern.finditer(text)] if self.pattern else []

    def is_public(self, value: str) -> bool:
        """A contact itself, or a part of one of at least ``MIN_PART`` characters (the street
        line of the office address)."""
        key = contact_key(value)
        if not key or key in self.keys:
            return bool(key)
        if key.isdigit() or len(key) < MIN_PART:
            return False
        return any(f" {key} " in f" {k} " for k in self.keys if not k.isdigit())
