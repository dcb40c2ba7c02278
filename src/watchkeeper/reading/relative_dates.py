"""Calendar expressions counted from publication or from another date, one family a resolver.

"last week", "next year", "three years ago" count from publication; "two days later", "the day before", "a
year earlier" and "the quarter" count from the last date (or quarter) the text named (``Context.anchor``,
``Context.quarter``), as a reader does in a report that moves from the event to its background. Business
news names a quarter and then compares it with "a year earlier": that is the same quarter a year before.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from watchkeeper.reading.date_families import (
    WEEKDAYS,
    at_unit,
    day,
    day_month,
    month_end,
    month_of,
    pick_year,
    quarter_timex,
    shift,
    weekday,
    year_timex,
)
from watchkeeper.reading.timex import Context, ResolvedDate, Timex, number_of
from watchkeeper.vocabulary import DatePrecision, TimexType

# Finest first, as DatePrecision lists them.
PRECISIONS = tuple(DatePrecision)
UNIT = {"day": DatePrecision.DAY, "month": DatePrecision.MONTH, "year": DatePrecision.YEAR}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
# Quarterly results are published up to about two months after the quarter closes.
REPORTING_LAG_DAYS = 60


def day_part(m: re.Match[str], ctx: Context) -> Timex | None:
    """Parts of a day: "this morning", "yesterday afternoon", "mid-afternoon yesterday", "tonight"."""
    ref = (m.group("ref") or m.group("ref2") or "").lower()
    part = (m.group("part") or m.group("part2") or "night").lower()
    offset = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(ref, 0)
    d = ctx.published + timedelta(days=offset)
    if not ref:  # "tonight" is the day itself
        return day(d)
    return day(d, TimexType.TIME, f"{d.isoformat()}T{ctx.lex.day_parts[part]}")


def clock(m: re.Match[str], ctx: Context) -> Timex | None:
    """Clock times ("10:35 a.m.", "noon Thursday") on the day named, else on the last day the text named."""
    word = (m.group("word") or "").lower()
    if word:
        hour, minute = (12, 0) if word in ("noon", "midday") else (0, 0)
    else:
        hour, minute = int(m.group("hh")), int(m.group("mm") or 0)
        pm = m.group("ampm").lower().startswith("p")
        if hour > 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if pm else 0)
    if m.groupdict().get("day"):
        found = day_month(m, ctx)
        d = found.window.start if found else ctx.published
    elif m.group("weekday"):
        found = weekday(m, ctx)
        d = found.window.start if found else ctx.published
    elif ctx.anchor and ctx.anchor.window.precision == DatePrecision.DAY:
        d = ctx.anchor.window.start
    else:
        d = ctx.published
    return day(d, TimexType.TIME, f"{d.isoformat()}T{hour:02d}:{minute:02d}")


def relative_day(m: re.Match[str], ctx: Context) -> Timex | None:
    word = m.group(0).lower()
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(word, -1)
    return day(ctx.published + timedelta(days=offset))


def relative_unit(m: re.Match[str], ctx: Context) -> Timex | None:
    """Units counted from publication: "last week", "this month", "next year", "earlier this year"."""
    which, unit = m.group("which").lower(), m.group("unit").lower()
    p = ctx.published
    n = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    found = at_unit(shift(p, unit, n), unit)
    if m.group("early") and n == 0:
        return Timex(ResolvedDate(found.window.start, p, DatePrecision.RANGE), value=found.timeml)
    return found


def quarter(m: re.Match[str], ctx: Context) -> Timex | None:
    """Named quarters: "the third quarter", "third-quarter", "Q2 2023", "the year-ago third quarter"."""
    q = int(m.group("qn")) if m.group("qn") else ORDINALS[m.group("qword").lower()]
    groups = m.groupdict()
    if groups.get("year") or groups.get("year2"):
        year = int(groups.get("year") or groups["year2"])
    else:  # results come after a quarter ends: "will report third-quarter earnings" in October means this one
        lag = timedelta(days=REPORTING_LAG_DAYS)
        year = pick_year(lambda y: (date(y, 3 * q - 2, 1), month_end(y, 3 * q) + lag), ctx, nearest=False)
    if groups.get("ago"):
        year -= 1
    elif groups.get("yref"):
        year = ctx.published.year + {"last": -1, "next": 1}.get(groups["yref"].lower().split()[0], 0)
    return quarter_timex(year, q)


def the_quarter(m: re.Match[str], ctx: Context) -> Timex | None:
    """Unnamed quarters ("the quarter", "the latest quarter"): the last one named, else the last completed."""
    groups = m.groupdict()
    which = re.sub(
        r"\s+", " ", groups.get("which") or groups.get("latest") or groups.get("this") or ""
    ).lower()
    p = ctx.published
    if which in ("current", "this"):
        return quarter_timex(p.year, (p.month - 1) // 3 + 1)
    if which in ("latest", "most recent", "just-ended"):  # the last one completed, whatever was named before
        return at_unit(shift(p, "quarter", -1), "quarter")
    if groups.get("ended"):  # "the quarter ended July 31": the quarter whose end is nearest that day
        return _quarter_ending(month_of(m), int(groups["ended"]), ctx)
    year = groups.get("year") or groups.get("year2")
    yref = (groups.get("yref") or "").lower()
    if groups.get("ago"):  # "the quarter a year ago": the quarter last named, a year before
        base = ctx.quarter or at_unit(shift(p, "quarter", -1), "quarter")
        return at_unit(shift(base.window.start, "year", -1), "quarter")
    if year or yref:  # "the 1988 quarter", "last year's quarter": the quarter last named, in that year
        q = (ctx.quarter.window.start.month - 1) // 3 + 1 if ctx.quarter else (p.month - 1) // 3 or 4
        return quarter_timex(int(year) if year else p.year + {"last": -1, "next": 1}.get(yref, 0), q)
    if ctx.quarter is not None:
        return ctx.quarter
    return at_unit(shift(p, "quarter", -1), "quarter")


def _quarter_ending(month: int, dd: int, ctx: Context) -> Timex | None:
    """The calendar quarter closing nearest a reported period's last day (fiscal quarters close off month)."""
    p = ctx.published
    year = p.year if (month, dd) <= (p.month, p.day) else p.year - 1  # a period reported has ended
    try:
        last = date(year, month, dd)
    except ValueError:
        return None
    ends = [(y, q) for y in (year - 1, year) for q in (1, 2, 3, 4)]
    y, q = min(ends, key=lambda yq: abs((month_end(yq[0], 3 * yq[1]) - last).days))
    return quarter_timex(y, q)


