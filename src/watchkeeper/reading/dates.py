"""Dates in news text, resolved against the publication date, with their precision.

Our own resolver (measured when this stage was built, dateparser sends "Friday" in a Friday article to the
week before and does not parse "early December"): each expression kind is one pattern with one small resolver
function, and the rules are the ones a reader uses — a weekday is the most recent such day on or before
publication, a bare month the most recent such month not after the publication month, "early/mid/late" are
days 1–10, 11–20 and 21–end (from ``data/reading/dates.yaml``), "since X" runs from X to publication.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from watchkeeper.reading.extensions import published_date
from watchkeeper.reading.knowledge import DateLexicon, load_knowledge
from watchkeeper.reading.records import DateRecord
from watchkeeper.vocabulary import DatePrecision

# Finest first: the one order every comparison of two dates' precision uses.
PRECISIONS = tuple(DatePrecision)

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


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
class DateMention:
    """A date expression found in text: character span, words and resolution."""

    start_char: int
    end_char: int
    text: str
    value: ResolvedDate


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_value(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(date(year, month, 1), _month_end(year, month), DatePrecision.MONTH)


def _recent_year(month: int, published: date, *, strictly_before: bool = False) -> int:
    """The year of the most recent ``month`` not after (or strictly before) the publication month."""
    if month > published.month or (strictly_before and month == published.month):
        return published.year - 1
    return published.year


def _month_of(match: re.Match[str]) -> int:
    return _MONTHS[match.group("month").lower().rstrip(".")]


def _year_ref(match: re.Match[str], month: int, published: date) -> int:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    ref = (groups.get("ref") or "").lower()
    if ref == "last year":
        return published.year - 1
    if ref == "this year":
        return published.year
    return _recent_year(month, published)


def _day_in(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


Resolver = Callable[[re.Match[str], date, DateLexicon], ResolvedDate | None]


def _iso(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    day = _day_in(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    return ResolvedDate(day, day, DatePrecision.DAY) if day else None


def _day_month(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    month, dd = _month_of(m), int(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
    else:
        year = published.year
        if (month, dd) > (published.month, published.day):
            year -= 1
    day = _day_in(year, month, dd)
    return ResolvedDate(day, day, DatePrecision.DAY) if day else None


def _month_part(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    month = _month_of(m)
    year = _year_ref(m, month, published)
    first, last = lex.month_parts[m.group("part").lower().rstrip("- ")]
    end = min(_month_end(year, month).day, last)
    return ResolvedDate(date(year, month, first), date(year, month, end), DatePrecision.RANGE)


def _month_year(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    month = _month_of(m)
    return _month_value(_year_ref(m, month, published), month)


def _last_month_name(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    month = _month_of(m)
    return _month_value(_recent_year(month, published, strictly_before=True), month)


def _bare_month(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    month = _month_of(m)
    return _month_value(_recent_year(month, published), month)


def _weekday(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    back = (published.weekday() - _WEEKDAYS[m.group("weekday").lower()]) % 7
    if m.group("last") and back == 0:
        back = 7
    day = published - timedelta(days=back)
    return ResolvedDate(day, day, DatePrecision.DAY)


def _relative_day(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    word = m.group(0).lower()
    day = published if word in ("today", "this morning", "tonight") else published - timedelta(days=1)
    return ResolvedDate(day, day, DatePrecision.DAY)


def _relative_span(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    which, unit = m.group("which").lower(), m.group("unit").lower()
    early = m.group("early") is not None
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        if which == "last":
            monday -= timedelta(days=7)
        return ResolvedDate(monday, monday + timedelta(days=6), DatePrecision.WEEK)
    if unit == "month":
        if which == "last":
            year, month = (
                (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
            )
        else:
            year, month = published.year, published.month
        if early and which == "this":
            return ResolvedDate(date(year, month, 1), published, DatePrecision.RANGE)
        return _month_value(year, month)
    year = published.year - 1 if which == "last" else published.year
    if early and which == "this":
        return ResolvedDate(date(year, 1, 1), published, DatePrecision.RANGE)
    return ResolvedDate(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR)


def _year_part(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    ref = m.group("ref").lower()
    year = int(ref) if ref.isdigit() else published.year - (1 if ref == "last year" else 0)
    first, last = lex.year_parts[m.group("part").lower().rstrip("- ")]
    return ResolvedDate(date(year, first, 1), _month_end(year, last), DatePrecision.RANGE)


def _season(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    first, last = lex.seasons[m.group("season").lower()]
    ref = (m.group("ref") or "").lower()
    year = int(ref) if ref.isdigit() else published.year
    if ref in ("last", "last year") or (not ref.isdigit() and date(year, first, 1) > published):
        year -= 1
    end_year = year + 1 if last < first else year
    return ResolvedDate(date(year, first, 1), _month_end(end_year, last), DatePrecision.RANGE)


def _quarter(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    q = int(m.group("qn")) if m.group("qn") else _ORDINALS[m.group("qword").lower()]
    year = int(m.group("year")) if m.group("year") else published.year
    return ResolvedDate(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), DatePrecision.QUARTER)


def _year(m: re.Match[str], published: date, lex: DateLexicon) -> ResolvedDate | None:
    year = int(m.group("year"))
    return ResolvedDate(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR)


_PART = r"(?P<part>early|mid|late|end of|beginning of|the start of|the end of)[- ]?"
_REF = rf"(?:,? {_YEAR}| (?P<ref>last year|this year))?"
# Longest and most specific first; the finder keeps the first pattern's match where two overlap.
PATTERNS: list[tuple[str, re.Pattern[str], Resolver]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mm>\d{2})-(?P<dd>\d{2})\b"), _iso),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}(?:,? {_YEAR})?\b"), _day_month),
    (
        "month_day",
        re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {_YEAR}\b)?"),
        _day_month,
    ),
    ("month_part", re.compile(rf"\b{_PART}{_MONTH}{_REF}\b", re.I), _month_part),
    ("year_part", re.compile(rf"\b{_PART}(?P<ref>last year|this year|(?:19|20)\d{{2}})\b", re.I), _year_part),
    ("month_year", re.compile(rf"\b{_MONTH}(?:,? {_YEAR}| (?P<ref>last year|this year))\b"), _month_year),
    ("last_month_name", re.compile(rf"\blast {_MONTH}\b"), _last_month_name),
    ("weekday", re.compile(rf"\b(?P<last>last )?{_WEEKDAY}(?:'s)?\b"), _weekday),
    (
        "relative_day",
        re.compile(
            r"\b(?:today|yesterday|this morning|tonight|the day before"
            r"|the previous (?:day|morning|evening|night))\b",
            re.I,
        ),
        _relative_day,
    ),
    (
        "relative_span",
        re.compile(r"\b(?P<early>earlier )?(?P<which>last|this) (?P<unit>week|month|year)\b", re.I),
        _relative_span,
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?P<pre>last|this) )?(?P<season>spring|summer|autumn|fall|winter)"
            r"(?: (?:of )?(?P<ref>(?:19|20)\d{2}|last year))?\b",
            re.I,
        ),
        _season,
    ),
    (
        "quarter",
        re.compile(
            rf"\b(?:(?:the )?(?P<qword>first|second|third|fourth) quarter|Q(?P<qn>[1-4]))"
            rf"(?: of)?(?: {_YEAR})?\b",
            re.I,
        ),
        _quarter,
    ),
    (
        "bare_month",
        re.compile(
            r"\b(?P<month>January|February|March|April|June|July|August|September|October|November|December)\b"
            r"|(?<=in )(?P<may>May)\b"  # "May" alone is mostly the verb
        ),
        _bare_month,
    ),
    ("year", re.compile(rf"(?<![\d$£€-])\b{_YEAR}\b(?![-\d])"), _year),
]
# Words that turn two dates into a range ("between X and Y", "from X to Y"); "since X" runs to publication.
_BETWEEN = re.compile(r"\b(?:between|from)\s*$", re.I)
_AND = re.compile(r"^\s*(?:and|to|until|through|-|–)\s*$", re.I)
_SINCE = re.compile(r"\bsince\s*$", re.I)


def _resolve(
    name: str, resolver: Resolver, m: re.Match[str], published: date, lex: DateLexicon
) -> ResolvedDate | None:
    if name == "bare_month" and m.group("may"):
        month = 5
        return _month_value(_recent_year(month, published), month)
    if name == "season" and m.group("pre") and m.group("pre").lower() == "last":
        value = resolver(m, published, lex)
        if value and value.start.year == published.year and value.end >= published - timedelta(days=0):
            return ResolvedDate(
                value.start.replace(year=value.start.year - 1),
                value.end.replace(year=value.end.year - 1),
                DatePrecision.RANGE,
            )
        return value
    return resolver(m, published, lex)


def find_dates(text: str, published: date, lexicon: DateLexicon | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published``, in text order."""
    lex = lexicon or load_knowledge().dates
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for name, pattern, resolver in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _resolve(name, resolver, m, published, lex)
            if value is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start, end, m.group(0), value))
    found.sort(key=lambda d: d.start_char)
    return _join_ranges(text, found, published)


