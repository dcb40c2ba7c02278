"""The merge rules for figures, continuing activities, coarse dates, named systems, targets and means."""

from __future__ import annotations

from datetime import date
from typing import Any

from watchkeeper.assess.conditions import Actor
from watchkeeper.assess.continuing import ongoing, subject
from watchkeeper.assess.merge import finest, merge_sightings
from watchkeeper.assess.sightings import Evidence, Sighting
from watchkeeper.vocabulary import DatePrecision

DPRK, RUSSIA, UKRAINE = "country:north-korea", "country:russia", "country:ukraine"


def _seen(
    key: str,
    start: date | None,
    precision: str = DatePrecision.DAY,
    end: date | None = None,
    kind: str = "missile_launch",
    text: str = "",
    actors: list[tuple[str, str]] | None = None,
    figures: list[tuple[float, str]] = (),  # type: ignore[assignment]
    published: date | None = None,
    place: str | None = None,
    document: str | None = None,
) -> Sighting:
    cast = [Actor(role, who, who, None, None) for role, who in (actors or [("launcher", DPRK)])]
    quantities: list[dict[str, Any]] = [{"value": v, "unit": u} for v, u in figures]
    evidence = [Evidence("reports", text, "outlet:x", "X", "media", "assertion", document_id=document)]
    return Sighting(
        key,
        kind,
        start,
        end,
        precision,
        cast,
        "alleged",
        text or f"sighting {key}",
        place_text=place,
        quantities=quantities,
        evidence=evidence if document else [],
        published=published or start,
    )


def _groups(*sightings: Sighting) -> list[set[str]]:
    return sorted(({s.key for s in group} for group in merge_sightings(sightings)), key=sorted)


ARMS = [("from", DPRK), ("to", RUSSIA)]


def test_a_report_repeating_a_shipments_figure_weeks_later_is_that_shipment() -> None:
    shipment = _seen(
        "s",
        date(2023, 9, 7),
        DatePrecision.RANGE,
        date(2023, 10, 1),
        "arms_transfer",
        actors=ARMS,
        figures=[(1000, "container")],
        published=date(2023, 10, 13),
    )
    later = _seen(
        "p",
        date(2023, 11, 2),
        DatePrecision.PUBLICATION,
        kind="arms_transfer",
        actors=ARMS,
        figures=[(1000, "container")],
    )
    assert _groups(shipment, later) == [{"p", "s"}]


def test_a_small_count_does_not_identify_an_event() -> None:
    first = _seen("a", date(2024, 3, 1), figures=[(2, "missile")])
    later = _seen("b", date(2024, 4, 10), DatePrecision.PUBLICATION, figures=[(2, "missile")])
    assert len(_groups(first, later)) == 2


def test_totals_far_apart_are_not_one_shipment_even_in_the_same_month() -> None:
    first = _seen(
        "a",
        date(2023, 9, 7),
        DatePrecision.RANGE,
        date(2023, 10, 1),
        "arms_transfer",
        actors=ARMS,
        figures=[(1000, "container")],
        published=date(2023, 10, 13),
    )
    total = _seen(
        "b",
        date(2023, 9, 1),
        DatePrecision.MONTH,
        kind="arms_transfer",
        actors=ARMS,
        figures=[(20000, "container")],
        published=date(2025, 6, 1),
    )
    assert len(_groups(first, total)) == 2


def test_running_totals_of_one_supply_as_of_their_reports_are_one_activity() -> None:
    early = _seen(
        "a",
        date(2023, 8, 1),
        DatePrecision.RANGE,
        date(2023, 11, 20),
        "arms_transfer",
        text="the North has shipped a million artillery shells since August",
        actors=ARMS,
        figures=[(1_000_000, "shell")],
        published=date(2023, 11, 20),
    )
    later = _seen(
        "b",
        date(2024, 8, 27),
        kind="arms_transfer",
        text="it has sent 13,000 containers of munitions",
        actors=ARMS,
        figures=[(13000, "container")],
        published=date(2024, 8, 28),
    )
    undated = _seen(
        "c",
        date(2025, 5, 30),
        DatePrecision.PUBLICATION,
        kind="arms_transfer",
        text="the group says Pyongyang keeps sending ammunition",
        actors=ARMS,
    )
    assert _groups(early, later, undated) == [{"a", "b", "c"}]


def test_a_closed_shipment_stays_apart_from_the_running_supply() -> None:
    shipment = _seen(
        "s",
        date(2023, 9, 7),
        DatePrecision.RANGE,
        date(2023, 10, 1),
        "arms_transfer",
        text="munitions moved between early September and October",
        actors=ARMS,
        published=date(2023, 10, 20),
    )
    running = _seen(
        "r",
        date(2023, 9, 1),
        DatePrecision.RANGE,
        date(2025, 5, 29),
        "arms_transfer",
        text="it has shipped munitions since September 2023",
        actors=ARMS,
        published=date(2025, 5, 29),
    )
    assert not ongoing(shipment) and ongoing(running)
    assert len(_groups(shipment, running)) == 2