def year_ago(m: re.Match[str], ctx: Context) -> Timex | None:
    """Year-ago comparisons ("a year earlier", "the year-ago period"): a year before the quarter reported."""
    base = ctx.quarter if ctx.quarter is not None else ctx.anchor
    if base is not None and base.window.start > ctx.published:  # a forecast quarter is not the one reported
        base = at_unit(shift(ctx.published, "quarter", -1), "quarter")
    if base is not None and base.window.precision in (DatePrecision.QUARTER, DatePrecision.MONTH):
        start = shift(base.window.start, "year", -1)
        return at_unit(start, "quarter" if base.window.precision == DatePrecision.QUARTER else "month")
    return year_timex(ctx.published.year - 1)


def counted(m: re.Match[str], ctx: Context) -> Timex | None:
    """Counted units: "three years ago", "two days later", "the day before", "the following month"."""
    unit = m.group("unit").lower().rstrip("s")
    unit = "day" if unit in ctx.lex.day_parts else "century" if unit == "centurie" else unit
    direction = m.group("dir").lower()
    raw = (m.groupdict().get("num") or "a").lower()
    if raw in ("the", "that") and m.group("unit").lower().endswith("s"):
        return None  # "the weeks before" counts nothing
    n = 1 if raw in ("the", "that") else number_of(raw, ctx.lex)
    if unit not in ctx.lex.units or unit == "weekend":
        return None
    if n is None:
        return ctx.undated(
            TimexType.DATE, "PAST_REF" if direction in ("ago", "earlier", "before") else "FUTURE_REF"
        )
    sign = -1 if direction in ("ago", "earlier", "before", "previous", "prior") else 1
    base = ctx.published
    if direction != "ago" and ctx.anchor is not None:
        base = ctx.anchor.window.start
    moved = shift(
        base,
        unit if unit in ("day", "week", "month", "quarter", "year") else "year",
        sign * n * (ctx.lex.units[unit][1] if unit in ("decade", "century") else 1),
    )
    return at_unit(moved, unit)


def the_weekend(m: re.Match[str], ctx: Context) -> Timex | None:
    p = ctx.published
    which = (m.group("which") or "").lower()
    future = which in ("next", "coming") or (which != "last" and ctx.tense_here() == "future")
    saturday = (
        p + timedelta(days=(5 - p.weekday()) % 7) if future else p - timedelta(days=(p.weekday() - 5) % 7)
    )
    year, week, _ = saturday.isocalendar()
    window = ResolvedDate(saturday, saturday + timedelta(days=1), DatePrecision.RANGE)
    return Timex(window, TimexType.DATE, f"{year}-W{week:02d}-WE")


def same_day(m: re.Match[str], ctx: Context) -> Timex | None:
    """The day, month, quarter or year of the last date the text named: "the same day", "later that year"."""
    unit = m.group("unit").lower()
    if unit == "quarter":
        return ctx.quarter
    base = ctx.anchor if unit == "day" else ctx.named  # "in 1988 ... that year"; a day only from a named day
    if base is None or PRECISIONS.index(base.window.precision) > PRECISIONS.index(UNIT[unit]):
        return None  # "that day" after "in March" names no day
    return at_unit(base.window.start, unit)


def in_the_year(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "earlier in the year": the year of the last day or month named, else of publication."""
    return year_timex((ctx.anchor.window.start if ctx.anchor else ctx.published).year)


def the_year(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the year", "the full year", "the current fiscal year": the year of publication; a year that
    "ended" on a date is the length of a financial year (TimeML's P1Y), not a calendar year."""
    if m.group("ended") is not None:
        return ctx.undated(TimexType.DURATION, "P1Y")
    return year_timex(ctx.published.year)


def other_weekday(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the previous Friday", "the following Monday": the nearest such day before or after the last day the
    text named (publication when it named none)."""
    target = WEEKDAYS[m.group("weekday").lower()]
    named = ctx.anchor is not None and ctx.anchor.window.precision == DatePrecision.DAY
    base = ctx.anchor.window.start if named and ctx.anchor else ctx.published
    if m.group("dir").lower() in ("previous", "prior"):
        return day(base - timedelta(days=(base.weekday() - target - 1) % 7 + 1))
    return day(base + timedelta(days=(target - base.weekday() - 1) % 7 + 1))
