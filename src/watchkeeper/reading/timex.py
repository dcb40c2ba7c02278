"""TimeML normalisation: a resolved date's value string, and durations, sets, times of day and references.

Every expression the date reader finds becomes a TIMEX3-style triple: a type (DATE, TIME, DURATION, SET), a
TimeML value (``2024-03-28``, ``2024-W13``, ``2024-Q1``, ``199`` for the 1990s, ``PRESENT_REF``, ``P3D``,
``PT5H``, ``2024-03-28TMO``) and, for DATE and TIME, the window of days it names with its precision. The
families here are those with no calendar arithmetic of their own: how long (durations), how often (sets),
the present, past or future as such (references) and clock times, which take the day of the last date read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from watchkeeper.reading.knowledge import DateLexicon
from watchkeeper.vocabulary import DatePrecision, TimexType

# TimeML's season codes by the months our resolver gives a season (data/reading/dates.yaml).
SEASONS = {(3, 5): "SP", (6, 8): "SU", (9, 11): "FA", (12, 2): "WI"}
UNSPECIFIED = "X"  # TimeML's placeholder for a digit the text leaves open ("any year", "any week")
ANY_YEAR = UNSPECIFIED * 4
ANY_WEEK = "W" + UNSPECIFIED * 2


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression resolved against the publication date: [start, end] with a precision."""

    start: date
    end: date
    precision: DatePrecision

    @property
    def date_end(self) -> date | None:
        """The end date for ranges and weeks; None when one date says it all."""
        return self.end if self.precision.has_end else None


@dataclass(frozen=True)
class Timex:
    """What one expression means: its window of days (for DURATION and SET the publication day stands in),
    TIMEX3 type and TimeML value."""

    window: ResolvedDate
    type: TimexType = TimexType.DATE
    value: str = ""

    @property
    def timeml(self) -> str:
        """The TimeML value: the one given, else the one the window names."""
        return self.value or date_value(self.window)


@dataclass
class Context:
    """What a resolver may look at besides its match: the publication date, the lexicon, the tense of the
    clause an expression sits in, and the last calendar date read before it (the anchor of "a day later")."""

    published: date
    lex: DateLexicon
    tense: Callable[[int, int], str | None] = field(default=lambda start, end: None)
    anchor: Timex | None = None
    quarter: Timex | None = None
    named: Timex | None = None  # the last calendar date of any precision ("in 1988 ... that year")
    span: tuple[int, int] = (0, 0)

    def tense_here(self) -> str | None:
        """``future``, ``past`` or None (present or unknown) for the expression being resolved."""
        return self.tense(*self.span)

    def undated(self, kind: TimexType, value: str) -> Timex:
        """A timex with no window of its own (a duration, a set, a reference): the publication day."""
        return Timex(ResolvedDate(self.published, self.published, DatePrecision.PUBLICATION), kind, value)


def _range_value(start: date, end: date) -> str:
    """A span of days as the TimeML value that names it (a month, a season, a year, else its start)."""
    if start.year == end.year and start.month == end.month:
        return f"{start:%Y-%m}"
    season = SEASONS.get((start.month, end.month))
    if season and start.day == 1:
        return f"{start.year}-{season}"
    if start.year == end.year or (start.month, start.day) == (1, 1):
        return f"{start.year}"
    return f"{start:%Y-%m}" if start.day == 1 else start.isoformat()


def date_value(window: ResolvedDate) -> str:
    """The TimeML value of a window of days at its precision (a week is ISO ``YYYY-Www``)."""
    start, precision = window.start, window.precision
    if precision in (DatePrecision.DAY, DatePrecision.PUBLICATION):
        return start.isoformat()
    if precision == DatePrecision.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == DatePrecision.MONTH:
        return f"{start:%Y-%m}"
    if precision == DatePrecision.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if precision == DatePrecision.YEAR:
        return f"{start.year}"
    return _range_value(start, window.end)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def number_of(word: str, lex: DateLexicon) -> int | None:
    """A count written in digits or words ("3", "twenty-five", "a"); None when it is vague ("several")."""
    word = re.sub(r"\s+", " ", word.lower().strip())
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    if word in lex.number_words:
        return lex.number_words[word]
    tens, _, ones = word.partition("-") if "-" in word else word.partition(" ")
    if ones and (lex.number_words.get(tens) or 0) >= 20 and (lex.number_words.get(ones) or 10) < 10:
        return (lex.number_words[tens] or 0) + (lex.number_words[ones] or 0)
    return None


def duration_value(count: int | None, unit: str, lex: DateLexicon) -> str:
    """TimeML duration of ``count`` units ("P3D", "PT5H", "P10Y" for a decade); X for an unknown count."""
    letter, size = lex.units[unit]
    clock = "T" if unit in lex.clock_units else ""
    amount = UNSPECIFIED if count is None else str(count * size)
    if letter == "Q":
        letter, amount = "M", UNSPECIFIED if count is None else str(count * 3)
    return f"P{clock}{amount}{letter}"


