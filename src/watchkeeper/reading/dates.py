"""Time expressions in news text, typed and normalised TimeML-style, resolved against the publication date.

Our own resolver (measured when this stage was built, dateparser sends "Friday" in a Friday article to the
week before and does not parse "early December"): each expression family is one pattern with one small
resolver function (``reading.date_patterns`` lists them; ``date_families`` resolves named dates,
``relative_dates`` counted ones, ``timex`` durations, sets and references and the TimeML values), tried most
specific first; the first family to claim characters keeps them. Expressions are then
resolved in text order, so "two days later" and "the quarter" take the last date the text named, and a
yearless date takes the side of publication its clause's tense says (``tense_of``). "early/mid/late" are
days 1–10, 11–20 and 21–end (from ``data/reading/dates.yaml``), "since X" runs from X to publication.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from watchkeeper.reading.date_families import Resolver
from watchkeeper.reading.date_patterns import ANCHORS, NEEDS, patterns
from watchkeeper.reading.extensions import published_date, text_of
from watchkeeper.reading.knowledge import DateLexicon, load_knowledge
from watchkeeper.reading.records import DateRecord
from watchkeeper.reading.tense import tense_of
from watchkeeper.reading.timex import Context, ResolvedDate, date_value, month_end
from watchkeeper.vocabulary import DatePrecision, TimexType

__all__ = ["PRECISIONS", "DateMention", "ResolvedDate", "event_dates", "find_dates", "resolve_date"]

# Finest first: the one order every comparison of two dates' precision uses.
PRECISIONS = tuple(DatePrecision)


@dataclass(frozen=True)
class DateMention:
    """A time expression found in text: character span, words, window of days, TIMEX3 type and value."""

    start_char: int
    end_char: int
    text: str
    value: ResolvedDate
    type: TimexType = TimexType.DATE
    timeml: str = ""


# Words that turn two dates into a range ("between X and Y", "from X to Y"); "since X" runs to publication.
_BETWEEN = re.compile(r"\b(?:between|from)\s*$", re.I)
_AND = re.compile(r"^\s*(?:and|to|until|through|-|–)\s*$", re.I)
_SINCE = re.compile(r"\bsince\s*$", re.I)
_RANGE_GAP = 12  # characters between a range's two ends: " and ", " through "


def find_dates(
    text: str,
    published: date,
    lexicon: DateLexicon | None = None,
    tense: Callable[[int, int], str | None] | None = None,
) -> list[DateMention]:
    """Every time expression in ``text``, resolved against ``published`` in text order (``tense`` says
    whether the clause at a character span speaks of the future or the past)."""
    lex = lexicon or load_knowledge().dates
    taken: list[tuple[int, int]] = []
    claimed: list[tuple[int, str, re.Match[str], Resolver]] = []
    windows = _unit_windows(text)
    lowered = text.lower()
    for name, pattern, resolver in _compiled(lex):
        needs = NEEDS.get(name) or (tuple(lex.holidays) if name == "holiday" else ())
        if needs and not any(word in lowered for word in needs):
            continue
        matches = (
            (m for lo, hi in windows for m in pattern.finditer(text, lo, hi))
            if name in _COUNTING
            else pattern.finditer(text)
        )
        for m in matches:
            start, end = m.span()
            if start == end or any(start < e and s < end for s, e in taken) or _titled(text, m, name):
                continue
            taken.append((start, end))
            claimed.append((start, name, m, resolver))
    ctx = Context(published, lex, tense or (lambda start, end: None))
    found: list[DateMention] = []
    for _, name, m, resolver in sorted(claimed, key=lambda c: c[0]):
        ctx.span = m.span()
        timex = resolver(m, ctx)
        if timex is None:
            continue
        if name in ANCHORS:
            ctx.anchor = timex
        if timex.type == TimexType.DATE and timex.window.precision != DatePrecision.PUBLICATION:
            ctx.named = timex
        if name in ("quarter", "the_quarter"):
            ctx.quarter = timex
        found.append(DateMention(m.start(), m.end(), m.group(0), timex.window, timex.type, timex.timeml))
    return _join_ranges(text, _second_days(text, found), published)


# "April 24 and 25", "March 3-5": a bare day number right after a day names a second day of that month.
_SECOND_DAY = re.compile(r"\s*(?:and|or|to|-|–)\s*(\d{1,2})\b(?![\d,.]\d|\s*(?:%|percent|[ap]\.m))")


def _second_days(text: str, found: list[DateMention]) -> list[DateMention]:
    """The mentions with the second day of each "April 24 and 25" added after the first."""
    out: list[DateMention] = []
    for mention in found:
        out.append(mention)
        nxt = _SECOND_DAY.match(text, mention.end_char)
        if mention.value.precision != DatePrecision.DAY or mention.type != TimexType.DATE or not nxt:
            continue
        first = mention.value.start
        if not (first.day < int(nxt.group(1)) <= month_end(first.year, first.month).day):
            continue
        second = first.replace(day=int(nxt.group(1)))
        window = ResolvedDate(second, second, DatePrecision.DAY)
        out.append(
            DateMention(nxt.start(1), nxt.end(1), nxt.group(1), window, TimexType.DATE, second.isoformat())
        )
    return out


# Families whose words news writes in lower case: in title case mid-sentence they name a show, a march or a
# campaign ("ABC's This Week", "VOA Today", "the Spring of Life protests", "the March for Peace").
_LOWER_CASE = frozenset(
    {"relative_unit", "relative_day", "season", "weekend", "reference", "day_part", "the_year"}
)
_NAMED_AFTER = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][a-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"'`(\[\n]|--|_)\s*$")


def _titled(text: str, m: re.Match[str], family: str) -> bool:
    """A date word that is part of a name: a month or season followed by "of/for" and a capitalised word, or
    a lower-case family written in title case (a capital after its first word, or mid-sentence)."""
    if family in ("bare_month", "season") and _NAMED_AFTER.match(text, m.end()):
        return True
    if family not in _LOWER_CASE:
        return False
    words = m.group(0).split()
    if any(w[:1].isupper() for w in words[1:]):
        return True
    return words[0][:1].isupper() and not _SENTENCE_START.search(text, max(0, m.start() - 6), m.start())


# Families that count units ("three days", "two years ago"): run only near a unit word, which is much cheaper
# than trying their long alternations at every word of the text.
_COUNTING = frozenset({"duration", "counted", "vague_duration", "following"})
_UNIT_WORD = re.compile(
    r"(?i)\b(?:second|minute|hour|day|night|morning|evening|afternoon|week|fortnight|month|quarter|year|decade"
    r"|centur)"
)
_BEFORE, _AFTER = 48, 40  # "the past twenty-five years": the longest counts run about 30 characters


def _unit_windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around unit words, where the counting families can match."""
    windows: list[tuple[int, int]] = []
    for m in _UNIT_WORD.finditer(text):
        lo, hi = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


