"""Who claims, who denies, and who does what in an incident: the rules measured on the gold corpus, each on a
sentence of its own, through the full pipeline loaded once."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from watchkeeper.reading.pipeline import read_text


def _claims(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(c["claimant"]["entity_id"], c["polarity"]) for c in read_text(text, nlp=nlp).claims}


def _actors(nlp: Language, text: str, kind: str) -> set[tuple[str, str]]:
    incidents = [i for i in read_text(text, date(2024, 3, 1), nlp=nlp).incidents if i["kind"] == kind]
    assert incidents, f"no {kind} in {text!r}"
    return {(a["role"], a["entity_id"]) for i in incidents for a in i["actors"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role noun of the subject names the state it speaks for, even beside the person's name
        (
            "Russia's ambassador, Vassily Nebenzia, told the Council the panel had lost its impartiality.",
            {("country:russia", "asserts")},
        ),
        ("Ukrainian officials say Russia has fired North Korean missiles.", {("country:ukraine", "asserts")}),
        # a state organ speaks for its state
        (
            "North Korea has delivered 1,000 containers of munitions to Russia, the White House said.",
            {("country:united-states", "asserts")},
        ),
    ],
)
def test_claimant_is_the_state_spoken_for(nlp: Language, text: str, expected: set) -> None:
    assert _claims(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pyongyang says it has never sent arms to Russia.", {("country:north-korea", "denies")}),
        (
            "Moscow says its ties with North Korea do not break any international rules.",
            {("country:russia", "denies")},
        ),
        (
            "The arms trade has been denied by both Moscow and Pyongyang.",
            {("country:russia", "denies"), ("country:north-korea", "denies")},
        ),
        (
            "Both countries have repeatedly denied that Pyongyang supplies weapons to Moscow.",
            {("country:russia", "denies"), ("country:north-korea", "denies")},
        ),
        (
            "North Korea has not commented. It routinely rejects accusations of cybercrime.",
            {("country:north-korea", "denies")},
        ),
    ],
)
def test_denials(nlp: Language, text: str, expected: set) -> None:
    assert _claims(nlp, text) == expected


def test_a_dismissal_as_fabrication_accuses_its_source_and_is_the_state_denial(nlp: Language) -> None:
    text = "North Korea's state news agency, KCNA, has dismissed the reports as a US fabrication."
    claims = read_text(text, nlp=nlp).claims
    assert {(c["claimant"]["entity_id"], c["polarity"]) for c in claims} == {
        ("org:kcna", "asserts"),
        ("country:north-korea", "denies"),
    }
    accusation = next(c for c in claims if c["polarity"] == "asserts")
    assert [a["entity_id"] for a in accusation["accused"]] == ["country:united-states"]


@pytest.mark.parametrize(
    "text",
    [
        "Russia is said to have supplied air defence systems to North Korea.",  # the accused, not a claimant
        "In January, North Korea said it had tested a solid-fuel missile.",  # a state reporting itself
        "A UK-based research group said North Korean tankers had shipped fuel from Russia.",  # not the UK
    ],
)
def test_no_claim_for_the_accused_or_a_qualifier(nlp: Language, text: str) -> None:
    assert not any(
        claimant in ("country:russia", "country:north-korea", "country:united-kingdom")
        for claimant, _ in _claims(nlp, text)
    )


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "Russia fired North Korean ballistic missiles at Ukraine.",
            "arms_transfer",
            {("from", "country:north-korea"), ("to", "country:russia")},
        ),
        (
            "A North Korean missile hit Kharkiv on 2 January.",
            "arms_transfer",
            {("from", "country:north-korea")},
        ),
        (
            "North Korean tankers called at the Russian port of Vostochny.",
            "port_call",
            {("from", "country:north-korea"), ("to", "country:russia")},
        ),
        (
            "LONDON, Nov 22 (GPA) - Russia has shipped more than a million barrels of refined petroleum.",
            "petroleum_delivery",
            {("supplier", "country:russia"), ("recipient", "country:north-korea")},
        ),
        (
            "The Panel of Experts was investigating 58 suspected DPRK cyberattacks on crypto firms.",
            "cyber_theft",
            {("perpetrator", "country:north-korea")},
        ),
        ("Its mandate lapsed after Russia's veto.", "council_vote", {("voters_against", "country:russia")}),
        (
            "Moscow said that its veto was a principled response.",
            "council_vote",
            {("voters_against", "country:russia")},
        ),
        (
            "North Korea has sent 13,000 containers to Russia that carried artillery shells in August.",
            "arms_transfer",
            {("from", "country:north-korea"), ("to", "country:russia")},
        ),
    ],
)
def test_incident_actors(nlp: Language, text: str, kind: str, expected: set) -> None:
    assert _actors(nlp, text, kind) == expected


def test_a_lead_report_and_its_dated_report_are_one_incident(nlp: Language) -> None:
    text = (
        "North Korea has delivered 1,000 containers of munitions to Russia, the White House said.\n\n"
        "The containers were loaded at Najin and shipped to Dunai between September 7 and October 1."
    )
    (incident,) = read_text(text, date(2023, 10, 13), nlp=nlp).incidents
    dated = (incident["date"], incident["date_end"], incident["precision"])
    assert dated == ("2023-09-07", "2023-10-01", "range")
    assert len(incident["mentions"]) == 2


def test_mentions_leave_out_a_modifying_un_and_link_a_misread_surname(nlp: Language) -> None:
    text = (
        "John Kirby, a spokesman for the National Security Council, said the cargo was loaded at Najin. "
        "According to Kirby, the deliveries broke UN sanctions."
    )
    mentions = {(m["text"], m["entity_id"]) for m in read_text(text, nlp=nlp).mentions}
    assert not any(t == "UN" for t, _ in mentions)
    assert ("Kirby", "person:john-kirby") in mentions  # the small model reads this "Kirby" as a place