def words_pattern(items: Iterable[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


def number_pattern(lex: DateLexicon) -> str:
    """Digits or number words, including "twenty-five"."""
    words = words_pattern(dict(lex.number_words))
    tens = words_pattern([w for w, n in lex.number_words.items() if n and 20 <= n < 100 and n % 10 == 0])
    ones = words_pattern([w for w, n in lex.number_words.items() if n and n < 10 and w not in ("a", "an")])
    return rf"(?:(?!(?:1[89]|20)\d\d\b)\d[\d,]*(?:\.\d+)?(?:\s+\d/\d)?|(?:{tens})[- ](?:{ones})|(?:{words}))"


def unit_pattern(lex: DateLexicon) -> str:
    """A unit word, singular or plural ("centuries")."""
    return "|".join(rf"{u[:-1]}(?:y|ies)" if u.endswith("y") and u != "day" else rf"{u}s?" for u in lex.units)


def unit_of(word: str, lex: DateLexicon) -> str:
    """The unit a (possibly plural) unit word names."""
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word if word in lex.units else word[:-1]


def timex_patterns(
    lex: DateLexicon,
) -> list[tuple[str, re.Pattern[str], Callable[[re.Match[str], Context], Timex | None]]]:
    """The duration, set and reference families, most specific first."""
    num, unit = number_pattern(lex), unit_pattern(lex)
    dets, approx = words_pattern(lex.duration_determiners), words_pattern(lex.duration_approximators)
    return [
        (
            "set_every",
            re.compile(r"\b(?:every|each|per)\s+(?P<unit>day|week|month|year|hour)\b", re.I),
            _set_every,
        ),
        ("set_word", re.compile(rf"\b(?:{words_pattern(lex.set_words)})\b", re.I), _set_word),
        (
            "duration",
            re.compile(
                rf"\b(?:(?:{dets})\s+)?(?:(?:{approx})\s+)?(?P<num>{num})(?:\s+more)?[\s-]+(?P<unit>{unit})"
                r"(?:[- ]long)?\b"
                r"(?![- ]+old)(?!\s+(?:ago|earlier|later|from now|hence))",  # an age is no length of time
                re.I,
            ),
            _duration,
        ),
        (
            "vague_duration",
            re.compile(
                r"(?:\b(?:the\s+)?(?:past|last|coming|next)\s+|(?<=\bfor\s))"
                r"(?P<unit>days|weeks|months|years|decades|(?<=past\s)(?:decade|century))\b(?!\s+(?:ago|earlier|later))",
                re.I,
            ),
            _vague_duration,
        ),
        (
            "reference",
            # "the past three summers" counts something; "current account", "the past year" are others'
            re.compile(
                rf"\b(?:{words_pattern(lex.reference_words)})\b"
                rf"(?![-\s]+(?:day|account|year)|(?<=past)\s+(?:{num})\s)",
                re.I,
            ),
            _reference,
        ),
    ]


def _set_every(m: re.Match[str], ctx: Context) -> Timex | None:
    return ctx.undated(TimexType.SET, duration_value(1, m.group("unit").lower(), ctx.lex))


def set_calendar(m: re.Match[str], ctx: Context) -> Timex | None:
    """Repeating calendar days and months: "every Thursday" (any year, any week, day 4), "Tuesday nights"
    (the same with the part of day ``TNI``), "each July" (any year, month 07)."""
    groups = m.groupdict()
    if groups.get("weekday"):
        n = list(calendar.day_name).index(groups["weekday"].capitalize()) + 1
        part = ctx.lex.day_parts[groups["part"].lower()] if groups.get("part") else ""
        return ctx.undated(TimexType.SET, f"{ANY_YEAR}-{ANY_WEEK}-{n}{'T' + part if part else ''}")
    name = groups["month"].lower().rstrip(".")
    months = {n.lower(): i for i, n in enumerate(calendar.month_name) if n}
    months.update({n.lower(): i for i, n in enumerate(calendar.month_abbr) if n})
    month = months.get(name) or (9 if name == "sept" else None)
    return ctx.undated(TimexType.SET, f"{ANY_YEAR}-{month:02d}") if month else None


def _set_word(m: re.Match[str], ctx: Context) -> Timex | None:
    return ctx.undated(TimexType.SET, ctx.lex.set_words[m.group(0).lower()])


def _duration(m: re.Match[str], ctx: Context) -> Timex | None:
    unit = unit_of(m.group("unit"), ctx.lex)
    if unit not in ctx.lex.units:
        return None
    raw = m.group("num")
    if unit in ("second", "quarter") and raw.lower() in ("a", "an"):
        return None  # "a second time", "a quarter of the shares"
    if unit == "quarter" and m.string[m.end() : m.end() + 3] == " of":
        return None  # "three-quarters of the fleet" is a share
    if "/" in raw:
        return _fraction(raw, unit, ctx)
    count = number_of(raw, ctx.lex)
    if count is None and raw.lower().strip() not in ctx.lex.number_words:
        try:
            count = round(float(raw))
        except ValueError:
            return None
    return ctx.undated(TimexType.DURATION, duration_value(count, unit, ctx.lex))


def _fraction(raw: str, unit: str, ctx: Context) -> Timex | None:
    """Fractions ("2 1/2 years"): whole units and the rest in the next smaller unit (P2Y6M, PT5H30M)."""
    whole, _, frac = raw.partition(" ")
    top, _, bottom = frac.partition("/")
    if not (whole.isdigit() and top.isdigit() and bottom.isdigit() and int(bottom)):
        return None
    smaller = {"year": (12, "M"), "hour": (60, "M"), "day": (24, "H"), "month": (30, "D")}.get(unit)
    value = duration_value(int(whole), unit, ctx.lex)
    if smaller:
        rest = smaller[0] * int(top) // int(bottom)
        value += ("T" if unit == "day" else "") + f"{rest}{smaller[1]}"
    return ctx.undated(TimexType.DURATION, value)


def _vague_duration(m: re.Match[str], ctx: Context) -> Timex | None:
    word = m.group("unit").lower()
    count = 1 if word in ("decade", "century") else None
    return ctx.undated(TimexType.DURATION, duration_value(count, unit_of(word, ctx.lex), ctx.lex))


def _reference(m: re.Match[str], ctx: Context) -> Timex | None:
    words = re.sub(r"\s+", " ", m.group(0).lower())
    return ctx.undated(TimexType.DATE, ctx.lex.reference_words[words])
