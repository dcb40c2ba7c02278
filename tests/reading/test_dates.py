"""The date resolver against the publication date, expression by expression."""

from __future__ import annotations

from datetime import date

import pytest

from watchkeeper.reading.dates import find_dates, resolve_date

THURSDAY = date(2024, 3, 28)


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("on Thursday", "2024-03-28", "2024-03-28", "day"),  # the publication day itself, not a week before
        ("on Friday", "2024-03-22", "2024-03-22", "day"),
        ("Monday's launch", "2024-03-25", "2024-03-25", "day"),
        ("last week", "2024-03-18", "2024-03-24", "week"),
        ("earlier this year", "2024-01-01", "2024-03-28", "range"),
        ("in August", "2023-08-01", "2023-08-31", "month"),  # most recent past August
        ("in March", "2024-03-01", "2024-03-31", "month"),
        ("late last year", "2023-09-01", "2023-12-31", "range"),
        ("early December", "2023-12-01", "2023-12-10", "range"),
        ("in mid-January", "2024-01-11", "2024-01-20", "range"),
        ("2 January", "2024-01-02", "2024-01-02", "day"),
        ("Jan. 2", "2024-01-02", "2024-01-02", "day"),
        ("Dec. 18, 2023", "2023-12-18", "2023-12-18", "day"),
        ("2023-09-13", "2023-09-13", "2023-09-13", "day"),
        ("last July", "2023-07-01", "2023-07-31", "month"),
        ("since December last year", "2023-12-01", "2024-03-28", "range"),
        ("between March and early November", "2023-03-01", "2023-11-10", "range"),
        ("between 2017 and 2023", "2017-01-01", "2023-12-31", "range"),
        ("the previous morning", "2024-03-27", "2024-03-27", "day"),
        ("the first quarter of 2023", "2023-01-01", "2023-03-31", "quarter"),
        ("in 2006", "2006-01-01", "2006-12-31", "year"),
        ("since last summer", "2023-06-01", "2024-03-28", "range"),
    ],
)
def test_resolves_against_publication(expression: str, start: str, end: str, precision: str) -> None:
    value = resolve_date(expression, THURSDAY)
    assert value is not None
    assert (value.start.isoformat(), value.end.isoformat(), value.precision) == (start, end, precision)


def test_spans_point_at_the_words() -> None:
    text = "North Korea fired a missile on Monday, weeks after tests in April and July."
    found = find_dates(text, date(2025, 1, 7))
    assert [text[d.start_char : d.end_char] for d in found] == ["Monday", "April", "July"]
    assert found[0].value.start == date(2025, 1, 6)


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Russia may be preparing to share technology.", THURSDAY) == []
