"""Publication dates from metadata, header blocks and the text itself, with their precision.

A date is only a publication date when it is plausible: from 1900 on and not more than a day after the
document was fetched. Placeholders such as ``0001-01-01T00:00:00Z`` and far-future stamps are absent dates.
When nothing gives a date, ``publication_date`` says so (source ``fetched``); the document is then stored
with no publication date, never with the fetch time standing in as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources

import yaml

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "января"),
            ("february", "feb", "февраля"),
            ("march", "mar", "марта"),
            ("april", "apr", "апреля"),
            ("may", "мая"),
            ("june", "jun", "июня"),
            ("july", "jul", "июля"),
            ("august", "aug", "августа"),
            ("september", "sep", "sept", "сентября"),
            ("october", "oct", "октября"),
            ("november", "nov", "ноября"),
            ("december", "dec", "декабря"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_TIME = r"(?:,?\s+(?:at\s+|[-–]\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*(?P<ampm>[ap])\.?m\.?)?)?"
_ZONE = r"(?:\s*(?P<zone>[A-Z]{1,4}\b|[+-]\d{2}:?\d{2}))?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# Date shapes of news text, tried in order; `search` finds them inside longer strings.
PATTERNS = (
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME + _ZONE, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})" + _TIME + _ZONE, re.I),
    re.compile(
        r"\b(?P<year>(?:19|20)\d{2})[.\-/](?P<month>\d{1,2})[.\-/](?P<day>\d{1,2})\b"
        r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?)?" + _ZONE
    ),
    # day first, as everywhere but the US: 30.04.2024, 29/03/2024
    re.compile(
        r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>(?:19|20)\d{2})\b"
        r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?" + _ZONE
    ),
    # Chinese, Japanese and Korean: 2017年03月18日 10:00, 2018년 10월 18일
    re.compile(
        r"(?P<year>(?:19|20)\d{2})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
        r"(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
    ),
)
# A wire dateline with no year: "SEOUL, March 28 (Yonhap) --", "Sept. 1 (UPI) —", "Pyongyang, Sep 16 (IANS)".
DATELINE = re.compile(
    r"^(?:[^\n,()]{1,40},\s*){0,3}" + _MONTH + r"\s+" + _DAY + r"\b,?\s*\([^()\n]{1,40}\)", re.I | re.M
)
# A weekday naming its date without a year: "on Thursday (March 28)", "Thursday, March 28".
WEEKDAY_DATE = re.compile(
    r"\b(?P<weekday>"
    + "|".join(WEEKDAYS)
    + r")\s*(?:,\s*|\(\s*)"
    + _MONTH
    + r"\s+"
    + _DAY
    + r"\b(?!,?\s*\d{4})",
    re.I,
)
EARLIEST_YEAR = 1900  # before this a "publication date" is a placeholder (0001-01-01) or a typo
FUTURE_SLACK = timedelta(days=1)  # time zones put a fresh report up to a day after our clock
# Where the text states its own date ("Published 12 February 2025", "date 2024-03-29 (...)").
TEXT_CUES = re.compile(
    r"(?:\b(?:published|posted|updated|dated?|issued|released|опубликовано|обновлено)\b|입력|发布于?|發[佈布]於?)"
    r"[:\s|]*",
    re.I,
)
TEXT_WINDOW = 800
TITLE_BLOCK_LINES = 6  # headline, kicker, byline, date line, caption: the short lines a page dump opens with
LEAD_DATE_CHARS = (
    80  # a date line a page dump glued to the start of the lead paragraph sits this near its start
)
# A date governed by one of these words is an event's ("on 28 July 2017, ..."), not the page's own.
_GOVERNED = re.compile(r"\b(?:on|in|since|from|until|after|before|by|of|at|during)\s*$", re.I)
# The date of an archive photo is the photo's: lines naming one are not read for the page's date.
FILE_PHOTO = re.compile(r"file (?:photo|image)|archive photo|자료사진|资料图|資料照|архивное фото", re.I)
# Dates in article paths, most specific first: /2016/11/29/, /20220326/, /05-May-2019/, /2022/03/.
URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?=[/._-]|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?=[/._-]|$)"),
    re.compile(r"/(?P<day>\d{1,2})-(?P<month>[a-z]{3,9})-(?P<year>(?:19|20)\d{2})(?=/)", re.I),
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[01]?\d)(?=/)"),
)
# An article number that starts with its date (/2022011806315643892): weaker, it may be a plain number.
URL_ID_DATE = re.compile(r"/(?P<year>20\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)\d{6,}(?=[/._?-]|$)")


@dataclass(frozen=True)
class PublicationDate:
    """When a document was published, how precisely that is known, and from where."""

    at: datetime
    precision: str  # minute | day | fetched
    source: str  # metadata | url | text | fetched

    @property
    def known(self) -> bool:
        """False when nothing gave a date and ``at`` is only the fetch time (never stored as published)."""
        return self.source != "fetched"


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
        try:
            return datetime(int(pdf[1]), int(pdf[2]), int(pdf[3]), tzinfo=UTC), "day"
        except ValueError:
            return None
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


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def plausible(at: datetime, fetched_at: datetime) -> bool:
    """Whether a date can be a publication date: from 1900 on, and at most a day after the fetch."""
    # the years are compared first: converting year 1 or 9999 to UTC can overflow
    return EARLIEST_YEAR <= at.year <= fetched_at.year + 1 and _utc(at) <= _utc(fetched_at) + FUTURE_SLACK


def _years_mentioned(text: str, until: int) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text) if int(y) <= until]


def _resolve_year(
    month: int, day: int, weekday: int | None, text: str, fetched_at: datetime, *, live: bool
) -> date | None:
    """The one year a month-day date without a year can have, or None when the text leaves it open.

    A page fetched live is from the last twelve months. Otherwise a weekday must pin the year: the report's
    year is the latest year its text mentions or the next one, and only one of those may match the weekday.
    """
    latest = (_utc(fetched_at) + FUTURE_SLACK).date()

    def on(year: int) -> date | None:
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        return found if found <= latest and (weekday is None or found.weekday() == weekday) else None

    if live:
        return on(latest.year) or on(latest.year - 1)
    mentioned = _years_mentioned(text, latest.year)
    if weekday is None or not mentioned:
        return None
    floor = max(mentioned)
    candidates = [d for d in (on(floor), on(floor + 1)) if d is not None]
    return candidates[0] if len(candidates) == 1 else None


def _yearless(opening: str, text: str, fetched_at: datetime, live: bool) -> tuple[datetime, str] | None:
    for pattern in (DATELINE, WEEKDAY_DATE):
        for match in pattern.finditer(opening):
            parts = match.groupdict()
            weekday = WEEKDAYS.index(parts["weekday"].lower()) if parts.get("weekday") else None
            month = MONTHS[parts["month"].lower().rstrip(".")]
            found = _resolve_year(month, int(parts["day"]), weekday, text, fetched_at, live=live)
            if found is not None:
                return datetime(found.year, found.month, found.day, tzinfo=UTC), "day"
    return None


def date_in_text(
    text: str,
    default_hours: float | None = None,
    *,
    fetched_at: datetime | None = None,
    live: bool = False,
) -> tuple[datetime, str] | None:
    """A date the opening of the text gives as its own: after a cue word, in the title block, a dateline.

    With ``fetched_at``, implausible dates are passed over and a dateline without a year is placed in the
    year the text pins down (see ``_resolve_year``); without it, only dates that carry their year count.
    """
    opening = text[:TEXT_WINDOW]

    def fits(found: tuple[datetime, str] | None) -> bool:
        return found is not None and (fetched_at is None or plausible(found[0], fetched_at))

    for cue in TEXT_CUES.finditer(opening):
        found = parse_date(opening[cue.end() : cue.end() + 60], default_hours)
        if found is not None and fits(found):
            return found
    # a report's title block: the short lines before its first real paragraph
    for line in opening.split("\n\n")[:TITLE_BLOCK_LINES]:
        if FILE_PHOTO.search(line):
            continue
        if len(line) > 200:
            found = _lead_date(line[:LEAD_DATE_CHARS], default_hours)
            if found is not None and fits(found):
                return found
            break
        found = parse_date(line, default_hours)
        if found is not None and fits(found):
            return found
    return _yearless(opening, text, fetched_at, live) if fetched_at is not None else None


def _lead_date(start: str, default_hours: float | None) -> tuple[datetime, str] | None:
    """The first date at the start of a lead paragraph, unless a preposition makes it an event's date."""
    matches = [m for m in (pattern.search(start) for pattern in PATTERNS) if m is not None]
    if not matches:
        return None
    first = min(matches, key=lambda m: m.start())
    if _GOVERNED.search(start[: first.start()]):
        return None
    return _from_match(first, default_hours)


