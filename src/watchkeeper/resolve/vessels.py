"""IMO numbers as the matcher compares them (the check digit itself is the lists stage's ``valid_imo``)."""

from __future__ import annotations

import re

from watchkeeper.lists import valid_imo

_DIGITS = re.compile(r"\D")

__all__ = ["imo_only", "normalize_imo", "valid_imo"]


def normalize_imo(value: str | int | None) -> str | None:
    """An IMO number as its digits ("IMO 9138501" -> "9138501"), or None when there is none."""
    if value is None:
        return None
    digits = _DIGITS.sub("", str(value))
    return digits or None


_IMO_ONLY = re.compile(r"^\s*(?:IMO(?:\s*(?:no\.?|number|:))?\s*:?\s*)?(\d{7})\s*$", re.IGNORECASE)


def imo_only(text: str) -> str | None:
    """The IMO number a query line consists of ("IMO 9114555", "9114555"), if valid; else None.

    Screening forms take one query per line: a line that is nothing but a valid IMO number screens that hull.
    """
    found = _IMO_ONLY.match(text or "")
    return found.group(1) if found and valid_imo(found.group(1)) else None
