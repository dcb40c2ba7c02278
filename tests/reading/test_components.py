"""Each component on single sentences, through the full pipeline loaded once."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.quotes import find_quote_marks


def _entities(nlp: Language, text: str) -> dict[str, tuple[str, str | None]]:
    return {m["text"]: (m["type"], m["entity_id"]) for m in read_text(text, nlp=nlp).mentions}


def test_gazetteer_overrides_the_statistical_model(nlp: Language) -> None:
    found = _entities(
        nlp, "Vassily Nebenzia said the tanker Yu Jong 2 had called at Nampo with a Hwasong-18 aboard."
    )
    assert found["Vassily Nebenzia"] == ("person", "person:vassily-nebenzia")
    assert found["Yu Jong 2"] == ("vessel", "vessel:yu-jong-2")
    assert found["Nampo"] == ("port", "port:nampo")
    assert found["Hwasong-18"] == ("program", "program:hwasong-18")


def test_capitals_are_metonyms_unless_a_place(nlp: Language) -> None:
    found = _entities(
        nlp, "Pyongyang fired a missile, officials in Seoul said, and the Kremlin stayed silent."
    )
    assert found["Pyongyang"] == ("country", "country:north-korea")
    assert found["Seoul"] == ("place", "place:seoul")
    assert found["the Kremlin"] == ("country", "country:russia")


def test_surname_alone_is_the_person_named_before(nlp: Language) -> None:
    found = read_text("Kim Jong Un watched the launch. Kim said it was a warning.", nlp=nlp).mentions
    assert [m["entity_id"] for m in found if m["text"] == "Kim"] == ["person:kim-jong-un"]


def test_quote_marks_straight_curly_and_multi_paragraph() -> None:
    text = 'He said "one two" and “three four”.\n\n“Five six\n\n“seven eight,” she said.'
    spans = [text[m.open + 1 : m.close] for m in find_quote_marks(text)]
    assert spans == ["one two", "three four", "Five six\n\n“seven eight,"]


def test_quote_speakers(nlp: Language) -> None:
    text = (
        "Russia's UN ambassador, Vassily Nebenzia, told the Council the panel was biased. "
        '"The panel has been reduced to playing along," Nebenzia said. "Its reports are one-sided," he said. '
        'US Ambassador Linda Thomas-Greenfield said: "This veto is about covering up violations."'
    )
    quotes = read_text(text, nlp=nlp).quotes
    assert [(q["text"], q["speaker"]["entity_id"]) for q in quotes] == [
        ("The panel has been reduced to playing along", "person:vassily-nebenzia"),
        ("Its reports are one-sided", "person:vassily-nebenzia"),
        ("This veto is about covering up violations.", "person:linda-thomas-greenfield"),
    ]
    assert text[quotes[0]["start"] : quotes[0]["end"]] == quotes[0]["text"]


def test_organisation_as_speaker(nlp: Language) -> None:
    text = '"Deliveries on this scale would be a clear breach," the State Department said.'
    (quote,) = read_text(text, nlp=nlp).quotes
    assert quote["speaker"]["entity_id"] == "org:us-state-department"


def test_claims_accusation_and_denial(nlp: Language) -> None:
    text = (
        "Washington and its allies accuse Moscow of buying artillery shells from Pyongyang. "
        "Both Russia and North Korea have denied the accusations."
    )
    claims = read_text(text, nlp=nlp).claims
    found = {(c["claimant"]["entity_id"], c["polarity"]) for c in claims}
    assert found == {
        ("country:united-states", "asserts"),
        ("country:russia", "denies"),
        ("country:north-korea", "denies"),
    }
    accusation = next(c for c in claims if c["polarity"] == "asserts")
    assert [a["entity_id"] for a in accusation["accused"]] == ["country:russia"]
    assert accusation["act"] == "arms_transfer"
    denial = next(c for c in claims if c["claimant"]["entity_id"] == "country:russia")
    assert denial["act"] == "arms_transfer"  # "the accusations" refers back to the claim before


def test_incident_launch_with_date_actor_and_quantity(nlp: Language) -> None:
    text = "North Korea launched an intercontinental ballistic missile on Monday that flew about 1,000 km."
    (incident,) = read_text(text, date(2023, 12, 18), nlp=nlp).incidents
    assert incident["kind"] == "missile_launch"
    assert (incident["date"], incident["precision"]) == ("2023-12-18", "day")
    assert {(a["role"], a["entity_id"]) for a in incident["actors"]} == {("launcher", "country:north-korea")}
    assert [q["text"] for q in incident["quantities"]] == ["about 1,000 km"]
    assert incident["status"] == "confirmed"


def test_incident_dates_hang_off_their_trigger(nlp: Language) -> None:
    text = "Monday's launch was its third flight, after tests in April and July."
    incidents = read_text(text, date(2023, 12, 19), nlp=nlp).incidents
    assert {(i["date"], i["precision"]) for i in incidents} >= {
        ("2023-04-01", "month"),
        ("2023-07-01", "month"),
    }


def test_incident_without_date_takes_publication(nlp: Language) -> None:
    (incident,) = read_text(
        "Researchers tracked refined petroleum deliveries by Russia.", date(2024, 11, 22), nlp=nlp
    ).incidents
    assert incident["kind"] == "petroleum_delivery"
    assert (incident["date"], incident["precision"]) == ("2024-11-22", "publication")
    assert incident["status"] == "alleged"


def test_council_vote_tally(nlp: Language) -> None:
    text = "The resolution won 13 in favour, one against, one abstention. Russia vetoed it on Thursday."
    (vote,) = read_text(text, date(2024, 3, 28), nlp=nlp).incidents
    assert vote["kind"] == "council_vote"
    assert vote["tally"] == {"for": 13, "against": 1, "abstain": 1}
    assert ("voters_against", "country:russia") in {(a["role"], a["entity_id"]) for a in vote["actors"]}


def test_council_vote_voters_by_role(nlp: Language) -> None:
    for text in (
        "Thirteen members voted for the draft. Russia voted against it and China abstained.",
        "The Security Council vote was 13 in favor, with Russia against and China abstaining.",
    ):
        (vote,) = read_text(text, date(2024, 3, 28), nlp=nlp).incidents
        roles = {(a["role"], a["entity_id"]) for a in vote["actors"]}
        assert roles == {("voters_against", "country:russia"), ("abstaining", "country:china")}, text
        assert vote["tally"] == {"for": 13, "against": 1, "abstain": 1}