def _join_ranges(text: str, found: list[DateMention], published: date) -> list[DateMention]:
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        first = found[i]
        before = text[max(0, first.start_char - 12) : first.start_char]
        between = _BETWEEN.search(before)
        if i + 1 < len(found) and between and _AND.match(text[first.end_char : found[i + 1].start_char]):
            second = found[i + 1]
            begin, end = first.value.start, second.value.end
            if end < begin:  # "between March and early November" read in March: both ends in the past year
                begin = begin.replace(year=begin.year - 1, day=1)
            value = ResolvedDate(begin, max(end, begin), DatePrecision.RANGE)
            start = first.start_char - len(before) + between.start()
            out.append(DateMention(start, second.end_char, text[start : second.end_char], value))
            i += 2
            continue
        since = _SINCE.search(before)
        if since:
            start = first.start_char - len(before) + since.start()
            value = ResolvedDate(first.value.start, max(published, first.value.start), DatePrecision.RANGE)
            out.append(DateMention(start, first.end_char, text[start : first.end_char], value))
        else:
            out.append(first)
        i += 1
    return out


def resolve_date(expression: str, published: date) -> ResolvedDate | None:
    """The resolution of one date expression (the whole string or its first date), or None."""
    found = find_dates(expression, published)
    return found[0].value if found else None


class DatesComponent:
    """Finds and resolves date expressions against ``doc._.published``; sets ``doc._.dates``."""

    def __init__(self, name: str, lexicon: DateLexicon) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        published = published_date(doc)
        records: list[DateRecord] = [
            {
                "start": d.start_char,
                "end": d.end_char,
                "text": d.text,
                "date": d.value.start.isoformat(),
                "date_end": d.value.end.isoformat(),
                "precision": d.value.precision,
            }
            for d in find_dates(doc.text, published, self.lexicon)
        ]
        doc._.dates = records
        return doc


# Reads only the text and ``doc._.published``, which ``make_doc`` sets (no component does).
@Language.factory("wk_dates", default_config={"data_dir": None}, assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str, data_dir: str | None) -> DatesComponent:
    """The date resolver with the month and season parts of ``data_dir`` (default: the packaged ones)."""
    return DatesComponent(name, load_knowledge(data_dir).dates)