def test_a_supply_of_missiles_is_another_activity_than_a_supply_of_shells() -> None:
    shells = _seen(
        "a",
        date(2025, 5, 29),
        DatePrecision.PUBLICATION,
        kind="arms_transfer",
        text="it has sent artillery shells, and some missiles too",
        actors=ARMS,
    )
    missiles = _seen(
        "b",
        date(2024, 1, 4),
        DatePrecision.PUBLICATION,
        kind="arms_transfer",
        text="Moscow has fired ballistic missiles it received from the North",
        actors=ARMS,
    )
    assert subject(shells) == "arms" and subject(missiles) == "ballistic_missile"
    assert len(_groups(shells, missiles)) == 2


def test_a_month_joins_the_one_launch_inside_it() -> None:
    day = _seen("d", date(2023, 4, 13))
    month = _seen("m", date(2023, 4, 1), DatePrecision.MONTH, published=date(2023, 7, 1))
    again = _seen("n", date(2023, 4, 1), DatePrecision.MONTH, published=date(2023, 8, 1))
    assert _groups(day, month, again) == [{"d", "m", "n"}]


def test_a_year_holding_two_thefts_names_neither() -> None:
    thefts = [
        _seen(k, d, kind="cyber_theft", actors=[("perpetrator", DPRK)])
        for k, d in (("a", date(2024, 5, 31)), ("b", date(2024, 7, 18)))
    ]
    year = _seen(
        "y",
        date(2024, 1, 1),
        DatePrecision.YEAR,
        kind="cyber_theft",
        actors=[("perpetrator", DPRK)],
        published=date(2025, 1, 5),
    )
    assert _groups(*thefts, year) == [{"a"}, {"b"}, {"y"}]


def test_a_range_merely_touching_a_launch_by_a_day_does_not_join_it() -> None:
    icbm = _seen("d", date(2024, 10, 31), text="it fired an ICBM")
    early = _seen(
        "r",
        date(2024, 11, 1),
        DatePrecision.RANGE,
        date(2024, 11, 10),
        text="it fired several short-range missiles in early November",
        published=date(2025, 1, 6),
    )
    assert len(_groups(icbm, early)) == 2


def test_reports_naming_different_systems_are_different_launches() -> None:
    one = _seen("a", date(2024, 1, 14), text="it tested an intermediate-range missile with a glide vehicle")
    other = _seen("b", date(2024, 1, 15), text="debris of a Hwasong-11 was found")
    assert len(_groups(one, other)) == 2


def test_one_system_named_two_ways_is_one_launch() -> None:
    one = _seen("a", date(2024, 1, 2), text="the missile was a KN-23")
    other = _seen("b", date(2024, 1, 2), text="a Hwasong-11 series missile")
    assert _groups(one, other) == [{"a", "b"}]


def test_a_strike_on_one_target_on_one_day_is_one_event_whoever_sources_say_fired() -> None:
    maker = _seen("a", date(2024, 1, 2), actors=[("launcher", DPRK), ("victim", UKRAINE)])
    user = _seen("b", date(2024, 1, 2), actors=[("launcher", RUSSIA), ("victim", UKRAINE)])
    assert _groups(maker, user) == [{"a", "b"}]


def test_launches_by_two_states_with_no_shared_target_stay_two() -> None:
    one = _seen("a", date(2024, 1, 2), actors=[("launcher", DPRK)])
    other = _seen("b", date(2024, 1, 2), actors=[("launcher", RUSSIA)])
    assert len(_groups(one, other)) == 2


def test_tanker_calls_at_the_loading_port_are_the_delivery() -> None:
    oil = [("supplier", RUSSIA), ("recipient", DPRK)]
    delivery = _seen(
        "d",
        date(2024, 3, 1),
        DatePrecision.RANGE,
        date(2024, 11, 10),
        "petroleum_delivery",
        actors=oil,
        place="Vostochny",
        published=date(2024, 11, 22),
    )
    calls = _seen(
        "c",
        date(2024, 3, 7),
        DatePrecision.RANGE,
        date(2024, 3, 29),
        "port_call",
        actors=[("from", DPRK)],
        place="the port of Vostochny",
        published=date(2024, 3, 29),
    )
    groups = merge_sightings([delivery, calls])
    assert len(groups) == 1 and finest(groups[0]).kind == "petroleum_delivery"


def test_a_continuing_activity_spans_its_reports_rather_than_the_narrowest_one() -> None:
    from watchkeeper.assess.continuing import activity_span

    oil = [("supplier", RUSSIA), ("recipient", DPRK)]
    since = _seen(
        "a",
        date(2024, 3, 1),
        DatePrecision.RANGE,
        date(2024, 11, 22),
        "petroleum_delivery",
        text="it has shipped refined petroleum since March",
        actors=oil,
        published=date(2024, 11, 22),
    )
    begun = _seen(
        "b",
        date(2024, 3, 7),
        DatePrecision.RANGE,
        date(2024, 3, 29),
        "petroleum_delivery",
        text="tankers have begun loading refined products",
        actors=oil,
        published=date(2024, 3, 29),
    )
    assert activity_span([since, begun]) == (date(2024, 3, 1), date(2024, 11, 22))
    assert activity_span([_seen("c", date(2024, 1, 2))]) is None


