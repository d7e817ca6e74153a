"""Telephone numbers that belong to services, not people (no engine imports)."""

from __future__ import annotations

import re


def is_service_number(text: str) -> bool:
    """Freephone, non-geographic and short helpline numbers (0800, 0808, 0300, 0345, 0845, 116 123,
    111, 999) belong to services, never to a person: they are public and stay."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits.startswith(("080", "084", "087", "03", "116", "111", "999", "0500")) or len(digits) <= 6