def date_in_url(url: str | None, *, article_numbers: bool = False) -> tuple[datetime, str] | None:
    """The date a site writes into an article path: /2016/11/29/, /20220326/, /05-May-2019/, /2022/03/.

    With ``article_numbers``, an article number that starts with a date (/2022011806315643892) counts too.
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?", 1)[0]
    for pattern in (URL_ID_DATE,) if article_numbers else URL_DATES:
        match = pattern.search(path)
        if match:
            parts = match.groupdict()
            month = parts["month"]
            number = int(month) if month.isdigit() else MONTHS.get(month.lower())
            try:
                day = datetime(int(parts["year"]), number or 0, int(parts.get("day") or 1), tzinfo=UTC)
            except ValueError:
                continue
            return day, "day" if parts.get("day") else "month"
    return None


def publication_date(
    hints: Iterable[str],
    text: str,
    fetched_at: datetime,
    *,
    weak_hints: Iterable[str] = (),
    country: str | None = None,
    url: str | None = None,
    live: bool = False,
) -> PublicationDate:
    """The best-supported publication date: metadata, the URL, the text, weak hints; else the fetch time.

    Implausible dates (placeholders, the far future) are skipped wherever they come from. The fetch-time
    answer has source ``fetched`` and ``known`` False: a caller stores no publication date for it.
    """
    _, countries = _zones()
    default_hours = countries.get(country) if country else None
    found: list[tuple[datetime, str]] = [
        d for d in (parse_date(h, default_hours) for h in hints) if d and plausible(d[0], fetched_at)
    ]
    if found:
        # the most precise of the metadata dates, the first one among equals
        best = next((d for d in found if d[1] == "minute"), found[0])
        return PublicationDate(best[0], best[1], "metadata")
    in_url = date_in_url(url)
    if in_url and in_url[1] == "day" and plausible(in_url[0], fetched_at):
        return PublicationDate(in_url[0], in_url[1], "url")
    in_text = date_in_text(text, default_hours, fetched_at=fetched_at, live=live)
    month_in_url = in_url if in_url and plausible(in_url[0], fetched_at) else None
    if in_text and month_in_url and in_text[0].strftime("%Y-%m") != month_in_url[0].strftime("%Y-%m"):
        # the path was fixed when the article went up; a text date of another month is a render date
        return PublicationDate(month_in_url[0], month_in_url[1], "url")
    if in_text:
        return PublicationDate(in_text[0], in_text[1], "text")
    for hint in weak_hints:
        weak = parse_date(hint, default_hours)
        if weak and plausible(weak[0], fetched_at):
            return PublicationDate(weak[0], weak[1], "metadata")
    numbered = date_in_url(url, article_numbers=True)
    for fallback in (month_in_url, numbered):
        if fallback and plausible(fallback[0], fetched_at):
            return PublicationDate(fallback[0], fallback[1], "url")
    return PublicationDate(fetched_at, "fetched", "fetched")