def test_a_first_launch_since_a_month_joins_the_one_launch_of_that_month() -> None:
    december = _seen("d", date(2023, 12, 18), text="it launched an ICBM")
    since = _seen(
        "s",
        date(2023, 12, 1),
        DatePrecision.RANGE,
        date(2024, 10, 31),
        text="its first ICBM launch since December",
        published=date(2024, 10, 31),
    )
    assert _groups(december, since) == [{"d", "s"}]


def test_repeatedly_since_a_day_with_two_acts_after_it_names_neither() -> None:
    strikes = [_seen(k, d) for k, d in (("a", date(2023, 12, 30)), ("b", date(2024, 1, 2)))]
    since = _seen(
        "s",
        date(2023, 12, 21),
        DatePrecision.RANGE,
        date(2024, 3, 29),
        text="missiles fired repeatedly since late December",
        published=date(2024, 3, 29),
    )
    assert _groups(*strikes, since) == [{"a"}, {"b"}, {"s"}]


def test_the_day_most_reports_give_leads_and_the_other_day_stays_with_its_report() -> None:
    odd = _seen("a", date(2024, 10, 30), published=date(2024, 10, 30))
    most = [_seen(k, date(2024, 10, 31)) for k in ("b", "c")]
    assert _groups(odd, *most) == [{"a", "b", "c"}]
    assert finest([odd, *most]).start == date(2024, 10, 31)


def test_a_coarse_report_with_no_dated_act_inside_joins_the_one_undated_report_published_then() -> None:
    arms = [("from", DPRK), ("to", RUSSIA)]
    said = _seen(
        "p",
        date(2024, 1, 4),
        DatePrecision.PUBLICATION,
        kind="arms_transfer",
        text="Russia has fired ballistic missiles the North supplied, officials said",
        actors=arms,
    )
    early = _seen(
        "r",
        date(2024, 1, 1),
        DatePrecision.RANGE,
        date(2024, 1, 10),
        "arms_transfer",
        text="in early January Washington said the missiles came from the North",
        actors=arms,
        published=date(2024, 2, 12),
    )
    assert _groups(said, early) == [{"p", "r"}]


def test_a_coarse_report_agreeing_with_one_side_of_a_disputed_strike_joins_it() -> None:
    maker = _seen("a", date(2024, 1, 2), actors=[("launcher", DPRK), ("victim", UKRAINE)])
    user = _seen("b", date(2024, 1, 2), actors=[("launcher", RUSSIA), ("victim", UKRAINE)])
    early = _seen(
        "r",
        date(2024, 1, 1),
        DatePrecision.RANGE,
        date(2024, 1, 10),
        actors=[("launcher", DPRK)],
        published=date(2024, 2, 12),
    )
    assert _groups(maker, user, early) == [{"a", "b", "r"}]


def test_a_total_by_a_date_is_a_running_total_of_the_same_supply() -> None:
    oil = [("supplier", RUSSIA), ("recipient", DPRK)]
    since = _seen(
        "a",
        date(2024, 3, 1),
        DatePrecision.RANGE,
        date(2024, 11, 22),
        "petroleum_delivery",
        text="it has shipped refined petroleum since March",
        actors=oil,
        published=date(2024, 11, 22),
    )
    by = _seen(
        "b",
        None,
        DatePrecision.RANGE,
        date(2025, 5, 29),
        "petroleum_delivery",
        text="it had delivered refined petroleum far above the cap by then",
        actors=oil,
        published=date(2025, 5, 29),
    )
    assert _groups(since, by) == [{"a", "b"}]


def test_reports_naming_different_states_among_those_voting_for_are_one_vote() -> None:
    one = _seen(
        "a",
        date(2024, 3, 28),
        kind="council_vote",
        actors=[("voters_against", RUSSIA), ("voters_for", "country:france")],
    )
    other = _seen(
        "b",
        date(2024, 3, 25),
        DatePrecision.WEEK,
        date(2024, 3, 31),
        kind="council_vote",
        actors=[("voters_against", RUSSIA), ("voters_for", "country:japan")],
        published=date(2024, 4, 4),
    )
    assert _groups(one, other) == [{"a", "b"}]


def test_a_launchs_range_and_its_altitude_in_two_reports_do_not_split_it() -> None:
    flown = _seen("a", date(2024, 10, 31), figures=[(1000, "km")])
    high = _seen("b", date(2024, 10, 31), figures=[(7000, "km")])
    assert _groups(flown, high) == [{"a", "b"}]
