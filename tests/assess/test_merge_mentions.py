"""Merge rules for mentions: undated reports of a well-reported act, "since" periods, and named acts."""

from __future__ import annotations

from datetime import date

from tests.assess.test_merge_rules import _groups, _seen
from watchkeeper.assess.sightings import Sighting
from watchkeeper.vocabulary import DatePrecision

DPRK, RUSSIA, UKRAINE = "country:north-korea", "country:russia", "country:ukraine"
ARMS = [("from", DPRK), ("to", RUSSIA)]
PUB = DatePrecision.PUBLICATION


def _transfer(
    key: str,
    day: date,
    actors: list[tuple[str, str]],
    precision: str = DatePrecision.DAY,
    on: date | None = None,
) -> Sighting:
    return _seen(key, day, precision, kind="arms_transfer", actors=actors, published=on)


def test_an_undated_transfer_report_joins_the_dated_one_despite_one_misread_recipient() -> None:
    strike = [_transfer(f"d{n}", date(2024, 5, 6), ARMS, on=date(2024, 6, n + 1)) for n in range(3)]
    misread = _transfer("m", date(2024, 5, 6), [("from", DPRK), ("to", UKRAINE)])
    bridge = _transfer("b", date(2024, 5, 6), [("from", DPRK)])
    undated = _transfer("u", date(2024, 5, 8), ARMS, PUB)
    groups = _groups(*strike, misread, bridge, undated)
    assert {"u", "d0", "m"} <= next(g for g in groups if "d0" in g)


def test_an_undated_launch_naming_another_class_stays_out_of_a_mostly_agreeing_group() -> None:
    launch = [_seen(f"l{n}", date(2024, 5, 6), text="a missile flew east") for n in range(3)]
    icbm = _seen("i", date(2024, 5, 6), text="it was an ICBM")
    short = _seen("s", date(2024, 5, 7), PUB, text="short-range missiles were fired")
    assert {"s"} in _groups(*launch, icbm, short)


def test_a_first_icbm_launch_since_a_month_counts_from_the_icbm_launch_of_that_month() -> None:
    icbm = _seen("i", date(2024, 3, 12), text="an ICBM was fired")
    other = _seen("o", date(2024, 3, 20), text="missiles were fired")
    since = _seen(
        "s",
        date(2024, 3, 1),
        DatePrecision.RANGE,
        end=date(2024, 9, 30),
        text="its first ICBM launch since March",
        published=date(2024, 9, 30),
    )
    assert {"i", "s"} in _groups(icbm, other, since)


def test_a_since_period_naming_no_class_with_two_acts_at_its_start_stays_apart() -> None:
    a = _seen("a", date(2024, 3, 12), text="an ICBM was fired")
    b = _seen("b", date(2024, 3, 20), text="missiles were fired")
    since = _seen(
        "s", date(2024, 3, 1), DatePrecision.RANGE, end=date(2024, 9, 30), published=date(2024, 9, 30)
    )
    assert {"s"} in _groups(a, b, since)


VETO = [("voters_against", RUSSIA)]


def _vote(key: str, day: date, text: str, precision: str = DatePrecision.DAY) -> Sighting:
    return _seen(key, day, precision, kind="council_vote", text=text, actors=VETO, document=f"doc-{key}")


def test_a_mention_of_the_panel_veto_months_later_joins_the_dated_veto() -> None:
    veto = [_vote(f"v{n}", date(2024, 3, 28), "Moscow vetoed the panel's renewal") for n in range(3)]
    later = _vote("n", date(2024, 11, 20), "the panel lapsed after Moscow's veto", PUB)
    assert {"v0", "v1", "v2", "n"} in _groups(*veto, later)


def test_a_mention_of_a_veto_with_two_comparably_reported_candidates_stays_apart() -> None:
    march = [_vote(f"m{n}", date(2024, 3, 28), "Moscow vetoed the panel's renewal") for n in range(2)]
    other = [_vote(f"o{n}", date(2022, 5, 26), "a veto of the panel resolution") for n in range(2)]
    later = _vote("n", date(2024, 11, 20), "the panel lapsed after Moscow's veto", PUB)
    assert {"n"} in _groups(*march, *other, later)


def test_a_mention_naming_another_subject_does_not_join_the_panel_veto() -> None:
    veto = [_vote(f"v{n}", date(2024, 3, 28), "Moscow vetoed the panel's renewal") for n in range(3)]
    later = _vote("n", date(2024, 11, 20), "Moscow blocked new sanctions", PUB)
    assert {"n"} in _groups(*veto, later)


def test_a_mention_does_not_join_a_vote_dated_after_its_publication() -> None:
    veto = _vote("v", date(2024, 3, 28), "Moscow vetoed the panel's renewal")
    earlier = _vote("n", date(2023, 11, 20), "Moscow may veto the panel", PUB)
    assert {"n"} in _groups(veto, earlier)


def test_a_mention_of_the_lapsed_mandate_is_the_panel_veto() -> None:
    veto = [_vote(f"v{n}", date(2024, 3, 28), "Moscow vetoed the panel's renewal") for n in range(3)]
    later = _vote("n", date(2024, 9, 2), "Its mandate ran out weeks after the Russian veto", PUB)
    assert {"v0", "v1", "v2", "n"} in _groups(*veto, later)
