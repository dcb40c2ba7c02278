"""Entities: the press is not an actor, one body is one entity whatever its short form, and organisation
names are read in full. Each rule on a sentence of our own, through the full pipeline loaded once."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from watchkeeper.reading.identity import name_key
from watchkeeper.reading.knowledge import load_knowledge
from watchkeeper.reading.pipeline import read_text


def _mentions(nlp: Language, text: str) -> dict[str, str | None]:
    return {m["text"]: m["entity_id"] or m["type"] for m in read_text(text, nlp=nlp).mentions}


def _actor_ids(nlp: Language, text: str) -> set[str]:
    reading = read_text(text, date(2024, 5, 2), nlp=nlp)
    ids = {a["entity_id"] or a["text"] for i in reading.incidents for a in i["actors"]}
    ids |= {c["claimant"]["entity_id"] or c["claimant"]["text"] for c in reading.claims}
    return ids | {q["speaker"]["entity_id"] or q["speaker"]["text"] for q in reading.quotes if q["speaker"]}


# --- the press ---


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The coastguard boarded the tanker on Friday, Kyodo News reported.", "Kyodo News"),
        ("Two officials told NK News that the shipment left in March.", "NK News"),
        ("Satellite pictures obtained by The Korea Herald show new cranes at the port.", "The Korea Herald"),
        ("Agence France-Presse could not confirm the figure independently.", "Agence France-Presse"),
    ],
)
def test_an_outlet_named_in_the_text_is_not_a_mention(nlp: Language, text: str, outlet: str) -> None:
    assert outlet not in _mentions(nlp, text)


def test_a_wire_code_is_a_press_mention_and_never_an_actor(nlp: Language) -> None:
    text = "TOKYO (AP) — North Korea launched a short-range missile toward the sea on Thursday, AP said."
    mentions = read_text(text, date(2024, 5, 2), nlp=nlp).mentions
    assert {m["text"]: m["label"] for m in mentions}.get("AP") == "PRESS"
    assert "org:ap" not in _actor_ids(nlp, text)


def test_a_photo_credit_is_not_a_mention(nlp: Language) -> None:
    mentions = _mentions(nlp, "Soldiers watch the border fence near the village. (AFP/Getty Images)")
    assert "Getty Images" not in mentions and "Getty" not in mentions


def test_a_state_news_agency_that_voices_its_state_is_a_body(nlp: Language) -> None:
    assert _mentions(nlp, "Rodong Sinmun said the drills were a rehearsal for war.").get("Rodong Sinmun") == (
        "org:rodong-sinmun"
    )


def test_a_state_owned_wire_reporting_the_news_is_the_press(nlp: Language) -> None:
    assert "org:tass" not in _actor_ids(nlp, "TASS said Russia had received the shells from North Korea.")


# --- one entity per body ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The United Nations said its inspectors had left.", "United Nations"),
        ("Inspectors from the UN left the site on Sunday.", "UN"),
        ("Inspectors from the U.N. left the site on Sunday.", "U.N."),
    ],
)
def test_every_short_form_of_the_un_is_one_entity(nlp: Language, text: str, name: str) -> None:
    assert _mentions(nlp, text).get(name) == "org:united-nations"


def test_a_short_form_before_a_common_noun_is_a_modifier_not_a_mention(nlp: Language) -> None:
    assert "UN" not in _mentions(nlp, "The ship was caught breaking UN sanctions last year.")


def test_a_short_form_before_a_noun_naming_its_kind_still_names_the_body(nlp: Language) -> None:
    assert _mentions(nlp, "The KCNA news agency called the drills a provocation.").get("KCNA") == "org:kcna"


@pytest.mark.parametrize(
    ("text", "name", "canonical"),
    [
        ("N. Korea tested an engine at the weekend.", "N. Korea", "country:north-korea"),
        ("The launch was condemned by the Security Council.", "Security Council", "org:un-security-council"),
        ("The Pentagon said the missile flew about 1,000 km.", "Pentagon", "org:us-department-of-defense"),
        ("The Justice Department charged three men.", "Justice Department", "org:us-justice-department"),
    ],
)
def test_short_forms_link_to_the_body(nlp: Language, text: str, name: str, canonical: str) -> None:
    assert _mentions(nlp, text).get(name) == canonical


@pytest.mark.parametrize(
    "name",
    [
        "Japan's foreign ministry",
        "the Japanese Foreign Ministry",
        "Tokyo's Ministry of Foreign Affairs",
        "Ministry of Foreign Affairs of Japan",
    ],
)
def test_a_ministry_is_one_entity_however_its_state_is_named(nlp: Language, name: str) -> None:
    mentions = _mentions(nlp, f"{name[0].upper()}{name[1:]} protested against the launch on Monday.")
    assert "org:japanese-foreign-ministry" in mentions.values()


def test_ministry_forms_come_from_the_state_and_kind() -> None:
    forms = {
        name
        for entry in load_knowledge().gazetteer.ministry_entries()
        if entry.id == "org:russia-defence-ministry"
        for name in entry.names
    }
    assert {"Russia's defence ministry", "Russian Defense Ministry", "Moscow’s defence ministry"} <= forms


# --- full organisation names ---


def test_a_name_cut_at_of_continues_into_the_next_name(nlp: Language) -> None:
    mentions = _mentions(nlp, "The Ministry of Foreign Affairs of Singapore summoned the envoy on Monday.")
    assert "Ministry of Foreign Affairs of Singapore" in mentions
    assert "Singapore" not in mentions


def test_a_body_noun_continues_over_for_and_the_name(nlp: Language) -> None:
    mentions = _mentions(nlp, "A researcher at the Institute for Far Eastern Studies wrote the report.")
    assert "Institute for Far Eastern Studies" in mentions


def test_a_body_noun_before_of_and_capitals_is_a_body(nlp: Language) -> None:
    mentions = _mentions(nlp, "The Office of the Director of National Intelligence released an estimate.")
    assert "Office of the Director of National Intelligence" in mentions


def test_a_bracket_glued_to_a_name_still_opens_its_initials(nlp: Language) -> None:
    mentions = _mentions(nlp, "The Joint Chiefs of Staff(JCS) said the missiles flew east.")
    assert mentions.get("JCS") == "org:south-korea-joint-chiefs-of-staff"


# --- one identity per document and across documents ---


def test_initials_in_brackets_take_the_name_they_follow(nlp: Language) -> None:
    text = "The Institute for Far Eastern Studies (IFES) in Seoul said IFES had seen the images first."
    ids = [m["entity_id"] for m in read_text(text, nlp=nlp).mentions if m["text"] == "IFES"]
    assert ids == ["org:institute-for-far-eastern-studies"] * 2


def test_a_capital_after_a_state_organ_in_is_the_state(nlp: Language) -> None:
    assert _mentions(nlp, "The health ministry in Tokyo said the debris fell outside its waters.").get(
        "Tokyo"
    ) == ("country:japan")


def test_a_capital_after_a_reporter_in_is_the_city(nlp: Language) -> None:
    assert _mentions(nlp, "Our correspondent in Tokyo watched the broadcast.").get("Tokyo") == "place:tokyo"


@pytest.mark.parametrize(("a", "b"), [("U.N.", "UN"), ("the U.S.S.R.", "USSR"), ("D.P.R.K.", "DPRK")])
def test_abbreviation_stops_do_not_part_names_across_documents(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


# --- wire datelines as real wires write them ---


@pytest.mark.parametrize(
    "text",
    [
        "BEIJING, Nov. 5 (Kyodo) -- Chinese customs data showed no coal imports last month.",
        "HANOI (Jiji Press)—Chinese customs data showed no coal imports last month.",
    ],
)
def test_a_real_wire_dateline_ends_before_the_report(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert [s.text for s in doc.sents][-1].startswith("Chinese customs data")


def test_a_description_before_a_name_is_no_part_of_it(nlp: Language) -> None:
    mentions = _mentions(nlp, "Blockchain experts Elliptic said the stolen coins were moved.")
    assert "Elliptic" in mentions and "Blockchain experts Elliptic" not in mentions
