"""How a clause and its neighbours shape a date: tense around weekdays, both ends of a range, spoken years."""

from __future__ import annotations

from datetime import date

from watchkeeper.reading.dates import event_dates, find_dates
from watchkeeper.reading.pipeline import read_text

WEDNESDAY = date(2024, 10, 16)


def _values(text: str, published: date = WEDNESDAY) -> list[tuple[str, str]]:
    return [(d["text"], d["value"]) for d in read_text(text, published).dates]


def test_would_reads_the_nearest_weekday() -> None:
    # Reported speech looking ahead ("would fly Thursday") means the coming Thursday, not last week's.
    assert _values("The minister said she would fly to Hanoi Thursday.") == [("Thursday", "2024-10-17")]


def test_a_past_plan_with_an_infinitive_reads_the_nearest_weekday() -> None:
    # "planned to sail on Thursday", said on a Wednesday, is the next day.
    assert _values("The crew planned to sail from Nampo on Thursday.") == [("Thursday", "2024-10-17")]


def test_a_reduced_relative_plan_reads_the_nearest_weekday() -> None:
    # "talks set to resume Thursday" and "a rally planned for Monday was cancelled" name the nearest such day.
    assert _values("The talks, set to resume Thursday in Vienna, were in doubt.") == [
        ("Thursday", "2024-10-17")
    ]
    assert _values("A rally planned for Monday was cancelled.") == [("Monday", "2024-10-14")]


def test_not_until_in_the_past_tells_when_it_happened() -> None:
    # "had not done X until Tuesday" says X happened on the Tuesday just gone.
    assert _values("Until Tuesday, officials had not confirmed the seizure.") == [("Tuesday", "2024-10-15")]


def test_until_a_deadline_still_lies_ahead() -> None:
    # A deadline that was pushed back is still ahead of the publication date.
    assert _values("The court postponed the hearing until Friday.") == [("Friday", "2024-10-18")]


def test_next_to_is_a_place_not_a_future() -> None:
    # "next to the port" must not make the clause's Saturday lie ahead.
    assert _values("Two trucks were parked next to the port on Saturday.") == [("Saturday", "2024-10-12")]


def test_each_end_of_a_range_is_its_own_mention() -> None:
    # TimeML marks both years of "between 2015 and 2019"; the first carries the whole range's window.
    found = find_dates("Shipments rose between 2015 and 2019.", WEDNESDAY)
    assert [(d.text, d.timeml) for d in found] == [("2015", "2015"), ("2019", "2019")]
    assert (found[0].value.start, found[0].value.end) == (date(2015, 1, 1), date(2019, 12, 31))


def test_since_keeps_the_date_words_and_runs_to_publication() -> None:
    # "since 2017" marks the year alone; the window still runs to the publication date.
    found = find_dates("Exports have been banned since 2017.", WEDNESDAY)
    assert [(d.text, d.value.start, d.value.end) for d in found] == [("2017", date(2017, 1, 1), WEDNESDAY)]


def test_spoken_years_belong_to_their_month_and_season() -> None:
    # Broadcast transcripts spell years out; they complete a month or a season as digits do.
    text = "In the winter of nineteen ninety-six prices fell. March two thousand and one was calm."
    found = find_dates(text, WEDNESDAY)
    assert [(d.text, d.timeml) for d in found] == [
        ("winter of nineteen ninety-six", "1996-WI"),
        ("March two thousand and one", "2001-03"),
    ]


def test_the_year_is_the_year_of_publication() -> None:
    # "for the full year" in a results story is the current calendar year.
    assert _values("The firm expects profit to rise for the full year.") == [("the full year", "2024")]


def test_a_year_that_ended_on_a_date_is_a_length() -> None:
    # "the year ended March 31" names a financial year: TimeML writes it P1Y.
    assert _values("For the year ended March 31, sales rose.")[0] == ("the year", "P1Y")


def test_that_year_takes_the_year_last_named() -> None:
    # "later that year" counts from the last date the story named, not from publication.
    found = _values("The ship was sold in May 2019 and renamed later that year.")
    assert found == [("May 2019", "2019-05"), ("later that year", "2019")]


def test_the_latest_quarter_is_the_last_one_completed() -> None:
    # "the latest quarter" is the quarter that closed before publication, even after a forecast for the next.
    found = _values("The fourth quarter may be weak. In the latest quarter, profit fell.")
    assert found == [("The fourth quarter", "2024-Q4"), ("the latest quarter", "2024-Q3")]


def test_the_quarter_a_year_ago_is_one_expression() -> None:
    # "the quarter a year ago" is the same quarter of the year before, in one TIMEX.
    found = _values("Profit rose in the third quarter. For the quarter a year ago, it lost money.")
    assert found[-1] == ("the quarter a year ago", "2023-Q3")


def test_date_words_in_titles_are_names() -> None:
    # A show, a march or a campaign named with a date word is no date.
    text = 'He spoke on "This Week" and at the annual March for Peace, as VOA Today reported.'
    assert _values(text) == []


def test_the_week_of_a_date_is_its_week() -> None:
    # "the week of Nov. 4" is the ISO week holding that day.
    assert _values("A hearing is set for the week of Nov. 4.") == [("the week of Nov. 4", "2024-W45")]


