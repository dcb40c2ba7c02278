"""IMO numbers as the matcher compares them (the check digit itself is the lists stage's ``valid_imo``)."""

from __future__ import annotations

import re

from watchkeeper.lists import valid_imo

_DIGITS = re.compile(r"\D")

__all__ = ["normalize_imo", "valid_imo"]


def normalize_imo(value: str | int | None) -> str | None:
    """An IMO number as its digits ("IMO 9138501" -> "9138501"), or None when there is none."""
    if value is None:
        return None
    digits = _DIGITS.sub("", str(value))
    return digits or None