_CACHE: dict[int, list[tuple[str, re.Pattern[str], Resolver]]] = {}


def _compiled(lex: DateLexicon) -> list[tuple[str, re.Pattern[str], Resolver]]:
    """The patterns of a lexicon, compiled once."""
    key = id(lex)
    if key not in _CACHE:
        _CACHE[key] = patterns(lex)
    return _CACHE[key]


def _join_ranges(text: str, found: list[DateMention], published: date) -> list[DateMention]:
    """Ranges ("between X and Y", "from X to Y", "since X"): TimeML marks each end on its own words, so the
    first end keeps its span and carries the whole range's window, and the second end stays as it is."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        first = found[i]
        before = text[max(0, first.start_char - 12) : first.start_char]
        if (
            i + 1 < len(found)
            and _BETWEEN.search(before)
            and _calendar(first)
            and _calendar(found[i + 1])
            and _AND.match(text[first.end_char : found[i + 1].start_char])
        ):
            second = found[i + 1]
            begin, end = first.value.start, second.value.end
            if end < begin:  # "between March and early November" read in March: both ends in the past year
                begin = begin.replace(year=begin.year - 1, day=1)
            out.append(replace(first, value=ResolvedDate(begin, max(end, begin), DatePrecision.RANGE)))
            out.append(second)
            i += 2
            continue
        if (
            _SINCE.search(before)
            and first.type == TimexType.DATE
            and first.value.precision != DatePrecision.PUBLICATION
        ):
            window = ResolvedDate(first.value.start, max(published, first.value.start), DatePrecision.RANGE)
            out.append(replace(first, value=window))
        else:
            out.append(first)
        i += 1
    return out


def _calendar(mention: DateMention) -> bool:
    return mention.type == TimexType.DATE and mention.value.precision != DatePrecision.PUBLICATION


def resolve_date(expression: str, published: date) -> ResolvedDate | None:
    """The window of one date expression (the whole string or its first calendar date), or None."""
    found = [d for d in find_dates(expression, published) if d.type in (TimexType.DATE, TimexType.TIME)]
    return found[0].value if found else None


def event_dates(records: Iterable[DateRecord] | None) -> list[DateRecord]:
    """The records that can date an event: calendar dates and times, not lengths, repetitions or "now", nor
    the closing end of a range (the range's first end already holds its whole window)."""
    kept: list[DateRecord] = []
    previous: DateRecord | None = None
    for r in records or []:
        closes = (
            previous is not None
            and previous["precision"] == DatePrecision.RANGE
            and previous["date_end"] == r["date_end"]
            and 0 <= r["start"] - previous["end"] <= _RANGE_GAP
        )
        if (
            not closes
            and r.get("type", TimexType.DATE) in (TimexType.DATE, TimexType.TIME)
            and r["precision"] != DatePrecision.PUBLICATION
        ):
            kept.append(r)
        previous = r
    return kept


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
                "type": d.type,
                "value": d.timeml or date_value(d.value),
            }
            for d in find_dates(text_of(doc), published, self.lexicon, tense_of(doc, self.lexicon))
        ]
        doc._.dates = records
        return doc


# Reads the text, the parse (for tense) and ``doc._.published``, which ``make_doc`` sets.
@Language.factory(
    "wk_dates",
    default_config={"data_dir": None},
    requires=["token.dep", "token.head", "token.lemma", "token.tag"],
    assigns=["doc._.dates"],
)
def make_dates(nlp: Language, name: str, data_dir: str | None) -> DatesComponent:
    """The date resolver with the month and season parts of ``data_dir`` (default: the packaged ones)."""
    return DatesComponent(name, load_knowledge(data_dir).dates)
