"""The expression families of the date reader as one ordered list: a name, a pattern and a resolver each.

Longest and most specific first: the first family to claim characters keeps them ("the third quarter of
2023" before "2023", "three years ago" before "three years"). Cue words come from the lexicon
(``data/reading/dates.yaml``); the resolvers live in ``date_families``, ``relative_dates`` and ``timex``.
"""

from __future__ import annotations

import re

from watchkeeper.reading import date_families as fam
from watchkeeper.reading import relative_dates as rel
from watchkeeper.reading.date_families import MONTH, SPOKEN_YEAR, WEEKDAY, YEAR, Resolver
from watchkeeper.reading.knowledge import DateLexicon
from watchkeeper.reading.timex import number_pattern, set_calendar, timex_patterns, words_pattern

_PART = r"(?P<part>early|mid|late|end of|beginning of|the start of|the end of|the beginning of)[- ]?"
_REF = rf"(?:,? {YEAR}| (?P<ref>last year|this year|next year))?"
_DAY_PART = r"(?P<part>morning|afternoon|evening|night)"
_UNIT = r"(?P<unit>day|week|month|quarter|year|decade|century|morning|evening|night|afternoon)s?"
_Q = r"(?:(?P<qword>first|second|third|fourth)[- ](?:fiscal[- ])?quarter|Q(?P<qn>[1-4]))"
# Families whose date is named in the text (or counted from publication), so later ones may count from it.
ANCHORS = frozenset(
    {
        "iso",
        "weekday_date",
        "weekday_day_month",
        "day_month",
        "month_day",
        "weekday",
        "month_part",
        "month_year",
        "relative_day",
        "bare_month",
        "day_part",
        "named_month",
        "holiday",
        "other_weekday",
    }
)


