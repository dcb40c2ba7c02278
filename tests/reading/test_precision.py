"""What is not an entity and what is not an incident: the precision rules measured on the gold corpus, each on
a sentence of its own, through the full pipeline loaded once."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from watchkeeper.reading.pipeline import read_text


def _mentions(nlp: Language, text: str) -> dict[str, str | None]:
    return {m["text"]: m["entity_id"] or m["type"] for m in read_text(text, nlp=nlp).mentions}


def _kinds(nlp: Language, text: str) -> list[str]:
    return [i["kind"] for i in read_text(text, date(2024, 3, 1), nlp=nlp).incidents]


def test_a_wire_code_in_a_dateline_is_the_wire(nlp: Language) -> None:
    mentions = _mentions(nlp, "SEOUL, Dec 18 (GPA) - North Korea fired a long-range missile on Monday.")
    assert mentions.get("GPA") == "org:global-press-agency"


def test_a_state_news_agency_is_a_body(nlp: Language) -> None:
    assert (
        _mentions(nlp, "North Korea's state news agency, KCNA, dismissed the reports.").get("KCNA")
        == "org:kcna"
    )


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (
            "Ship-tracking data reviewed by Harbour Ledger show long gaps in their positions.",
            "Harbour Ledger",
        ),
        ("The figures were first reported by Han River Dispatch on Monday.", "Han River Dispatch"),
        ("Additional reporting by Global Press Agency.", "Global Press Agency"),
    ],
)
def test_the_press_that_reports_is_not_a_mention(nlp: Language, text: str, outlet: str) -> None:
    assert not any(outlet in name for name in _mentions(nlp, text))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Photographs released by the agency showed Kim watching the launch.", "Photographs"),  # NNS
        ("Older methods have not disappeared.", "Older"),  # an adjective
        ("The Panel ceased to exist on 30 April 2024.", "Panel"),  # not_names in gazetteer.yaml
    ],
)
def test_a_lone_common_word_is_not_a_name(nlp: Language, text: str, word: str) -> None:
    assert word not in _mentions(nlp, text)


def test_a_title_case_run_in_a_headline_is_not_a_name(nlp: Language) -> None:
    mentions = _mentions(
        nlp, "Stolen Coins, Funded Missiles: The DPRK's Crypto Theft after Bybit\n\nThe text."
    )
    assert not {"Stolen Coins", "Funded Missiles", "Crypto Theft"} & set(mentions)
    assert mentions.get("DPRK") == "country:north-korea"  # the gazetteer's names still count


def test_a_person_naming_a_thing_is_not_a_person(nlp: Language) -> None:
    text = "The launch came after South Korea and the United States wrapped up their Freedom Shield exercise."
    assert "Freedom Shield" not in _mentions(nlp, text)


def test_a_known_place_is_not_a_person(nlp: Language) -> None:
    assert (
        _mentions(nlp, "Missiles struck Zaporizhzhia overnight.").get("Zaporizhzhia") == "place:zaporizhzhia"
    )


def test_united_nations_in_a_dateline_is_the_organisation(nlp: Language) -> None:
    text = "UNITED NATIONS, March 28 (GPA) - Russia vetoed the renewal of the panel."
    assert _mentions(nlp, text).get("UNITED NATIONS") == "org:united-nations"


@pytest.mark.parametrize(
    "text",
    [
        # plural triggers with no date, amount or named doer: a practice
        "Over fifteen years the experts documented ship-to-ship transfers of oil and coal.",
        # a habitual cue with no date or amount of its own
        "Pyongyang has long used ship-to-ship transfers to obtain refined petroleum.",
    ],
)
def test_a_generic_mention_is_not_an_incident(nlp: Language, text: str) -> None:
    assert "ship_to_ship_transfer" not in _kinds(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a named doer makes plural objects an act
        "Washington and Seoul say North Korea has since sent artillery shells and missiles to Russia.",
        # so does a named agent
        "Researchers tracked refined petroleum deliveries by Russia.",
        # a date of its own makes it one event
        "The tanker took part in ship-to-ship transfers off Nampo on 2 January.",
    ],
)
def test_a_specific_mention_stays_an_incident(nlp: Language, text: str) -> None:
    assert _kinds(nlp, text)
