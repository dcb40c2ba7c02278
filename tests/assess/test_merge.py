"""The merge rule on hand-made sightings: one incident per real event, two when the dates say two."""

from __future__ import annotations

from datetime import date

from watchkeeper.assess.conditions import Actor
from watchkeeper.assess.merge import finest, merge_sightings
from watchkeeper.assess.sightings import Sighting
from watchkeeper.vocabulary import DatePrecision

DPRK = Actor("launcher", "country:north-korea", "North Korea", None, None)


def _seen(
    key: str,
    start: date,
    precision: str = DatePrecision.DAY,
    end: date | None = None,
    kind: str = "missile_launch",
) -> Sighting:
    return Sighting(key, kind, start, end, precision, [DPRK], "alleged", f"sighting {key}")


def _groups(*sightings: Sighting) -> list[set[str]]:
    return sorted(({s.key for s in group} for group in merge_sightings(sightings)), key=sorted)


def test_a_report_dated_a_day_later_in_another_time_zone_is_the_same_launch() -> None:
    assert _groups(_seen("a", date(2024, 10, 31)), _seen("b", date(2024, 11, 1))) == [{"a", "b"}]


def test_launches_three_days_apart_stay_two() -> None:
    assert len(_groups(_seen("a", date(2024, 10, 28)), _seen("b", date(2024, 10, 31)))) == 2


def test_a_week_containing_the_day_joins_it() -> None:
    week = _seen("w", date(2024, 3, 25), DatePrecision.WEEK, date(2024, 3, 31), kind="council_vote")
    assert _groups(_seen("d", date(2024, 3, 28), kind="council_vote"), week) == [{"d", "w"}]


def test_an_undated_report_published_the_next_day_joins_the_launch() -> None:
    assert _groups(
        _seen("d", date(2025, 2, 21)), _seen("p", date(2025, 2, 22), DatePrecision.PUBLICATION)
    ) == [{"d", "p"}]


def test_an_undated_report_long_after_stays_apart() -> None:
    assert (
        len(_groups(_seen("d", date(2025, 2, 1)), _seen("p", date(2025, 2, 22), DatePrecision.PUBLICATION)))
        == 2
    )


def test_a_range_meeting_two_launches_says_neither() -> None:
    days = _seen("a", date(2024, 11, 2)), _seen("b", date(2024, 11, 6))
    span = _seen("r", date(2024, 11, 1), DatePrecision.RANGE, date(2024, 11, 7))
    assert _groups(*days, span) == [{"a"}, {"b"}, {"r"}]


def test_a_range_that_only_touches_the_day_through_the_slack_stays_apart() -> None:
    span = _seen("r", date(2024, 11, 1), DatePrecision.RANGE, date(2024, 11, 7))
    assert len(_groups(_seen("d", date(2024, 10, 31)), span)) == 2


def test_a_report_naming_another_launcher_stays_apart() -> None:
    other = _seen("p", date(2025, 2, 22), DatePrecision.PUBLICATION)
    other.actors = [Actor("launcher", "country:russia", "Russia", None, None)]
    assert len(_groups(_seen("d", date(2025, 2, 21)), other)) == 2


def test_the_merged_incident_keeps_the_most_precise_date_not_an_average() -> None:
    group = [_seen("p", date(2024, 11, 1), DatePrecision.PUBLICATION), _seen("d", date(2024, 10, 31))]
    assert merge_sightings(group) == [group] and finest(group).start == date(2024, 10, 31)
