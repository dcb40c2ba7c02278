"""Incidents against measures: every gold incident kind links to the measures the regime has for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from watchkeeper.assess.rules import Actor, IncidentFacts, load_rules, measure_status
from watchkeeper.errors import InputFileError
from watchkeeper.regime import load_regime
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident, MeasureLink
from watchkeeper.vocabulary import MeasureStatus

NK = "country:north-korea"

# kind, a role/entity the incident must have, measures every such incident must be linked to
EXPECTED = [
    ("missile_launch", ("launcher", NK), {"1695-op2"}),
    ("engine_test", ("launcher", NK), {"1695-op2"}),
    ("arms_transfer", ("from", NK), {"1718-op8b", "1874-op9"}),
    ("arms_transfer", ("to", NK), {"1718-op8a-i", "2270-op6"}),
    ("petroleum_delivery", ("recipient", NK), {"2397-op5"}),
    ("ship_to_ship_transfer", ("recipient", NK), {"2375-op11"}),
    ("cyber_theft", ("perpetrator", NK), {"1874-op18", "2094-op11", "2270-op32"}),
    ("overseas_workers", ("from", NK), {"2397-op8", "2375-op17"}),
    ("port_call", ("vessel", "vessel:angara"), {"2270-op22", "2375-op6", "1718-op8d"}),
]


def _incidents(store: Store) -> list[tuple[AssessedIncident, set[str]]]:
    with store.session() as session:
        links: dict[str, set[str]] = {}
        for link in session.scalars(select(MeasureLink)):
            links.setdefault(link.assessed_incident_id, set()).add(link.measure_id)
        return [(i, links.get(i.id, set())) for i in session.scalars(select(AssessedIncident))]


@pytest.mark.parametrize(("kind", "actor", "measures"), EXPECTED, ids=[f"{k}-{a[0]}" for k, a, _ in EXPECTED])
def test_gold_kind_links_to_its_measures(
    gold_store: Store, kind: str, actor: tuple[str, str], measures: set[str]
) -> None:
    matching = [
        (incident, linked)
        for incident, linked in _incidents(gold_store)
        if incident.kind == kind and any((a["role"], a["entity_id"]) == actor for a in incident.actors)
    ]
    assert matching, f"no gold {kind} incident with {actor}"
    for incident, linked in matching:
        assert measures <= linked, f"{incident.summary!r} linked to {sorted(linked)}"


def test_council_votes_link_to_no_measure(gold_store: Store) -> None:
    votes = [linked for incident, linked in _incidents(gold_store) if incident.kind == "council_vote"]
    assert votes and all(not linked for linked in votes)


def test_every_link_explains_rule_conditions_and_version(gold_store: Store) -> None:
    with gold_store.session() as session:
        link = session.scalars(select(MeasureLink).where(MeasureLink.measure_id == "2397-op5")).first()
        assert link is not None
        explanation = link.explanation
    assert explanation["rule"] == "petroleum-to-dprk"
    assert any("commodity" in c or "to is" in c or "recipient is" in c for c in explanation["conditions"])
    assert explanation["effective_from"] == "2018-01-01"
    assert explanation["supersedes"] == ["2375-op14"]
    assert explanation["limit"]["value"] == 500000


def test_the_measure_in_force_on_the_date_is_linked() -> None:
    rules = load_rules(load_regime())
    recipient = (Actor("recipient", NK, "North Korea"),)
    before = rules.links(
        IncidentFacts("petroleum_delivery", date(2017, 11, 1), recipient, "refined_petroleum")
    )
    after = rules.links(IncidentFacts("petroleum_delivery", date(2024, 3, 1), recipient, "refined_petroleum"))
    assert [link.measure_id for link in before] == ["2375-op14"]
    assert [link.measure_id for link in after] == ["2397-op5"]
    crude = rules.links(IncidentFacts("petroleum_delivery", date(2024, 3, 1), recipient, "crude_oil"))
    assert [link.measure_id for link in crude] == ["2397-op4"]


def test_a_rule_naming_an_unknown_measure_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - id: bad\n    kind: arms_transfer\n    measures: {ids: [9999-op1]}\n"
        "    why: a measure that does not exist anywhere\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match=r"rules\.0\.measures\.ids.*9999-op1"):
        load_rules(load_regime(), path)


def test_a_rule_with_an_unknown_condition_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - id: bad\n    kind: arms_transfer\n    when: {colour: red}\n"
        "    measures: {ids: [1718-op8b]}\n    why: conditions must be the declared ones\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match="colour"):
        load_rules(load_regime(), path)


def _facts(kind: str, actors: list[tuple[str, str]], text: str) -> IncidentFacts:
    cast = tuple(Actor(role, entity, entity) for role, entity in actors)
    return IncidentFacts(kind, date(2024, 1, 2), cast, texts=(text,))


def test_another_state_firing_a_dprk_missile_is_the_export_ban_not_the_launch_ban() -> None:
    rules = load_rules(load_regime())
    fired = _facts(
        "missile_launch",
        [("launcher", "country:russia"), ("victim", "country:ukraine")],
        "Russian forces struck the city with a North Korean missile of the KN-23 type.",
    )
    links = {link.measure_id: link for link in rules.links(fired)}
    assert "1718-op8b" in links and "1695-op2" not in links
    assert any("launcher is country:russia" in c for c in links["1718-op8b"].explanation["conditions"])


def test_the_dprks_own_launch_is_the_launch_ban() -> None:
    rules = load_rules(load_regime())
    own = _facts(
        "missile_launch", [("launcher", "country:north-korea")], "Pyongyang fired a missile into the sea."
    )
    ids = {link.measure_id for link in rules.links(own)}
    assert "1695-op2" in ids and "1718-op8b" not in ids


def test_votes_are_events_and_a_kind_without_a_match_says_no_measure() -> None:
    rules = load_rules(load_regime())
    vote = _facts("council_vote", [("voters_against", "country:russia")], "Russia vetoed the draft.")
    assert rules.links(vote) == []
    status, why = measure_status("council_vote", linked=False)
    assert status == MeasureStatus.EVENT and "not a breach" in why
    status, why = measure_status("port_call", linked=False)
    assert status == MeasureStatus.NO_MEASURE and why.startswith("no measure")


def test_a_dprk_missile_fired_by_another_state_is_evidence_of_the_arms_export_bans() -> None:
    # a missile made in the DPRK and fired by Russia left the DPRK: every export ban on arms and missiles
    rules = load_rules(load_regime())
    fired = _facts(
        "missile_launch",
        [("launcher", "country:russia"), ("victim", "country:ukraine")],
        "The wreckage was of a DPRK-made short-range missile.",
    )
    assert {link.measure_id for link in rules.links(fired)} == {"1695-op4", "1718-op8b", "1874-op9"}


def test_ballistic_missiles_exported_by_the_dprk_add_the_procurement_ban_of_1695() -> None:
    # shipping missiles out of the DPRK is an arms export and a procurement 1695 OP4 asks states to stop
    rules = load_rules(load_regime())
    cast = (Actor("from", NK, "North Korea"), Actor("to", "country:russia", "Russia"))
    shipped = IncidentFacts("arms_transfer", date(2024, 1, 2), cast, "ballistic_missile")
    assert {link.measure_id for link in rules.links(shipped)} == {"1695-op4", "1718-op8b", "1874-op9"}


def test_an_engine_test_is_programme_activity_not_a_launch() -> None:
    # a ground test of a motor breaks the demand to suspend the programme, never the ban on launches
    rules = load_rules(load_regime())
    tested = _facts(
        "engine_test", [("launcher", NK)], "State media said a solid-fuel motor was ground-tested."
    )
    assert {link.measure_id for link in rules.links(tested)} == {"1695-op2", "1718-op5", "1874-op3"}


def test_a_rule_may_select_the_measures_of_the_kind_its_incident_is_evidence_of(tmp_path: Path) -> None:
    # without evidence_of, a launch rule may not pick arms measures; with it, the arms kind's tags are allowed
    body = (
        "rules:\n  - id: use\n    kind: missile_launch\n{extra}    measures: {{ids: [1874-op9]}}\n"
        "    why: a missile fired by another state was exported first\n"
    )
    path = tmp_path / "rules.yaml"
    path.write_text(body.format(extra=""), encoding="utf-8")
    with pytest.raises(InputFileError, match="bears on none of the measure_tags of 'missile_launch'"):
        load_rules(load_regime(), path)
    path.write_text(body.format(extra="    evidence_of: arms_transfer\n"), encoding="utf-8")
    assert load_rules(load_regime(), path).rules[0].evidence_of == "arms_transfer"