# Words without which a family cannot match (lower case): a text lacking all of them skips its pattern.
NEEDS: dict[str, tuple[str, ...]] = {
    "clock": ("a.m", "p.m", "am", "pm", "noon", "midnight", "midday"),
    "month_part": ("early", "mid", "late", "end of", "beginning of", "start of"),
    "year_part": ("early", "mid", "late", "end of", "beginning of", "start of", "half of"),
    "week_of": ("week of",),
    "month_end": ("month",),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "the_quarter": ("quarter", "period"),
    "year_ago": ("year-", "a year"),
    "day_part": ("morning", "afternoon", "evening", "night"),
    "relative_day": ("today", "yesterday", "tomorrow"),
    "weekend": ("weekend",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "decade": ("0s", "0's"),
    "century": ("century",),
    "spoken_year": ("eighteen", "nineteen", "two thousand"),
    "same_day": ("that day", "same day", "that month", "that quarter", "that year", "same year"),
    "in_the_year": ("in the year",),
    "the_year": ("the year", "the full year", "the current", "the entire", "the whole", "the fiscal"),
    "set_every": ("every", "each", "per"),
}


def patterns(lex: DateLexicon) -> list[tuple[str, re.Pattern[str], Resolver]]:
    """Every family's pattern, longest and most specific first."""
    num = number_pattern(lex)
    c = re.compile
    return [
        ("iso", c(r"\b(?P<year>(?:19|20)\d{2})-(?P<mm>\d{2})-(?P<dd>\d{2})\b"), fam.iso),
        (
            "clock",
            c(
                r"\b(?:(?P<hh>\d{1,2})(?::(?P<mm>\d{2}))?\s*(?P<ampm>[ap]\.m\.?|[AP]M\b|[ap]m\b)"
                rf"|(?P<word>noon|midnight|midday)\b)(?:\s+[ECMP][SD]T\b)?"
                rf"(?:,?\s+(?:on\s+)?(?:{WEEKDAY}\b|{MONTH} (?P<day>\d{{1,2}})\b(?:,? {YEAR}\b)?))?"
            ),
            rel.clock,
        ),
        (
            "weekday_date",
            c(rf"\b{WEEKDAY},?\s+{MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {YEAR}\b)?"),
            fam.day_month,
        ),
        (  # "Thursday 28 March 2024": the weekday names the day that follows, not another one
            "weekday_day_month",
            c(rf"\b{WEEKDAY},?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {MONTH}(?:,? {YEAR})?\b"),
            fam.day_month,
        ),
        ("day_month", c(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {MONTH}(?:,? {YEAR})?\b"), fam.day_month),
        (
            "week_of",
            c(rf"\bthe week of {MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {YEAR}\b)?"),
            fam.week_of,
        ),
        ("month_day", c(rf"\b{MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? {YEAR}\b)?"), fam.day_month),
        ("month_part", c(rf"\b{_PART}{MONTH}{_REF}\b", re.I), fam.month_part),
        (
            "year_part",
            c(
                rf"\b(?:{_PART}|(?P<half>(?:the\s+)?(?:first|second|last)\s+half\s+of\s+))"
                r"(?P<ref>last year|this year|next year|the year|(?:19|20)\d{2})\b",
                re.I,
            ),
            fam.year_part,
        ),
        ("month_end", c(rf"\b{_PART}(?:the|this) month\b", re.I), fam.end_of_month),
        (
            "month_year",
            c(
                rf"\b{MONTH}(?:,? {YEAR}| (?P<ref>last year|this year|next year)"
                rf"| (?P<spoken>{SPOKEN_YEAR}))\b"
            ),
            fam.month_year,
        ),
        ("last_month", c(rf"\blast {MONTH}\b"), fam.last_month_name),
        ("next_month", c(rf"\b(?:next|this coming) {MONTH}\b"), fam.next_month_name),
        ("named_month", c(rf"\b(?P<this>this) {MONTH}\b"), fam.month_year),
        (
            "quarter",
            c(
                r"\b(?:(?:the|this|that)\s+)?(?:(?P<yref>this year's|last year's|next year's)\s+"
                r"|(?P<year2>(?:19|20)\d{2})\s+|(?P<ago>year-ago|year-earlier|year-before)\s+)?"
                rf"(?:fiscal\s+)?{_Q}(?:\s+(?:of\s+)?{YEAR})?\b",
                re.I,
            ),
            rel.quarter,
        ),
        (
            "the_quarter",
            c(
                r"\bthe\s+quarter\s+(?P<ago>a\s+year\s+(?:ago|earlier|before))\b"
                r"|\b(?:the\s+(?P<which>latest|current|recent|same|just-ended|most recent)?\s*"
                r"|(?P<this>this)\s+)"
                r"(?:(?P<year>(?:19|20)\d{2})\s+)?quarter\b(?!-)"  # "quarter-to-quarter" is no quarter
                rf"(?=\s+ended\s+{MONTH}\s+(?P<ended>\d{{1,2}})\b)?"
                r"|\bthe\s+(?:(?P<latest>latest|most recent)|(?P<year2>(?:19|20)\d{2}))\s+period\b"
                r"|\b(?P<yref>last|next|this) year's quarter\b",
                re.I,
            ),
            rel.the_quarter,
        ),
        (
            "year_ago",
            c(
                r"\b(?:the\s+(?=year-\w+\s+(?:quarter|period)))?(?:year-ago|year-earlier)"
                r"(?:\s+(?:quarter|period))?\b"
                r"|\ba year (?:ago|earlier|before)\b",
                re.I,
            ),
            rel.year_ago,
        ),
        (
            "counted",
            c(
                # "twenty years after the war" is a length of time; "the day before." counts from a date
                r"\b(?:(?:almost|nearly|about|some|more than|over|roughly)\s+)?"
                rf"(?P<num>{num}|the|that)\s+{_UNIT}\s+(?P<dir>ago|earlier|later|previously"
                r"|(?:before|after)(?=\s*(?:[.,;:)\"']|$|and\b|but\b)))",
                re.I,
            ),
            rel.counted,
        ),
        ("following", c(rf"\bthe\s+(?P<dir>previous|following|next|prior)\s+{_UNIT}\b", re.I), rel.counted),
        (
            "other_weekday",
            c(rf"\bthe\s+(?P<dir>previous|following|prior)\s+{WEEKDAY}\b", re.I),
            rel.other_weekday,
        ),
        ("set_each", c(rf"\b(?:every|each)\s+(?:{WEEKDAY}|{MONTH})\b", re.I), set_calendar),
        (
            "set_weekdays",
            c(rf"\b{WEEKDAY}(?:s\b|\s+(?P<part>morning|afternoon|evening|night)s\b)", re.I),
            set_calendar,
        ),
        (
            "weekday",
            c(rf"\b(?:(?P<which>last|next|this coming|this) )?{WEEKDAY}(?:\s+{_DAY_PART})?\b", re.I),
            fam.weekday,
        ),
        (
            "day_part",
            c(
                r"\b(?:(?P<ref>this|yesterday|tomorrow|last) (?P<part>morning|afternoon|evening|night)"
                r"|(?:early|late|mid)[- ]?(?P<part2>morning|afternoon|evening)\s+"
                r"(?P<ref2>yesterday|today|tomorrow)"
                r"|tonight)\b",
                re.I,
            ),
            rel.day_part,
        ),
        ("relative_day", c(r"\b(?:today|yesterday|tomorrow)\b", re.I), rel.relative_day),
        (
            "relative_unit",
            c(
                r"\b(?P<early>earlier |later )?(?:the )?"
                r"(?P<which>last|this|next|coming|current)\s+"
                r"(?:fiscal\s+)?(?P<unit>week|month|year)\b",
                re.I,
            ),
            rel.relative_unit,
        ),
        ("weekend", c(r"\b(?:(?P<which>this|last|next|the coming|the)\s+)weekend\b", re.I), rel.the_weekend),
        (
            "season",
            c(
                r"\b(?:(?P<pre>last|this|next) )?(?P<season>spring|summer|autumn|winter"
                r"|(?:(?<=the )|(?<=in )|(?<=last )|(?<=this )|(?<=next ))fall)"  # "a fall in prices" is none
                rf"(?: (?:of )?(?P<ref>(?:19|20)\d{{2}}|last year|{SPOKEN_YEAR}))?\b",
                re.I,
            ),
            fam.season,
        ),
        (
            "decade",
            c(
                r"\b(?:the\s+)?(?:(?:early|mid|late)[- ]?)?"
                r"(?:(?P<decade>(?:1[89]|20)\d0)'?s|'(?P<decade2>\d0)s)\b",
                re.I,
            ),
            fam.decade,
        ),
        ("century", c(r"\b(?:the\s+)?(?P<nth>\d{1,2})(?:st|nd|rd|th)\s+century\b", re.I), fam.century),
        ("year_range", c(rf"(?<![\d$£€-]){YEAR}[-–/](?P<tail>\d{{4}}|\d{{2}})\b(?![-\d])"), fam.year_range),
        (
            "holiday",
            c(rf"\b(?:(?P<which>last|next|this) )?(?P<holiday>{words_pattern(lex.holidays)})\b", re.I),
            fam.holiday,
        ),
        # "two thousand years" is a count, not the year 2000
        (
            "spoken_year",
            c(rf"\b{SPOKEN_YEAR}\b(?![\s-]+(?:years?|dollars|people|troops)\b)", re.I),
            fam.spoken_year,
        ),
        ("in_the_year", c(r"\b(?:earlier|later)\s+in\s+the\s+year\b", re.I), rel.in_the_year),
        (
            "same_day",
            c(
                r"\b(?:(?:earlier|later)\s+)?(?:the same|that same|that)\s+(?P<unit>day|month|quarter|year)\b"
                r"(?!-|\s+(?:before|after|earlier|later)\b)",  # "that day before" is another family's
                re.I,
            ),
            rel.same_day,
        ),
        (
            "the_year",
            c(
                # "the first launch of the year" counts within the year; it does not date the launch
                r"(?<!\bof\s)\bthe\s+(?:(?:full|current|entire|whole|current\s+fiscal|fiscal)\s+)?year\b"
                r"(?P<ended>(?=\s+(?:ended|ending)\b))?(?![-\s]+(?:\d|two\s+thousand|nineteen|before|after|earlier"
                r"|later|ago|end\b))",
                re.I,
            ),
            rel.the_year,
        ),
        *timex_patterns(lex),
        (
            "bare_month",
            c(
                r"\b(?P<month>January|February|March|April|June|July|August|September|October|November|December)\b"
                r"|(?:(?<=in )|(?<=by ))(?P<may>May)\b"  # "May" alone is mostly the verb
            ),
            fam.month_year,
        ),
        # "post-1959" is the year; "2082.1" and "1968-69" are not (a price, a range)
        ("year", c(rf"(?:(?<=\bpost-)|(?<=\bpre-)|(?<![\d$£€-]))\b{YEAR}\b(?![-\d]|\.\d)"), fam.year),
    ]
