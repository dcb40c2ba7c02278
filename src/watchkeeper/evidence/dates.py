"""Publication dates from metadata, header blocks and the text itself, with their precision."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources

import yaml

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s+(?:at\s+|[-–]\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*(?P<ampm>[ap])\.?m\.?)?)?"
_ZONE = r"(?:\s*(?P<zone>[A-Z]{1,4}\b|[+-]\d{2}:?\d{2}))?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# Date shapes of news text, tried in order; `search` finds them inside longer strings.
PATTERNS = (
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME + _ZONE, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})" + _TIME + _ZONE, re.I),
    re.compile(
        r"\b(?P<year>(?:19|20)\d{2})[.\-/](?P<month>\d{1,2})[.\-/](?P<day>\d{1,2})\b"
        r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?)?" + _ZONE
    ),
    # day first, as everywhere but the US: 30.04.2024, 29/03/2024
    re.compile(
        r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>(?:19|20)\d{2})\b"
        r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?" + _ZONE
    ),
)
# Where the text states its own date ("Published 12 February 2025", "date 2024-03-29 (...)").
TEXT_CUES = re.compile(r"\b(?:published|posted|updated|dated?|issued|released)\b[:\s]*", re.I)
TEXT_WINDOW = 800


@dataclass(frozen=True)
class PublicationDate:
    """When a document was published, how precisely that is known, and from where."""

    at: datetime
    precision: str  # minute | day | fetched
    source: str  # metadata | text | fetched


@lru_cache(maxsize=1)
def _zones() -> tuple[dict[str, float], dict[str, float]]:
    data = yaml.safe_load(
        (resources.files("watchkeeper.data") / "evidence/timezones.yaml").read_text(encoding="utf-8")
    )
    return data["abbreviations"], data["countries"]


def _zone(text: str | None, default_hours: float | None) -> timezone | None:
    abbreviations, _ = _zones()
    if text:
        if text[0] in "+-":
            sign = -1 if text[0] == "-" else 1
            digits = text[1:].replace(":", "")
            return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))
        if text.upper() in abbreviations:
            return timezone(timedelta(hours=abbreviations[text.upper()]))
    return timezone(timedelta(hours=default_hours)) if default_hours is not None else None


def _from_match(match: re.Match[str], default_hours: float | None) -> tuple[datetime, str] | None:
    parts = match.groupdict()
    month = parts["month"]
    month_number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    try:
        day = datetime(int(parts["year"]), month_number, int(parts["day"]))
    except ValueError:
        return None
    if parts.get("hour") is None:
        return day.replace(tzinfo=UTC), "day"
    hour = (
        int(parts["hour"]) % 12 + (12 if (parts.get("ampm") or "").lower() == "p" else 0)
        if parts.get("ampm")
        else int(parts["hour"])
    )
    if hour > 23 or int(parts["minute"]) > 59:
        return day.replace(tzinfo=UTC), "day"
    zone = _zone(parts.get("zone"), default_hours) or UTC
    return day.replace(hour=hour, minute=int(parts["minute"]), tzinfo=zone), "minute"


def parse_date(text: str, default_hours: float | None = None) -> tuple[datetime, str] | None:
    """A date (and time, when given) in any of the shapes news uses; None when there is none."""
    value = text.strip()
    if not value:
        return None
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        parsed = None
    if parsed is not None:
        has_time = "T" in value or " " in value.strip()
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=_zone(None, default_hours) if has_time else UTC)
        return parsed, "minute" if has_time else "day"
    pdf = re.match(r"D:(\d{4})(\d{2})(\d{2})", value)
    if pdf:
        return datetime(int(pdf[1]), int(pdf[2]), int(pdf[3]), tzinfo=UTC), "day"
    if re.match(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", value):
        try:
            return parsedate_to_datetime(value), "minute"
        except (TypeError, ValueError):
            pass
    for pattern in PATTERNS:
        match = pattern.search(value)
        if match:
            found = _from_match(match, default_hours)
            if found:
                return found
    return None


def date_in_text(text: str, default_hours: float | None = None) -> tuple[datetime, str] | None:
    """A date the opening of the text gives as its own: after a cue word, else the first date."""
    opening = text[:TEXT_WINDOW]
    for cue in TEXT_CUES.finditer(opening):
        found = parse_date(opening[cue.end() : cue.end() + 60], default_hours)
        if found:
            return found
    # a report's title block: the short lines before its first real paragraph
    for line in opening.split("\n\n")[:4]:
        if len(line) > 200:
            break
        found = parse_date(line, default_hours)
        if found:
            return found
    return None


def publication_date(
    hints: Iterable[str],
    text: str,
    fetched_at: datetime,
    *,
    weak_hints: Iterable[str] = (),
    country: str | None = None,
) -> PublicationDate:
    """The best-supported publication date: metadata, then the text, then weak hints, then fetch time."""
    _, countries = _zones()
    default_hours = countries.get(country) if country else None
    found: list[tuple[datetime, str]] = [d for d in (parse_date(h, default_hours) for h in hints) if d]
    if found:
        # the most precise of the metadata dates, the first one among equals
        best = next((d for d in found if d[1] == "minute"), found[0])
        return PublicationDate(best[0], best[1], "metadata")
    in_text = date_in_text(text, default_hours)
    if in_text:
        return PublicationDate(in_text[0], in_text[1], "text")
    for hint in weak_hints:
        weak = parse_date(hint, default_hours)
        if weak:
            return PublicationDate(weak[0], weak[1], "metadata")
    return PublicationDate(fetched_at, "fetched", "fetched")
