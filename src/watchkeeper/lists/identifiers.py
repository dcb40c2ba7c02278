"""Identifiers of ships and companies: IMO numbers (with their check digit) and MMSIs."""

from __future__ import annotations

import re

# "IMO Number: 5342883", "(IMO) Number: 1790183", "Company Number IMO 5434358" inside the UN list's comments.
_COMMENT_IMO = re.compile(r"\bIMO\)?(?:\s+number)?\s*:?\s*(\d{7})\b", re.IGNORECASE)
_MMSI = re.compile(r"\d{9}")


def clean_imo(value: str) -> str:
    """The seven digits of an IMO number written as "IMO 9123456", "9123456" or "IMO9123456"."""
    text = value.strip().upper().removeprefix("IMO").strip().lstrip(":").strip()
    return text


def valid_imo(imo: str) -> bool:
    """True when ``imo`` is a seven-digit ship IMO number whose last digit is its check digit.

    The check digit is the last digit of the sum of the first six digits weighted 7, 6, 5, 4, 3, 2.
    """
    digits = clean_imo(imo)
    if len(digits) != 7 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(digits[6])


def valid_mmsi(mmsi: str) -> bool:
    """True when ``mmsi`` is a Maritime Mobile Service Identity: exactly nine digits."""
    return bool(_MMSI.fullmatch(mmsi.strip()))


def imo_numbers_in_text(text: str) -> list[str]:
    """IMO numbers written in free text such as the UN list's COMMENTS1, in order, without repeats."""
    found: list[str] = []
    for match in _COMMENT_IMO.finditer(text):
        if match.group(1) not in found:
            found.append(match.group(1))
    return found
