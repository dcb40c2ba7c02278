"""IMO numbers: the seven-digit hull number whose last digit checks the first six."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\D")


def normalize_imo(value: str | int | None) -> str | None:
    """An IMO number as its seven digits ("IMO 9138501" -> "9138501"), or None when there is none."""
    if value is None:
        return None
    digits = _DIGITS.sub("", str(value))
    return digits or None


def valid_imo(imo: str) -> bool:
    """True when seven digits pass the IMO check (digits weighted 7..2, sum's last digit = the seventh)."""
    if len(imo) != 7 or not imo.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(imo[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(imo[6])
