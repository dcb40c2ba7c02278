"""Another state's strike with DPRK weapons is filed as their transfer, never as a DPRK launch.

One sentence per rule, written for these tests, through the full pipeline loaded once.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.records import IncidentRecord

PUBLISHED = date(2024, 5, 2)


def _incidents(nlp: Language, text: str) -> list[IncidentRecord]:
    return list(read_text(text, PUBLISHED, nlp=nlp).incidents)


def _roles(incident: IncidentRecord) -> set[tuple[str, str | None]]:
    return {(a["role"], a["entity_id"]) for a in incident["actors"]}


def test_a_strike_with_dprk_missiles_is_their_transfer_dated_by_the_strike(nlp: Language) -> None:
    (transfer,) = _incidents(nlp, "Moscow's forces struck Odesa with North Korean missiles on 3 March.")
    assert transfer["kind"] == "arms_transfer"
    assert transfer["date"] == "2024-03-03"
    assert ("from", "country:north-korea") in _roles(transfer)


def test_the_agent_of_a_passive_launch_receives_the_weapons(nlp: Language) -> None:
    text = "Pyongyang has sent ballistic missiles that were launched by Russian units against Ukraine."
    kinds = {i["kind"] for i in _incidents(nlp, text)}
    assert "missile_launch" not in kinds


def test_a_dated_use_stays_apart_from_an_undated_transfer(nlp: Language) -> None:
    text = (
        "North Korea has delivered artillery shells to Russia. "
        "Russia also fired North Korean ballistic missiles at Ukraine on 6 February."
    )
    transfers = [i for i in _incidents(nlp, text) if i["kind"] == "arms_transfer"]
    assert len(transfers) == 2
    assert "2024-02-06" in {t["date"] for t in transfers}


def test_the_dprk_firing_its_own_missile_stays_a_launch(nlp: Language) -> None:
    text = "The DPRK (Democratic People's Republic of Korea) launched a ballistic missile on Monday."
    assert [i["kind"] for i in _incidents(nlp, text)] == ["missile_launch"]


def test_the_missiles_fired_later_are_the_dprk_weapons_already_told_of(nlp: Language) -> None:
    text = (
        "Russia fired North Korean missiles at Ukraine on 2 January. "
        "Officials said Russian troops had also fired one of the missiles on 30 December."
    )
    transfers = [i for i in _incidents(nlp, text) if i["kind"] == "arms_transfer"]
    assert {t["date"] for t in transfers} == {"2024-01-02", "2023-12-30"}


def test_missiles_hitting_a_city_are_never_a_dprk_launch(nlp: Language) -> None:
    text = "Missiles hit Kharkiv on Sunday, days after North Korea tested a new missile."
    assert not [i for i in _incidents(nlp, text) if i["date"] == "2024-04-28"]


def test_the_war_a_shipment_serves_is_not_its_recipient(nlp: Language) -> None:
    (transfer,) = _incidents(nlp, "Officials say Pyongyang is supplying shells for the war in Ukraine.")
    assert ("to", "country:ukraine") not in _roles(transfer)
    (sent,) = _incidents(nlp, "North Korea sent shells to Russia for its war in Ukraine.")
    assert ("to", "country:russia") in _roles(sent) and ("to", "country:ukraine") not in _roles(sent)
