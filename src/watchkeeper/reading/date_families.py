"""Calendar expressions named in the text, one family a resolver, and the calendar arithmetic they share.

A date without its year ("May 3", "in September", "on Friday") lies on the side of the publication date its
clause's tense says: after it in a preview or schedule ("will meet on Friday", "is scheduled for May"), before
it in a report, and with no tense the nearest such day when it comes soon (``pick_year``). Expressions counted
from publication or from another date are in ``reading.relative_dates``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from watchkeeper.reading.timex import Context, ResolvedDate, Timex, month_end
from watchkeeper.vocabulary import DatePrecision, TimexType

Resolver = Callable[[re.Match[str], Context], Timex | None]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?P<year>(?:19|20)\d{2})"
# Years said in words, as broadcast transcripts write them: "nineteen ninety-four", "two thousand and one".
SPOKEN_YEAR = (
    r"(?:(?:eighteen|nineteen)[- ](?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"|two thousand(?: and (?:one|two|three|four|five|six|seven|eight|nine))?)"
)
# How far ahead a yearless day or month may lie and still be read ahead without a future tense, and how far
# back a past clause's day must be for it to be read ahead instead (a deadline, not a memory): pick_year.
SOON_DAYS = 90
LONG_AGO_DAYS = 330
UNIT_PRECISION = {
    "day": DatePrecision.DAY,
    "week": DatePrecision.WEEK,
    "month": DatePrecision.MONTH,
    "quarter": DatePrecision.QUARTER,
    "year": DatePrecision.YEAR,
}


def day(d: date, kind: TimexType = TimexType.DATE, value: str = "") -> Timex:
    """A one-day timex."""
    return Timex(ResolvedDate(d, d, DatePrecision.DAY), kind, value)


def month_timex(year: int, month: int) -> Timex:
    """A calendar month."""
    return Timex(ResolvedDate(date(year, month, 1), month_end(year, month), DatePrecision.MONTH))


def year_timex(year: int) -> Timex:
    """A calendar year."""
    return Timex(ResolvedDate(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR))


def quarter_timex(year: int, q: int) -> Timex:
    """A calendar quarter."""
    return Timex(ResolvedDate(date(year, 3 * q - 2, 1), month_end(year, 3 * q), DatePrecision.QUARTER))


def week_timex(monday: date) -> Timex:
    """The ISO week starting on ``monday``."""
    return Timex(ResolvedDate(monday, monday + timedelta(days=6), DatePrecision.WEEK))


def pick_year(make: Callable[[int], tuple[date, date] | None], ctx: Context, *, nearest: bool) -> int:
    """The year that puts a yearless window on the tense's side of publication: the first window not over
    in a future clause, the last one begun in a past one. With ``nearest`` (a day or a month) an untensed
    clause looks ahead when the window comes soon and is nearer than the past one ("payable Dec. 7" in
    October), and a past clause too when the past one is nearly a year back ("was extended to Nov. 16")."""
    published, tense = ctx.published, ctx.tense_here()
    tense = None if tense == "present" else tense
    windows = {y: w for y in (published.year - 1, published.year, published.year + 1) if (w := make(y))}
    ahead = min((y for y, (s, e) in windows.items() if e >= published), default=published.year)
    last = max((y for y, (s, e) in windows.items() if s <= published), default=published.year - 1)
    if not nearest or last not in windows or ahead not in windows:
        return ahead if tense == "future" else last
    days_back, days_ahead = (published - windows[last][0]).days, (windows[ahead][0] - published).days
    if tense == "future":  # "will be compared with Oct. 19" a week after it: that day, not next year's
        return last if days_ahead > LONG_AGO_DAYS and days_back <= SOON_DAYS else ahead
    if days_ahead <= SOON_DAYS and days_back > (LONG_AGO_DAYS if tense == "past" else days_ahead):
        return ahead
    return last


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (months and years keep the day where the calendar allows)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def at_unit(d: date, unit: str) -> Timex:
    """The day, week, month, quarter or year containing ``d``."""
    if unit == "week":
        return week_timex(d - timedelta(days=d.weekday()))
    if unit == "month":
        return month_timex(d.year, d.month)
    if unit == "quarter":
        return quarter_timex(d.year, (d.month - 1) // 3 + 1)
    if unit in ("year", "decade", "century"):
        return year_timex(d.year)
    return day(d)


def month_of(m: re.Match[str]) -> int:
    """The month a match names."""
    return MONTHS[m.group("month").lower().rstrip(".")]


def _valid(year: int, month: int, dd: int) -> date | None:
    try:
        return date(year, month, dd)
    except ValueError:
        return None


def iso(m: re.Match[str], ctx: Context) -> Timex | None:
    d = _valid(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    return day(d) if d else None


def day_month(m: re.Match[str], ctx: Context) -> Timex | None:
    month, dd = month_of(m), int(m.group("day"))
    named = m.groupdict().get("weekday")
    fits = [
        y
        for y in _years(ctx)
        if (d := _valid(y, month, dd)) and named and d.weekday() == WEEKDAYS[named.lower()]
    ]
    if m.groupdict().get("year"):
        year = int(m.group("year"))
    elif fits:  # "Monday, Oct. 26" names its year
        year = min(fits, key=lambda y: abs(y - ctx.published.year))
    else:
        year = pick_year(lambda y: _one_day(_valid(y, month, dd)), ctx, nearest=True)
    d = _valid(year, month, dd)
    return day(d) if d else None


def _one_day(d: date | None) -> tuple[date, date] | None:
    return (d, d) if d else None


def _years(ctx: Context) -> range:
    return range(ctx.published.year - 1, ctx.published.year + 2)


def weekday(m: re.Match[str], ctx: Context) -> Timex | None:
    target, published = WEEKDAYS[m.group("weekday").lower()], ctx.published
    groups = m.groupdict()
    which = (groups.get("which") or "").lower()
    tense = ctx.tense_here()
    ahead = which in ("next", "this coming", "coming") or tense in ("future", "present")
    if not which and tense == "prospective":  # "would travel Thursday": the nearest Thursday, either side
        forward, back = (target - published.weekday()) % 7, (published.weekday() - target) % 7
        return day(
            published + timedelta(days=forward) if forward <= back else published - timedelta(days=back)
        )
    if which != "last" and ahead:
        d = published + timedelta(days=(target - published.weekday()) % 7 or (7 if which == "next" else 0))
    else:
        back = (published.weekday() - target) % 7
        d = published - timedelta(days=back or (7 if which == "last" else 0))
    return day(d)  # news annotation reads "Friday night" as the day


def month_part(m: re.Match[str], ctx: Context) -> Timex | None:
    month = month_of(m)
    year = _year_ref(m, month, ctx)
    first, last = _part(ctx.lex.month_parts, m, (1, 31))
    end = min(month_end(year, month).day, last)
    return Timex(ResolvedDate(date(year, month, first), date(year, month, end), DatePrecision.RANGE))


def _part(parts: dict[str, tuple[int, int]], m: re.Match[str], whole: tuple[int, int]) -> tuple[int, int]:
    """The (first, last) a part word names ("early", "the end of"); the whole unit for a word not listed."""
    word = re.sub(r"[- ]+$", "", m.group("part").lower())
    return parts.get(word) or parts.get(word.removeprefix("the ")) or whole


def _year_ref(m: re.Match[str], month: int, ctx: Context) -> int:
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("spoken") and (spoken := spoken_year_of(groups["spoken"], ctx)):
        return spoken  # "January nineteen ninety-seven"
    ref = re.sub(r"\s+", " ", groups.get("ref") or "").lower()
    if ref or groups.get("this"):
        return ctx.published.year + {"last year": -1, "next year": 1}.get(ref, 0)
    if (narrative := _narrative_year(m, ctx)) is not None:
        return narrative
    return pick_year(lambda y: (date(y, month, 1), month_end(y, month)), ctx, nearest=True)


def _narrative_year(m: re.Match[str], ctx: Context) -> int | None:
    """The past year a paragraph tells of ("In 2024 the emphasis shifted ... a missile was flown in
    mid-January"): a yearless month in a past clause, after a sentence of its paragraph opened with that year
    (a year named in passing, "since 1990", does not set the paragraph's time)."""
    named = ctx.named
    if named is None or named.window.precision != DatePrecision.YEAR or ctx.tense_here() != "past":
        return None
    year = named.window.start.year
    paragraph = m.string.rfind("\n", 0, m.start()) + 1
    if year >= ctx.published.year:
        return None
    opened = re.compile(rf"(?:^|[.!?]\s+)In {year}\b", re.M)
    return year if opened.search(m.string, paragraph, m.start()) else None


def month_year(m: re.Match[str], ctx: Context) -> Timex | None:
    month = 5 if m.groupdict().get("may") else month_of(m)
    return month_timex(_year_ref(m, month, ctx), month)


def last_month_name(m: re.Match[str], ctx: Context) -> Timex | None:
    month, p = month_of(m), ctx.published
    return month_timex(p.year - 1 if month >= p.month else p.year, month)


def next_month_name(m: re.Match[str], ctx: Context) -> Timex | None:
    month, p = month_of(m), ctx.published
    return month_timex(p.year + 1 if month <= p.month else p.year, month)


def year_part(m: re.Match[str], ctx: Context) -> Timex | None:
    """Parts of a year ("early 2023", "late last year") and its halves ("the second half of 2023", TimeML's
    ``2023-H2``)."""
    ref = re.sub(r"\s+", " ", m.group("ref")).lower()
    year = int(ref) if ref.isdigit() else ctx.published.year + {"last year": -1, "next year": 1}.get(ref, 0)
    if m.group("half"):
        h = 1 if "first" in m.group("half").lower() else 2
        window = ResolvedDate(date(year, 6 * h - 5, 1), month_end(year, 6 * h), DatePrecision.RANGE)
        return Timex(window, TimexType.DATE, f"{year}-H{h}")
    first, last = _part(ctx.lex.year_parts, m, (1, 12))
    return Timex(ResolvedDate(date(year, first, 1), month_end(year, last), DatePrecision.RANGE))


def week_of(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the week of March 6": the ISO week that holds the day."""
    found = day_month(m, ctx)
    return at_unit(found.window.start, "week") if found else None


def end_of_month(m: re.Match[str], ctx: Context) -> Timex | None:
    p = ctx.published
    first, last = _part(ctx.lex.month_parts, m, (1, 31))
    end = min(month_end(p.year, p.month).day, last)
    return Timex(ResolvedDate(date(p.year, p.month, first), date(p.year, p.month, end), DatePrecision.RANGE))


def season(m: re.Match[str], ctx: Context) -> Timex | None:
    first, last = ctx.lex.seasons[m.group("season").lower()]
    ref = re.sub(r"\s+", " ", m.group("ref") or m.group("pre") or "").lower()
    p = ctx.published
    years = range(p.year - 2, p.year + 2)
    spoken = spoken_year_of(ref, ctx) if ref and not ref.isdigit() else None
    if spoken:  # "the winter of nineteen ninety-four"
        year = spoken
    elif ref.isdigit():
        year = int(ref)
    elif ref == "last year":
        year = p.year - 1
    elif ref == "this":
        year = p.year - 1 if first > last and p.month <= last else p.year
    elif ref == "last":  # the last one over, not the one under way
        year = max(y for y in years if _season_end(y, first, last) < p)
    elif ref == "next":
        year = min(y for y in years if date(y, first, 1) > p)
    else:
        year = pick_year(lambda y: (date(y, first, 1), _season_end(y, first, last)), ctx, nearest=False)
    return Timex(ResolvedDate(date(year, first, 1), _season_end(year, first, last), DatePrecision.RANGE))


def _season_end(year: int, first: int, last: int) -> date:
    return month_end(year + 1 if last < first else year, last)


def year(m: re.Match[str], ctx: Context) -> Timex | None:
    return year_timex(int(m.group("year")))


def year_range(m: re.Match[str], ctx: Context) -> Timex | None:
    """Year ranges ("1968-69", "2011-2012"): the first year to the second."""
    first, tail = int(m.group("year")), m.group("tail")
    last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    if last <= first:
        return None
    return Timex(ResolvedDate(date(first, 1, 1), date(last, 12, 31), DatePrecision.RANGE), value=str(first))


def decade(m: re.Match[str], ctx: Context) -> Timex | None:
    """Decades ("the 1990s", "the mid-1980s", "the '70s") as TimeML decades, ``199X``."""
    digits = m.group("decade") or m.group("decade2")
    start = int(digits) if len(digits) == 4 else (1900 if int(digits) > 20 else 2000) + int(digits)
    window = ResolvedDate(date(start, 1, 1), date(start + 9, 12, 31), DatePrecision.RANGE)
    return Timex(window, TimexType.DATE, f"{str(start)[:3]}X")


def century(m: re.Match[str], ctx: Context) -> Timex | None:
    """Centuries ("the 20th century") as TimeML centuries, ``19XX``."""
    n = int(m.group("nth"))
    window = ResolvedDate(
        date(100 * (n - 1), 1, 1) if n > 1 else date(1, 1, 1), date(100 * n - 1, 12, 31), DatePrecision.RANGE
    )
    return Timex(window, TimexType.DATE, f"{n - 1:02d}XX")


def holiday(m: re.Match[str], ctx: Context) -> Timex | None:
    """Named days ("Thanksgiving Day", "Christmas", "Election Day"), on the tense's side of publication."""
    rule = ctx.lex.holidays[re.sub(r"\s+", " ", m.group("holiday").lower())]

    def on(year: int) -> date:
        d = date(year, rule[0], rule[1])
        return d + timedelta(days=(rule[2] - d.weekday()) % 7) if len(rule) == 3 else d

    which = (m.group("which") or "").lower()
    if which in ("last", "next"):
        days = [on(y) for y in _years(ctx)] + [on(ctx.published.year - 2)]
        past = [d for d in days if d < ctx.published]
        future = [d for d in days if d > ctx.published]
        return day(max(past) if which == "last" else min(future))
    year = pick_year(lambda y: (on(y), on(y)), ctx, nearest=True)
    return day(on(year))


def spoken_year(m: re.Match[str], ctx: Context) -> Timex | None:
    """Years said in words, as broadcast transcripts write them: "nineteen ninety-six", "two thousand"."""
    found = spoken_year_of(m.group(0), ctx)
    return year_timex(found) if found else None


def spoken_year_of(text: str, ctx: Context) -> int | None:
    """The year a spoken year names ("nineteen ninety-four" is 1994), or None."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(ctx.lex.number_words.get(w) or 0 for w in words[2:] if w != "and")
    century = ctx.lex.number_words.get(words[0]) or 0
    rest = sum(ctx.lex.number_words.get(w) or 0 for w in words[1:])
    return century * 100 + rest if century in (18, 19) and 10 <= rest < 100 else None
