"""Each expression family of the date reader on one sentence of our own: TIMEX3 type and TimeML value."""

from __future__ import annotations

from datetime import date

import pytest

from watchkeeper.reading.dates import event_dates, find_dates
from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.realtext.timex import same_value
from watchkeeper.reading.records import DateRecord
from watchkeeper.vocabulary import DatePrecision

WEDNESDAY = date(2024, 10, 16)  # a Wednesday in the fourth quarter


def _only(text: str, published: date = WEDNESDAY) -> tuple[str, str, str]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0].text, found[0].type, found[0].timeml


@pytest.mark.parametrize(
    ("text", "words", "kind", "value"),
    [
        # durations
        ("The talks lasted three days.", "three days", "DURATION", "P3D"),
        ("Delegates began a two-day visit.", "two-day", "DURATION", "P2D"),
        ("The blockade was kept for nearly five hours.", "nearly five hours", "DURATION", "PT5H"),
        ("Exports fell over the past five years.", "the past five years", "DURATION", "P5Y"),
        ("The inspection took 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("Diplomats have argued for years.", "years", "DURATION", "PXY"),
        ("The regime had been isolated for the past decade.", "the past decade", "DURATION", "P10Y"),
        # sets
        ("Tankers called at the port every week.", "every week", "SET", "P1W"),
        ("The ministry publishes the figures annually.", "annually", "SET", "P1Y"),
        ("Coal trucks crossed the bridge daily.", "daily", "SET", "P1D"),
        # references to the present, past and future
        ("The ferry is now idle.", "now", "DATE", "PRESENT_REF"),
        ("The envoy recently visited the capital.", "recently", "DATE", "PAST_REF"),
        ("Sanctions may be eased in the near future.", "the near future", "DATE", "FUTURE_REF"),
        # clock times and parts of a day
        ("The vessel left port at 10:35 a.m.", "10:35 a.m.", "TIME", "2024-10-16T10:35"),
        ("Guards fired shots this morning.", "this morning", "TIME", "2024-10-16TMO"),
        # counted from publication
        ("The factory opened three years ago.", "three years ago", "DATE", "2021"),
        ("The council will vote next month.", "next month", "DATE", "2024-11"),
        ("Output should recover next year.", "next year", "DATE", "2025"),
        ("Shipments resumed tomorrow, the agency expects.", "tomorrow", "DATE", "2024-10-17"),
        ("Talks will end by the end of the year.", "the end of the year", "DATE", "2024"),
        # decades, centuries and year ranges
        ("Famine struck in the 1990s.", "the 1990s", "DATE", "199X"),
        ("Ships of the late 1970s were slower.", "the late 1970s", "DATE", "197X"),
        ("The border was drawn in the 20th century.", "the 20th century", "DATE", "19XX"),
        ("The 1968-69 crisis is still remembered.", "1968-69", "DATE", "1968"),
        # named days and years said in words
        ("Families gather on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2024-11-28"),
        ("Voters will go to the polls on Election Day.", "Election Day", "DATE", "2024-11-05"),
        ("The treaty dates from nineteen ninety-four.", "nineteen ninety-four", "DATE", "1994"),
        # quarters in business news
        ("The firm posted third-quarter profits.", "third-quarter", "DATE", "2024-Q3"),
        ("Sales in the first quarter of 2023 rose.", "the first quarter of 2023", "DATE", "2023-Q1"),
    ],
)
def test_each_family(text: str, words: str, kind: str, value: str) -> None:
    assert _only(text) == (words, kind, value)


def test_a_year_earlier_takes_the_quarter_being_reported() -> None:
    text = "Third-quarter profit rose to $5 million from $3 million a year earlier."
    found = find_dates(text, WEDNESDAY)
    assert [(d.text, d.timeml) for d in found] == [
        ("Third-quarter", "2024-Q3"),
        ("a year earlier", "2023-Q3"),
    ]


def test_the_quarter_is_the_one_last_named() -> None:
    text = "Second-quarter revenue doubled. In the quarter, the company shipped more ore."
    assert [d.timeml for d in find_dates(text, WEDNESDAY)] == ["2024-Q2", "2024-Q2"]


def test_anchored_expressions_count_from_the_last_date_named() -> None:
    text = "The tanker docked on 3 March. Two days later it sailed; the day before, it had loaded fuel."
    values = [d.timeml for d in find_dates(text, WEDNESDAY)]
    assert values == ["2024-03-03", "2024-03-05", "2024-03-02"]


def test_a_weekday_in_a_preview_lies_ahead() -> None:
    future = read_text("The envoys will meet on Friday in Geneva.", WEDNESDAY).dates
    past = read_text("The envoys met on Friday in Geneva.", WEDNESDAY).dates
    assert [d["value"] for d in future] == ["2024-10-18"]
    assert [d["value"] for d in past] == ["2024-10-11"]


def test_a_month_in_a_schedule_lies_ahead() -> None:
    dates = read_text("The summit is scheduled for March.", WEDNESDAY).dates
    assert [d["value"] for d in dates] == ["2025-03"]


def test_a_day_soon_after_publication_is_a_deadline_not_a_memory() -> None:
    dates = read_text("The board said the offer was extended to Nov. 1.", WEDNESDAY).dates
    assert [d["value"] for d in dates] == ["2024-11-01"]


def test_a_named_weekday_picks_the_year_of_its_date() -> None:
    assert _only("Voting opens Monday, Jan. 6.")[2] == "2025-01-06"


def test_ages_shares_and_verbs_are_not_times() -> None:
    text = "A 6-year-old boy watched prices fall as three-quarters of the stalls closed."
    assert find_dates(text, WEDNESDAY) == []


def test_this_coming_weekday_lies_ahead() -> None:
    assert _only("Envoys arrive this coming Sunday.")[2] == "2024-10-20"


def test_a_schedule_in_the_simple_present_lies_ahead() -> None:
    dates = read_text("The two leaders meet separately Monday with the envoy.", WEDNESDAY).dates
    assert [d["value"] for d in dates] == ["2024-10-21"]


def test_a_recently_passed_day_in_a_future_clause_stays_past() -> None:
    dates = read_text("Prices will be compared with the levels of Oct. 10.", WEDNESDAY).dates
    assert [d["value"] for d in dates] == ["2024-10-10"]


def test_only_calendar_dates_can_date_an_event() -> None:
    records: list[DateRecord] = read_text(
        "North Korea is now firing missiles after a three-day pause, as it did on Monday.", WEDNESDAY
    ).dates
    assert [r["type"] for r in records] == ["DATE", "DURATION", "DATE"]
    assert [r["text"] for r in event_dates(records)] == ["Monday"]
    assert all(r["precision"] != DatePrecision.PUBLICATION for r in event_dates(records))


def test_a_duration_does_not_date_an_incident() -> None:
    incidents = read_text("North Korea fired a missile that flew for 40 minutes.", WEDNESDAY).incidents
    assert incidents and all(i["precision"] == DatePrecision.PUBLICATION for i in incidents)


def test_the_scorer_reads_a_week_or_decade_either_way() -> None:
    assert same_value("2000-W7", "2000-W07") and same_value("199", "199X") and same_value("19", "19XX")
    assert not same_value("1998-W32", "1998-W33") and not same_value("1990", "199X")