def test_halves_of_a_year() -> None:
    # "the second half of 2023" is TimeML's 2023-H2.
    assert _values("Output slowed in the second half of 2023.") == [("the second half of 2023", "2023-H2")]


def test_a_year_glued_to_post_is_a_year_and_a_decimal_is_not() -> None:
    # "post-1953" names 1953; "1953.4 points" is an index level.
    assert _values("The post-1953 armistice held as the index fell to 1953.4 points.") == [("1953", "1953")]


def test_of_the_year_is_no_date() -> None:
    # "the first launch of the year" counts within the year; only "on Monday" dates the launch.
    assert _values("It was the first launch of the year, fired on Monday.") == [("Monday", "2024-10-14")]


def test_the_closing_end_of_a_range_dates_no_event() -> None:
    # The range's first end holds the whole window; its second end must not date a second event.
    records = read_text("Ships called at Nampo between March and June.", WEDNESDAY).dates
    assert [d["text"] for d in records] == ["March", "June"]
    assert [d["text"] for d in event_dates(records)] == ["March"]


def test_that_year_counts_from_a_year_named_alone() -> None:
    # "in 2019 ... that year" takes the year even though a bare year anchors no "two days later".
    assert _values("Exports peaked in 2019, and imports fell that year.") == [
        ("2019", "2019"),
        ("that year", "2019"),
    ]


def test_the_previous_weekday_counts_from_the_day_named() -> None:
    # "the previous Friday" after "on Friday" is the Friday a week before it.
    found = _values("Shares closed on Friday 3% below the previous Friday.")
    assert found == [("Friday", "2024-10-11"), ("the previous Friday", "2024-10-04")]


def test_a_forecast_quarter_is_not_the_base_of_a_year_ago() -> None:
    # "the year-ago period" compares the quarter just reported, not a quarter forecast for next year.
    text = "Losses may last through the second quarter of 2025. In the year-ago period, it earned more."
    assert _values(text)[-1] == ("the year-ago period", "2023-Q3")


def test_a_second_day_after_and_is_its_own_date() -> None:
    # "on May 6 and 7" names two days; "on May 6 and 7 percent" names one.
    assert _values("Talks were held on May 6 and 7 in Hanoi.") == [
        ("May 6", "2024-05-06"),
        ("7", "2024-05-07"),
    ]
    assert _values("Prices rose on May 6 and 7 percent the next week.")[0] == ("May 6", "2024-05-06")


def test_quarter_to_quarter_is_no_quarter() -> None:
    # "the quarter-to-quarter comparison" compares quarters and names none.
    assert _values("The quarter-to-quarter comparison improved.") == []


def test_by_a_month_is_a_deadline_ahead() -> None:
    # "to finish by March", read in October, means next March.
    assert _values("The yard is due to finish the hull by March.") == [("March", "2025-03")]


def test_by_a_day_in_a_past_clause_is_a_report() -> None:
    # "By Monday the toll had risen" tells what had happened by the Monday just gone.
    assert _values("By Monday, the toll had risen to 40.") == [("Monday", "2024-10-14")]


def test_two_thousand_years_is_a_count_not_a_year() -> None:
    # "two thousand years" counts years; "in two thousand" names the year 2000.
    assert _values("The craft is two thousand years old; it was restored in two thousand.") == [
        ("two thousand", "2000")
    ]


def test_the_quarter_ended_a_date_is_the_quarter_closing_nearest_it() -> None:
    # "the quarter ended Aug. 31" is a fiscal quarter: the calendar quarter closing nearest is Q3.
    assert _values("Profit rose in the quarter ended Aug. 31.")[0] == ("the quarter", "2024-Q3")
    assert _values("Profit rose in the quarter ended July 31.")[0] == ("the quarter", "2024-Q2")


def test_repeated_weekdays_and_months_are_sets() -> None:
    # "every Thursday", "Tuesday nights" and "each July" repeat: TimeML SETs with calendar values.
    found = _values("Ferries leave Tuesday nights and every Thursday; the fleet is inspected each July.")
    assert found == [
        ("Tuesday nights", "XXXX-WXX-2TNI"),
        ("every Thursday", "XXXX-WXX-4"),
        ("each July", "XXXX-07"),
    ]


def test_the_past_before_a_count_is_no_reference() -> None:
    # "the past three summers" counts summers; "the past" alone is PAST_REF.
    assert _values("Riots broke out for the past three summers.") == []
    assert _values("In the past, the port was busy.") == [("the past", "PAST_REF")]


def test_a_part_of_the_day_before_yesterday_is_a_time() -> None:
    # "mid-afternoon yesterday" is a time of the day before publication (TimeML's TAF).
    assert _values("Shares rose at mid-afternoon yesterday.") == [
        ("mid-afternoon yesterday", "2024-10-15TAF")
    ]


def test_earlier_in_the_year_takes_the_year_of_the_day_named() -> None:
    # "later in the year" after "in March 2019" is 2019; with no day named, the publication's year.
    assert _values("The yard opened in March 2019 and closed later in the year.")[-1] == (
        "later in the year",
        "2019",
    )
    assert _values("Rains delayed planting earlier in the year.") == [("earlier in the year", "2024")]
