"""Who speaks and as what: statements, former and unnamed speakers, mandates, admissions, reporters."""

from __future__ import annotations

from datetime import date

from watchkeeper.assess.sources import (
    admits,
    in_office,
    is_anonymous,
    is_former,
    is_objection,
    is_statement,
    mandate_end,
    original_reporter,
)
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.reading import Claim


def _doc(text: str, outlet: str = "harbour-ledger", wire: str | None = None) -> Document:
    return Document(id="doc-1", text=text, outlet_id=outlet, outlet_name=outlet, wire_id=wire)


def _claim(text: str, content: str, cue: str, claimant: str) -> Claim:
    start = text.index(content)
    return Claim(
        id="claim-1",
        document_id="doc-1",
        start=start,
        end=start + len(content),
        sent_start=0,
        sent_end=len(text),
        cue=cue,
        polarity="asserts",
        act="petroleum_delivery",
        claimant_text=claimant,
    )


def test_a_state_named_inside_what_a_researcher_said_is_not_speaking() -> None:
    text = (
        "A think-tank in Oslo reported that North Korean barges had made 12 runs to the port "
        "and estimated their load."
    )
    claim = _claim(text, text[text.index("North Korean") :], "estimated", "North Korean")
    assert not is_statement(_doc(text), claim)


def test_a_state_that_speaks_is_a_statement() -> None:
    text = "North Korea's state media said on Sunday that the new rocket had flown 900 km."
    assert is_statement(_doc(text), _claim(text, text, "said", "North Korea"))
    text = "The rocket flew 900 km, according to KCNA, the state news agency."
    assert is_statement(_doc(text), _claim(text, text, "according", "KCNA"))


def test_no_comment_is_no_statement() -> None:
    text = "Pyongyang has not commented on the shipments, which the group tracked by satellite."
    assert not is_statement(_doc(text), _claim(text, text, "commented", "Pyongyang"))
    text = "The embassy of North Korea declined to comment when reached by telephone."
    assert not is_statement(_doc(text), _claim(text, text, "comment", "North Korea"))


def test_a_former_member_does_not_speak_for_the_body() -> None:
    text = '"It is a lifeline," said a former member of the UN Panel of Experts who asked not to be named.'
    claim = _claim(text, text, "said", "UN Panel of Experts")
    assert is_former(_doc(text), claim) and is_anonymous(text)
    text = '"It is a lifeline," the UN Panel of Experts wrote in its final report.'
    assert not is_former(_doc(text), _claim(text, text, "wrote", "UN Panel of Experts"))


def test_the_panel_is_official_only_within_its_mandate_from_the_regime_data() -> None:
    panel = "org:un-panel-of-experts"
    assert mandate_end(panel) == date(2024, 4, 30)
    assert in_office(panel, date(2024, 3, 8)) and not in_office(panel, date(2024, 11, 29))
    assert in_office("country:japan", date(2030, 1, 1))  # a state has no mandate to end


def test_only_a_party_affirming_its_own_act_admits_it() -> None:
    admitting = {"country:north-korea", "country:south-korea"}
    assert admits("country:north-korea", None, admitting)
    assert admits("country:north-korea", "org:kcna", admitting)  # KCNA speaks for the DPRK
    # extracted as a recipient, Seoul accusing Pyongyang is an accusation, not an admission
    assert not admits("country:south-korea", "country:north-korea", admitting)
    assert not admits("country:ukraine", None, admitting)


def test_a_wire_and_its_copies_are_one_original_reporter() -> None:
    carried = _doc("text", outlet="han-river-dispatch", wire="global-press-agency")
    own = _doc("text", outlet="global-press-agency", wire="global-press-agency")
    assert original_reporter(carried) == original_reporter(own) == "outlet:global-press-agency"
    assert original_reporter(_doc("text")) == "outlet:harbour-ledger"


def test_objecting_to_the_measures_is_no_denial_of_the_act() -> None:
    assert is_objection("Pyongyang brushes off criticism of its rocket tests as hostile talk.")
    assert is_objection("The foreign ministry called the tests a sovereign right.")
    assert not is_objection("Pyongyang says the reported launch never took place.")


def test_a_body_opening_its_sentence_speaks_through_its_verb_however_far() -> None:
    # the ministry is the subject of "filed ... accusing", so its claim is its statement
    text = (
        "The Interior Ministry on Monday filed papers in a provincial court accusing the crew of smuggling."
    )
    assert is_statement(_doc(text), _claim(text, text, "accusing", "Interior Ministry"))


def test_a_name_opening_the_sentence_before_a_clause_break_is_not_the_speaker() -> None:
    # "North Korea shipped it, the ministry said": the speech verb after the comma is the ministry's
    text = "North Korea shipped the shells by rail to the border in October, the ministry said."
    assert not is_statement(_doc(text), _claim(text, text, "said", "North Korea"))
