"""The NHS number's Modulus 11 checksum (no engine imports)."""

from __future__ import annotations


def nhs_checksum_ok(digits: str) -> bool:
    """Whether ``digits`` are ten digits whose last is the Modulus 11 check digit of the nine before."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])
