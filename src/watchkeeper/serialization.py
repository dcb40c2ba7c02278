"""JSON serialisation of the values our records carry, shared by the CLI, exports and the API.

One policy for every JSON we write: strict JSON (RFC 8259). NaN and ±Infinity, which Python's ``json``
writes as bare ``NaN``/``Infinity`` that ``jq`` and ``JSON.parse`` reject, become ``null``; the encoder runs
with ``allow_nan=False`` so a value that slips past the cleaning raises instead of writing invalid JSON.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any


def finite(value: Any) -> Any:
    """``value`` with every non-finite float (NaN, ±Infinity) inside dicts, lists and tuples made None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def json_default(value: object) -> object:
    """Dates as ISO 8601, decimals as numbers, enums by value, paths as strings, sets as lists."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return finite(list(value))
    if hasattr(value, "model_dump"):
        return finite(value.model_dump(mode="json"))
    raise TypeError(f"cannot serialise {type(value).__name__} to JSON")


def dumps(value: Any, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """``value`` as strict JSON text (non-finite floats as null; UTF-8 kept as is)."""
    return json.dumps(
        finite(value),
        default=json_default,
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        sort_keys=sort_keys,
    )
